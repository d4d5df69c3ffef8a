import BulkheadCore
import Foundation
import GRDB

/// Sessions, failed logins, invitations and operators on `control.db`.
extension SQLiteControlTransaction {
    // MARK: Sessions

    func insertSession(_ session: SessionID, user: UserID, org: OrgID, issuedAt: Date, expiresAt: Date) throws {
        try db.execute(sql: """
            INSERT INTO sessions (id, user_id, org_id, issued_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)
            """, arguments: [session.rawValue, user.rawValue, org.rawValue, issuedAt, expiresAt])
    }

    func session(_ session: SessionID) throws -> StoredSession? {
        guard let row = try Row.fetchOne(db, sql: "SELECT user_id, org_id, expires_at, revoked_at, key_fingerprint FROM sessions WHERE id = ?",
                                         arguments: [session.rawValue]),
              let user = UserID(rawValue: row["user_id"]), let org = OrgID(rawValue: row["org_id"]) else { return nil }
        return StoredSession(userID: user, orgID: org, expiresAt: row["expires_at"], revokedAt: row["revoked_at"],
                             keyFingerprint: row["key_fingerprint"])
    }

    func revokeSession(_ session: SessionID, of user: UserID, at: Date) throws {
        try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
                       arguments: [at, session.rawValue, user.rawValue])
    }

    func revokeSessions(org: OrgID, user: UserID?, at: Date) throws {
        if let user {
            try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND org_id = ? AND revoked_at IS NULL",
                           arguments: [at, user.rawValue, org.rawValue])
        } else {
            try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE org_id = ? AND revoked_at IS NULL",
                           arguments: [at, org.rawValue])
        }
    }

    // MARK: Failed logins

    func lockedUntil(email: String, client: String) throws -> Date? {
        try Date.fetchOne(db, sql: "SELECT locked_until FROM login_failures WHERE email = ? AND client = ?", arguments: [email, client])
    }

    func purgeLoginFailures(before horizon: Date, now: Date) throws {
        try db.execute(sql: "DELETE FROM login_failures WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until <= ?)",
                       arguments: [horizon, now])
    }

    func failureCount(email: String, client: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count FROM login_failures WHERE email = ? AND client = ?", arguments: [email, client]) ?? 0
    }

    func setLoginFailures(email: String, client: String, count: Int, at: Date, lockedUntil: Date?) throws {
        try db.execute(sql: """
            INSERT INTO login_failures (email, client, count, last_failure_at, locked_until) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(email, client) DO UPDATE SET count = excluded.count, last_failure_at = excluded.last_failure_at,
                locked_until = excluded.locked_until
            """, arguments: [email, client, count, at, lockedUntil])
    }

    func clearLoginFailures(email: String, client: String) throws {
        try db.execute(sql: "DELETE FROM login_failures WHERE email = ? AND client = ?", arguments: [email, client])
    }

    // MARK: Invitations

    func deleteInvitation(org: OrgID, email: String) throws -> Bool {
        try db.execute(sql: "DELETE FROM invitations WHERE org_id = ? AND email = ?", arguments: [org.rawValue, email])
        return db.changesCount > 0
    }

    func deleteInvitations(email: String) throws {
        try db.execute(sql: "DELETE FROM invitations WHERE email = ?", arguments: [email])
    }

    func putInvitation(_ invitation: StoredInvitation, invitedBy: String, at: Date, expiresAt: Date) throws {
        try db.execute(sql: """
            INSERT INTO invitations (org_id, email, role, code_hash, invited_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(org_id, email) DO UPDATE SET role = excluded.role, code_hash = excluded.code_hash,
                invited_by = excluded.invited_by, created_at = excluded.created_at, expires_at = excluded.expires_at
            """, arguments: [invitation.orgID.rawValue, invitation.email, invitation.role.rawValue, invitation.codeHash,
                             invitedBy, at, expiresAt])
    }

    func codeInvitations(email: String, now: Date) throws -> [StoredInvitation] {
        try invitationRows(sql: """
            SELECT org_id, email, role, code_hash FROM invitations WHERE email = ? AND code_hash IS NOT NULL AND expires_at > ?
            """, [email, now])
    }

    func invitation(email: String, naming org: String, now: Date) throws -> StoredInvitation? {
        try invitationRows(sql: """
            SELECT i.org_id, i.email, i.role, i.code_hash FROM invitations i JOIN organizations o ON o.id = i.org_id
            WHERE i.email = ? AND i.expires_at > ? AND (o.name = ? COLLATE NOCASE OR o.id = ?) LIMIT 1
            """, [email, now, org, org]).first
    }

    func invitations(of org: OrgID, now: Date) throws -> [StoredInvitation] {
        try invitationRows(sql: """
            SELECT org_id, email, role, code_hash FROM invitations WHERE org_id = ? AND expires_at > ? ORDER BY email
            """, [org.rawValue, now])
    }

    private func invitationRows(sql: String, _ arguments: StatementArguments) throws -> [StoredInvitation] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
            guard let org = OrgID(rawValue: row["org_id"]), let role = Role(rawValue: row["role"]) else { return nil }
            return StoredInvitation(orgID: org, email: row["email"], role: role, codeHash: row["code_hash"])
        }
    }

    // MARK: Operators

    func operatorCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operators") ?? 0
    }

    func insertOperator(_ id: OperatorID, name: String, keyDigest: String, at: Date) throws {
        try db.execute(sql: "INSERT INTO operators (id, name, key_sha256, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [id.rawValue, name, keyDigest, at])
    }

    func operatorRecord(_ id: OperatorID) throws -> OperatorRecord? {
        try operatorRows(sql: "SELECT id, name, key_sha256, revoked_at FROM operators WHERE id = ?", [id.rawValue]).first
    }

    func revokeOperator(_ id: OperatorID, at: Date) throws {
        try db.execute(sql: "UPDATE operators SET revoked_at = ? WHERE id = ?", arguments: [at, id.rawValue])
    }

    func firstActiveOperator() throws -> OperatorRecord? {
        try operatorRows(sql: """
            SELECT id, name, key_sha256, revoked_at FROM operators WHERE revoked_at IS NULL ORDER BY created_at LIMIT 1
            """, []).first
    }

    private func operatorRows(sql: String, _ arguments: StatementArguments) throws -> [OperatorRecord] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
            OperatorID(rawValue: row["id"]).map {
                OperatorRecord(id: $0, name: row["name"], keyDigest: row["key_sha256"], revoked: (row["revoked_at"] as Date?) != nil)
            }
        }
    }
}
