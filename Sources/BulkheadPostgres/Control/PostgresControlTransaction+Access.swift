import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Foundation
import PostgresNIO

/// Sessions, failed logins, invitations and operators on PostgreSQL.
extension PostgresControlTransaction {
    // MARK: Sessions

    func insertSession(_ session: SessionID, user: UserID, org: OrgID, issuedAt: Date, expiresAt: Date) throws {
        try pin.execute("""
            INSERT INTO bulkhead.sessions (id, user_id, org_id, issued_at, expires_at, revoked_at)
            VALUES (\(session.rawValue), \(user.rawValue), \(org.rawValue), \(issuedAt), \(expiresAt), NULL)
            """)
    }

    func session(_ session: SessionID) throws -> StoredSession? {
        guard let row = try rows("""
            SELECT user_id, org_id, expires_at, revoked_at, key_fingerprint FROM bulkhead.sessions WHERE id = \(session.rawValue)
            """).first
        else { return nil }
        let (user, org, expires, revoked, fingerprint) = try row.decode((String, String, Date, Date?, String?).self)
        guard let userID = UserID(rawValue: user), let orgID = OrgID(rawValue: org) else { return nil }
        return StoredSession(userID: userID, orgID: orgID, expiresAt: expires, revokedAt: revoked, keyFingerprint: fingerprint)
    }

    func revokeSession(_ session: SessionID, of user: UserID, at: Date) throws {
        try pin.execute("""
            UPDATE bulkhead.sessions SET revoked_at = \(at) WHERE id = \(session.rawValue) AND user_id = \(user.rawValue) AND revoked_at IS NULL
            """)
    }

    func revokeSessions(org: OrgID, user: UserID?, at: Date) throws {
        try pin.execute("""
            UPDATE bulkhead.sessions SET revoked_at = \(at)
            WHERE org_id = \(org.rawValue) AND (\(user?.rawValue)::text IS NULL OR user_id = \(user?.rawValue)) AND revoked_at IS NULL
            """)
    }

    // MARK: Failed logins

    func lockedUntil(email: String, client: String) throws -> Date? {
        try rows("SELECT locked_until FROM bulkhead.login_failures WHERE email = \(email) AND client = \(client)").first
            .flatMap { try $0.decode(Date?.self) }
    }

    func purgeLoginFailures(before horizon: Date, now: Date) throws {
        try pin.execute("""
            DELETE FROM bulkhead.login_failures WHERE last_failure_at < \(horizon) AND (locked_until IS NULL OR locked_until <= \(now))
            """)
    }

    func failureCount(email: String, client: String) throws -> Int {
        try value("SELECT count FROM bulkhead.login_failures WHERE email = \(email) AND client = \(client)", Int.self) ?? 0
    }

    func setLoginFailures(email: String, client: String, count: Int, at: Date, lockedUntil: Date?) throws {
        try pin.execute("""
            INSERT INTO bulkhead.login_failures (email, client, count, last_failure_at, locked_until)
            VALUES (\(email), \(client), \(count), \(at), \(lockedUntil))
            ON CONFLICT (email, client) DO UPDATE SET count = excluded.count, last_failure_at = excluded.last_failure_at,
                locked_until = excluded.locked_until
            """)
    }

    func clearLoginFailures(email: String, client: String) throws {
        try pin.execute("DELETE FROM bulkhead.login_failures WHERE email = \(email) AND client = \(client)")
    }

    // MARK: Invitations

    func deleteInvitation(org: OrgID, email: String) throws -> Bool {
        try any("DELETE FROM bulkhead.invitations WHERE org_id = \(org.rawValue) AND email = \(email) RETURNING 1")
    }

    func deleteInvitations(email: String) throws {
        try pin.execute("DELETE FROM bulkhead.invitations WHERE email = \(email)")
    }

    func putInvitation(_ invitation: StoredInvitation, invitedBy: String, at: Date, expiresAt: Date) throws {
        try pin.execute("""
            INSERT INTO bulkhead.invitations (org_id, email, role, code_hash, invited_by, created_at, expires_at)
            VALUES (\(invitation.orgID.rawValue), \(invitation.email), \(invitation.role.rawValue), \(invitation.codeHash), \(invitedBy),
                    \(at), \(expiresAt))
            ON CONFLICT (org_id, email) DO UPDATE SET role = excluded.role, code_hash = excluded.code_hash,
                invited_by = excluded.invited_by, created_at = excluded.created_at, expires_at = excluded.expires_at
            """)
    }

    func codeInvitations(email: String, now: Date) throws -> [StoredInvitation] {
        try invitations("""
            SELECT org_id, email, role, code_hash FROM bulkhead.invitations
            WHERE email = \(email) AND code_hash IS NOT NULL AND expires_at > \(now)
            """)
    }

    func invitation(email: String, naming org: String, now: Date) throws -> StoredInvitation? {
        try invitations("""
            SELECT i.org_id, i.email, i.role, i.code_hash FROM bulkhead.invitations i JOIN bulkhead.organizations o ON o.id = i.org_id
            WHERE i.email = \(email) AND i.expires_at > \(now) AND (lower(o.name) = lower(\(org)) OR o.id = \(org)) LIMIT 1
            """).first
    }

    func invitations(of org: OrgID, now: Date) throws -> [StoredInvitation] {
        try invitations("""
            SELECT org_id, email, role, code_hash FROM bulkhead.invitations WHERE org_id = \(org.rawValue) AND expires_at > \(now) ORDER BY email
            """)
    }

    private func invitations(_ query: PostgresQuery) throws -> [StoredInvitation] {
        try rows(query).compactMap { row in
            let (org, email, role, hash) = try row.decode((String, String, String, String?).self)
            guard let orgID = OrgID(rawValue: org), let role = Role(rawValue: role) else { return nil }
            return StoredInvitation(orgID: orgID, email: email, role: role, codeHash: hash)
        }
    }

    // MARK: Operators

    func operatorCount() throws -> Int {
        try value("SELECT count(*) FROM bulkhead.operators", Int.self) ?? 0
    }

    func insertOperator(_ id: OperatorID, name: String, keyDigest: String, at: Date) throws {
        try pin.execute("INSERT INTO bulkhead.operators (id, name, key_sha256, created_at) VALUES (\(id.rawValue), \(name), \(keyDigest), \(at))")
    }

    func operatorRecord(_ id: OperatorID) throws -> OperatorRecord? {
        try operators("SELECT id, name, key_sha256, revoked_at IS NOT NULL FROM bulkhead.operators WHERE id = \(id.rawValue)").first
    }

    func revokeOperator(_ id: OperatorID, at: Date) throws {
        try pin.execute("UPDATE bulkhead.operators SET revoked_at = \(at) WHERE id = \(id.rawValue)")
    }

    func firstActiveOperator() throws -> OperatorRecord? {
        try operators("""
            SELECT id, name, key_sha256, false FROM bulkhead.operators WHERE revoked_at IS NULL ORDER BY created_at LIMIT 1
            """).first
    }

    private func operators(_ query: PostgresQuery) throws -> [OperatorRecord] {
        try rows(query).compactMap { row in
            let (id, name, digest, revoked) = try row.decode((String, String, String, Bool).self)
            return OperatorID(rawValue: id).map { OperatorRecord(id: $0, name: name, keyDigest: digest, revoked: revoked) }
        }
    }
}
