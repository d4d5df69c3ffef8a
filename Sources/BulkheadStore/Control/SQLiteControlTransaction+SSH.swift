import BulkheadCore
import Foundation
import GRDB

extension SQLiteControlTransaction {
    // MARK: SSH keys

    func sshKeyExists(fingerprint: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM ssh_keys WHERE fingerprint = ?", arguments: [fingerprint]) ?? false
    }

    func insertSSHKey(_ key: NewSSHKey) throws {
        try db.execute(sql: """
            INSERT INTO ssh_keys (id, user_id, fingerprint, public_key, created_at, algorithm, comment, added_by, org_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [key.id, key.user.rawValue, key.fingerprint, key.publicKey, key.at, key.algorithm, key.comment, key.addedBy,
                             key.org?.rawValue])
    }

    func sshKeys(of user: UserID, openingOrg: OrgID?) throws -> [SSHKeyRecord] {
        try Row.fetchAll(db, sql: """
            SELECT k.fingerprint, k.algorithm, k.comment, k.created_at, k.last_used_at, u.email, o.name AS org_name
            FROM ssh_keys k JOIN users u ON u.id = k.user_id LEFT JOIN organizations o ON o.id = k.org_id
            WHERE k.user_id = ? AND (? IS NULL OR k.org_id IS NULL OR k.org_id = ?) ORDER BY k.created_at, k.fingerprint
            """, arguments: [user.rawValue, openingOrg?.rawValue, openingOrg?.rawValue]).map { row in
            SSHKeyRecord(fingerprint: row["fingerprint"], algorithm: row["algorithm"], comment: row["comment"], email: row["email"],
                         orgName: row["org_name"], addedAt: row["created_at"], lastUsedAt: row["last_used_at"])
        }
    }

    func sshKeyOwner(fingerprint: String) throws -> SSHKeyOwner? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT k.user_id, k.org_id, u.email FROM ssh_keys k JOIN users u ON u.id = k.user_id WHERE k.fingerprint = ?
            """, arguments: [fingerprint]), let user = UserID(rawValue: row["user_id"]) else { return nil }
        return SSHKeyOwner(user: user, email: row["email"], org: (row["org_id"] as String?).flatMap(OrgID.init(rawValue:)))
    }

    func userHasSSHKey(_ user: UserID, fingerprint: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM ssh_keys WHERE fingerprint = ? AND user_id = ?", arguments: [fingerprint, user.rawValue])
            ?? false
    }

    func deleteSSHKey(fingerprint: String, at: Date) throws {
        try db.execute(sql: "DELETE FROM ssh_keys WHERE fingerprint = ?", arguments: [fingerprint])
        try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE key_fingerprint = ? AND revoked_at IS NULL", arguments: [at, fingerprint])
    }

    func touchSSHKey(fingerprint: String, at: Date) throws {
        try db.execute(sql: "UPDATE ssh_keys SET last_used_at = ? WHERE fingerprint = ?", arguments: [at, fingerprint])
    }

    // MARK: Host keys

    func hostKeyFingerprints() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT fingerprint FROM ssh_host_keys")
    }

    func insertHostKey(fingerprint: String, at: Date) throws {
        try db.execute(sql: "INSERT INTO ssh_host_keys (fingerprint, created_at) VALUES (?, ?)", arguments: [fingerprint, at])
    }

    // MARK: Failed SSH authentications

    func sshLockedUntil(subject: String, client: String) throws -> Date? {
        try Date.fetchOne(db, sql: "SELECT locked_until FROM ssh_failures WHERE subject = ? AND client = ?", arguments: [subject, client])
    }

    func purgeSSHFailures(before horizon: Date, now: Date) throws {
        try db.execute(sql: "DELETE FROM ssh_failures WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until <= ?)",
                       arguments: [horizon, now])
    }

    func sshFailureCount(subject: String, client: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count FROM ssh_failures WHERE subject = ? AND client = ?", arguments: [subject, client]) ?? 0
    }

    func setSSHFailures(subject: String, client: String, count: Int, at: Date, lockedUntil: Date?) throws {
        try db.execute(sql: """
            INSERT INTO ssh_failures (subject, client, count, last_failure_at, locked_until) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(subject, client) DO UPDATE SET count = excluded.count, last_failure_at = excluded.last_failure_at,
                locked_until = excluded.locked_until
            """, arguments: [subject, client, count, at, lockedUntil])
    }

    func clearSSHFailures(subject: String, client: String) throws {
        try db.execute(sql: "DELETE FROM ssh_failures WHERE subject = ? AND client = ?", arguments: [subject, client])
    }

    // MARK: SSH sessions

    func sshSessionRole(fingerprint: String, user: UserID, org: OrgID) throws -> Role? {
        try String.fetchOne(db, sql: """
            SELECT m.role FROM ssh_keys k
            JOIN memberships m ON m.user_id = k.user_id AND m.org_id = ?
            JOIN organizations o ON o.id = m.org_id
            WHERE k.fingerprint = ? AND k.user_id = ? AND (k.org_id IS NULL OR k.org_id = m.org_id) AND o.suspended_at IS NULL
            """, arguments: [org.rawValue, fingerprint, user.rawValue]).flatMap(Role.init(rawValue:))
    }

    func insertSSHSession(_ session: SessionID, user: UserID, org: OrgID, issuedAt: Date, expiresAt: Date, fingerprint: String,
                          client: String) throws {
        try db.execute(sql: """
            INSERT INTO sessions (id, user_id, org_id, issued_at, expires_at, revoked_at, kind, key_fingerprint, client)
            VALUES (?, ?, ?, ?, ?, NULL, 'ssh', ?, ?)
            """, arguments: [session.rawValue, user.rawValue, org.rawValue, issuedAt, expiresAt, fingerprint, client])
    }

    func closeSSHSession(_ session: SessionID, at: Date) throws {
        try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE id = ? AND kind = 'ssh' AND revoked_at IS NULL",
                       arguments: [at, session.rawValue])
    }

    func revokeSession(_ session: SessionID, org: OrgID, at: Date) throws {
        try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE id = ? AND org_id = ? AND revoked_at IS NULL",
                       arguments: [at, session.rawValue, org.rawValue])
    }

    func sshSessions(of user: UserID) throws -> [(id: SessionID, revoked: Bool)] {
        try Row.fetchAll(db, sql: """
            SELECT id, revoked_at IS NOT NULL AS revoked FROM sessions WHERE user_id = ? AND kind = 'ssh' ORDER BY issued_at DESC
            """, arguments: [user.rawValue]).compactMap { row in SessionID(rawValue: row["id"]).map { ($0, row["revoked"] as Bool) } }
    }

    func openSessions(org: OrgID, user: UserID?, now: Date) throws -> [StoredSessionListing] {
        try Row.fetchAll(db, sql: """
            SELECT s.id, s.kind, s.client, s.key_fingerprint, s.issued_at, s.expires_at, u.email
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.org_id = ? AND (? IS NULL OR s.user_id = ?) AND s.revoked_at IS NULL AND s.expires_at > ?
            ORDER BY s.issued_at, s.id
            """, arguments: [org.rawValue, user?.rawValue, user?.rawValue, now]).compactMap { row in
            SessionID(rawValue: row["id"]).map {
                StoredSessionListing(id: $0, email: row["email"], kind: row["kind"], client: row["client"], keyFingerprint: row["key_fingerprint"],
                                     issuedAt: row["issued_at"], expiresAt: row["expires_at"])
            }
        }
    }
}
