import BulkheadCore
import BulkheadStore
import Foundation
import PostgresNIO

extension PostgresControlTransaction {
    // MARK: SSH keys

    func sshKeyExists(fingerprint: String) throws -> Bool {
        try any("SELECT 1 FROM bulkhead.ssh_keys WHERE fingerprint = \(fingerprint)")
    }

    func insertSSHKey(_ key: NewSSHKey) throws {
        try pin.execute("""
            INSERT INTO bulkhead.ssh_keys (id, user_id, fingerprint, public_key, created_at, algorithm, comment, added_by, org_id)
            VALUES (\(key.id), \(key.user.rawValue), \(key.fingerprint), \(key.publicKey), \(key.at), \(key.algorithm), \(key.comment),
                    \(key.addedBy), \(key.org?.rawValue))
            """)
    }

    func sshKeys(of user: UserID, openingOrg: OrgID?) throws -> [SSHKeyRecord] {
        try rows("""
            SELECT k.fingerprint, k.algorithm, k.comment, k.created_at, k.last_used_at, u.email, o.name
            FROM bulkhead.ssh_keys k JOIN bulkhead.users u ON u.id = k.user_id LEFT JOIN bulkhead.organizations o ON o.id = k.org_id
            WHERE k.user_id = \(user.rawValue) AND (\(openingOrg?.rawValue)::text IS NULL OR k.org_id IS NULL OR k.org_id = \(openingOrg?.rawValue))
            ORDER BY k.created_at, k.fingerprint
            """).map { row in
            let (fingerprint, algorithm, comment, created, used, email, orgName) =
                try row.decode((String, String, String, Date, Date?, String, String?).self)
            return SSHKeyRecord(fingerprint: fingerprint, algorithm: algorithm, comment: comment, email: email, orgName: orgName,
                                addedAt: created, lastUsedAt: used)
        }
    }

    func sshKeyOwner(fingerprint: String) throws -> SSHKeyOwner? {
        guard let row = try rows("""
            SELECT k.user_id, k.org_id, u.email FROM bulkhead.ssh_keys k JOIN bulkhead.users u ON u.id = k.user_id
            WHERE k.fingerprint = \(fingerprint)
            """).first else { return nil }
        let (user, org, email) = try row.decode((String, String?, String).self)
        return UserID(rawValue: user).map { SSHKeyOwner(user: $0, email: email, org: org.flatMap(OrgID.init(rawValue:))) }
    }

    func userHasSSHKey(_ user: UserID, fingerprint: String) throws -> Bool {
        try any("SELECT 1 FROM bulkhead.ssh_keys WHERE fingerprint = \(fingerprint) AND user_id = \(user.rawValue)")
    }

    func deleteSSHKey(fingerprint: String, at: Date) throws {
        try pin.execute("DELETE FROM bulkhead.ssh_keys WHERE fingerprint = \(fingerprint)")
        try pin.execute("UPDATE bulkhead.sessions SET revoked_at = \(at) WHERE key_fingerprint = \(fingerprint) AND revoked_at IS NULL")
    }

    func touchSSHKey(fingerprint: String, at: Date) throws {
        try pin.execute("UPDATE bulkhead.ssh_keys SET last_used_at = \(at) WHERE fingerprint = \(fingerprint)")
    }

    // MARK: Host keys

    func hostKeyFingerprints() throws -> [String] {
        try rows("SELECT fingerprint FROM bulkhead.ssh_host_keys").map { try $0.decode(String.self) }
    }

    func insertHostKey(fingerprint: String, at: Date) throws {
        try pin.execute("INSERT INTO bulkhead.ssh_host_keys (fingerprint, created_at) VALUES (\(fingerprint), \(at))")
    }

    // MARK: Failed SSH authentications

    func sshLockedUntil(subject: String, client: String) throws -> Date? {
        try rows("SELECT locked_until FROM bulkhead.ssh_failures WHERE subject = \(subject) AND client = \(client)").first
            .flatMap { try $0.decode(Date?.self) }
    }

    func purgeSSHFailures(before horizon: Date, now: Date) throws {
        try pin.execute("""
            DELETE FROM bulkhead.ssh_failures WHERE last_failure_at < \(horizon) AND (locked_until IS NULL OR locked_until <= \(now))
            """)
    }

    func sshFailureCount(subject: String, client: String) throws -> Int {
        try value("SELECT count FROM bulkhead.ssh_failures WHERE subject = \(subject) AND client = \(client)", Int.self) ?? 0
    }

    func setSSHFailures(subject: String, client: String, count: Int, at: Date, lockedUntil: Date?) throws {
        try pin.execute("""
            INSERT INTO bulkhead.ssh_failures (subject, client, count, last_failure_at, locked_until)
            VALUES (\(subject), \(client), \(count), \(at), \(lockedUntil))
            ON CONFLICT (subject, client) DO UPDATE SET count = excluded.count, last_failure_at = excluded.last_failure_at,
                locked_until = excluded.locked_until
            """)
    }

    func clearSSHFailures(subject: String, client: String) throws {
        try pin.execute("DELETE FROM bulkhead.ssh_failures WHERE subject = \(subject) AND client = \(client)")
    }

    // MARK: SSH sessions

    func sshSessionRole(fingerprint: String, user: UserID, org: OrgID) throws -> Role? {
        try value("""
            SELECT m.role FROM bulkhead.ssh_keys k
            JOIN bulkhead.memberships m ON m.user_id = k.user_id AND m.org_id = \(org.rawValue)
            JOIN bulkhead.organizations o ON o.id = m.org_id
            WHERE k.fingerprint = \(fingerprint) AND k.user_id = \(user.rawValue) AND (k.org_id IS NULL OR k.org_id = m.org_id)
              AND o.suspended_at IS NULL
            """, String.self).flatMap(Role.init(rawValue:))
    }

    func insertSSHSession(_ session: SessionID, user: UserID, org: OrgID, issuedAt: Date, expiresAt: Date, fingerprint: String,
                          client: String) throws {
        try pin.execute("""
            INSERT INTO bulkhead.sessions (id, user_id, org_id, issued_at, expires_at, revoked_at, kind, key_fingerprint, client)
            VALUES (\(session.rawValue), \(user.rawValue), \(org.rawValue), \(issuedAt), \(expiresAt), NULL, 'ssh', \(fingerprint), \(client))
            """)
    }

    func closeSSHSession(_ session: SessionID, at: Date) throws {
        try pin.execute("""
            UPDATE bulkhead.sessions SET revoked_at = \(at) WHERE id = \(session.rawValue) AND kind = 'ssh' AND revoked_at IS NULL
            """)
    }

    func revokeSession(_ session: SessionID, org: OrgID, at: Date) throws {
        try pin.execute("""
            UPDATE bulkhead.sessions SET revoked_at = \(at) WHERE id = \(session.rawValue) AND org_id = \(org.rawValue) AND revoked_at IS NULL
            """)
    }

    func sshSessions(of user: UserID) throws -> [(id: SessionID, revoked: Bool)] {
        try rows("""
            SELECT id, revoked_at IS NOT NULL FROM bulkhead.sessions WHERE user_id = \(user.rawValue) AND kind = 'ssh' ORDER BY issued_at DESC
            """).compactMap { row in
            let (id, revoked) = try row.decode((String, Bool).self)
            return SessionID(rawValue: id).map { ($0, revoked) }
        }
    }

    func openSessions(org: OrgID, user: UserID?, now: Date) throws -> [StoredSessionListing] {
        try rows("""
            SELECT s.id, s.kind, s.client, s.key_fingerprint, s.issued_at, s.expires_at, u.email
            FROM bulkhead.sessions s JOIN bulkhead.users u ON u.id = s.user_id
            WHERE s.org_id = \(org.rawValue) AND (\(user?.rawValue)::text IS NULL OR s.user_id = \(user?.rawValue))
              AND s.revoked_at IS NULL AND s.expires_at > \(now)
            ORDER BY s.issued_at, s.id
            """).compactMap { row in
            let (id, kind, client, fingerprint, issued, expires, email) =
                try row.decode((String, String, String, String?, Date, Date, String).self)
            return SessionID(rawValue: id).map {
                StoredSessionListing(id: $0, email: email, kind: kind, client: client, keyFingerprint: fingerprint, issuedAt: issued,
                                     expiresAt: expires)
            }
        }
    }
}
