import BulkheadCore
import Foundation
import GRDB

/// Who may manage which SSH keys. A user manages their own. An org admin may add and remove the
/// keys of members of their own org, and of no one else: a user of another org, or no user at all,
/// answers `notFound` alike. A key an admin adds for a member opens sessions in the admin's org
/// only. A fingerprint belongs to one user at most.
extension AuthService {
    /// Registers a public key line for `email` (nil: the caller themself).
    ///
    /// - Throws: `invalidInput` for a line that is not an accepted key; `denied` when a member
    ///   names someone else; `notFound("user")` when `email` is not a member of the admin's org;
    ///   `conflict` when the fingerprint is registered already (to anyone).
    @discardableResult
    public func addSSHKey(_ line: String, for email: String? = nil, by principal: Principal) throws -> SSHKeyRecord {
        let key = try SSHPublicKey(line: line)
        let target = try keyTarget(email, by: principal, action: "key.add")
        let now = clock.now()
        let scope = target.isSelf ? nil : principal.orgID
        try write("auth-key-add") { db in
            let taken = try Bool.fetchOne(db, sql: "SELECT 1 FROM ssh_keys WHERE fingerprint = ?", arguments: [key.fingerprint]) ?? false
            guard !taken else { throw BulkheadError.conflict("this key is registered already; each key belongs to one person") }
            try db.execute(sql: """
                INSERT INTO ssh_keys (id, user_id, fingerprint, public_key, created_at, algorithm, comment, added_by, org_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [UserID.random(prefix: "key", using: random).rawValue, target.userID.rawValue, key.fingerprint,
                                 key.openSSHLine, now, key.algorithm.rawValue, key.comment, "user:\(principal.userID)",
                                 scope?.rawValue])
        }
        securityEvent("ssh_key_added", org: principal.orgID, user: target.userID,
                      detail: "key=\(key.fingerprint) scope=\(scope == nil ? "user" : "org")", actor: .user(principal.userID))
        return SSHKeyRecord(fingerprint: key.fingerprint, algorithm: key.algorithm.rawValue, comment: key.comment,
                            email: target.email, orgName: scope == nil ? nil : principal.orgName, addedAt: now, lastUsedAt: nil)
    }

    /// The keys of `email` (nil: the caller's own, every one of them). For another member (admins
    /// only), the keys that can open sessions in the admin's org.
    public func sshKeys(of email: String? = nil, by principal: Principal) throws -> [SSHKeyRecord] {
        let target = try keyTarget(email, by: principal, action: "key.list")
        return try read("auth-key-list") { db in
            let scopeFilter = target.isSelf ? "" : "AND (k.org_id IS NULL OR k.org_id = ?)"
            var arguments: StatementArguments = [target.userID.rawValue]
            if !target.isSelf { arguments += [principal.orgID.rawValue] }
            return try Row.fetchAll(db, sql: """
                SELECT k.fingerprint, k.algorithm, k.comment, k.created_at, k.last_used_at, u.email, o.name AS org_name
                FROM ssh_keys k JOIN users u ON u.id = k.user_id LEFT JOIN organizations o ON o.id = k.org_id
                WHERE k.user_id = ? \(scopeFilter) ORDER BY k.created_at, k.fingerprint
                """, arguments: arguments).map { row in
                SSHKeyRecord(fingerprint: row["fingerprint"], algorithm: row["algorithm"], comment: row["comment"], email: row["email"],
                             orgName: row["org_name"], addedAt: row["created_at"], lastUsedAt: row["last_used_at"])
            }
        }
    }

    /// Removes the key with `fingerprint`, and revokes the sessions it opened (their consoles end within seconds).
    ///
    /// - Throws: `notFound("key")` unless the key is the caller's own, or the caller is an admin and
    ///   the key belongs to a member of their org and may open sessions there; `denied` when a member
    ///   names a colleague's key.
    public func removeSSHKey(fingerprint: String, by principal: Principal) throws {
        let fingerprint = fingerprint.trimmingCharacters(in: .whitespaces)
        let owner: UserID
        do {
            owner = try deleteSSHKey(fingerprint: fingerprint, by: principal)
        } catch let error as BulkheadError where error.code == "not_found" || error.code == "denied" {
            recordDenial(action: "key.rm", actor: .user(principal.userID), org: principal.orgID, reason: error.code)
            throw error
        }
        securityEvent("ssh_key_removed", org: principal.orgID, user: owner, detail: "key=\(fingerprint)", actor: .user(principal.userID))
    }

    /// Deletes the key when the caller may, and revokes its sessions, in one transaction.
    private func deleteSSHKey(fingerprint: String, by principal: Principal) throws -> UserID {
        try write("auth-key-remove") { db -> UserID in
            guard let row = try Row.fetchOne(db, sql: "SELECT user_id, org_id FROM ssh_keys WHERE fingerprint = ?", arguments: [fingerprint]),
                  let owner = UserID(rawValue: row["user_id"]) else {
                throw BulkheadError.notFound(kind: "key", name: fingerprint)
            }
            if owner != principal.userID {
                let scope = row["org_id"] as String?
                let colleague = try Bool.fetchOne(db, sql: "SELECT 1 FROM memberships WHERE user_id = ? AND org_id = ?",
                                                  arguments: [owner.rawValue, principal.orgID.rawValue]) ?? false
                guard colleague, scope == nil || scope == principal.orgID.rawValue else {
                    throw BulkheadError.notFound(kind: "key", name: fingerprint)
                }
                guard principal.role == .admin || !enforcing else { throw BulkheadError.denied }
            }
            try db.execute(sql: "DELETE FROM ssh_keys WHERE fingerprint = ?", arguments: [fingerprint])
            try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE key_fingerprint = ? AND revoked_at IS NULL",
                           arguments: [clock.now(), fingerprint])
            return owner
        }
    }

    /// Whose keys a call is about: the caller, or (for admins) a member of the caller's org.
    private func keyTarget(_ email: String?, by principal: Principal, action: String) throws -> (userID: UserID, email: String, isSelf: Bool) {
        guard let email, AuthInput.normalizeEmail(email) != principal.email else {
            return (principal.userID, principal.email, true)
        }
        try requireAdmin(principal, action: action)
        let wanted = AuthInput.normalizeEmail(email)
        let found = try read("auth-key-target") { db in
            try String.fetchOne(db, sql: """
                SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = ? AND m.org_id = ?
                """, arguments: [wanted, principal.orgID.rawValue])
        }
        guard let found, let id = UserID(rawValue: found) else {
            // Another org's user and no user at all answer alike.
            recordDenial(action: action, actor: .user(principal.userID), org: principal.orgID, reason: "not_a_member")
            throw BulkheadError.notFound(kind: "user", name: wanted)
        }
        return (id, wanted, false)
    }
}
