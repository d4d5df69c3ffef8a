import BulkheadCore
import Foundation
import BulkheadStore

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
        try write("auth-key-add") { tx in
            guard try !tx.sshKeyExists(fingerprint: key.fingerprint) else {
                throw BulkheadError.conflict("this key is registered already; each key belongs to one person")
            }
            try tx.insertSSHKey(NewSSHKey(id: UserID.random(prefix: "key", using: random).rawValue, user: target.userID,
                                          fingerprint: key.fingerprint, publicKey: key.openSSHLine, algorithm: key.algorithm.rawValue,
                                          comment: key.comment, addedBy: "user:\(principal.userID)", org: scope, at: now))
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
        return try read("auth-key-list") { tx in
            try tx.sshKeys(of: target.userID, openingOrg: target.isSelf ? nil : principal.orgID)
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
        try write("auth-key-remove") { tx -> UserID in
            guard let key = try tx.sshKeyOwner(fingerprint: fingerprint) else {
                throw BulkheadError.notFound(kind: "key", name: fingerprint)
            }
            if key.user != principal.userID {
                let colleague = try tx.isMember(key.user, of: principal.orgID)
                guard colleague, key.org == nil || key.org == principal.orgID else {
                    throw BulkheadError.notFound(kind: "key", name: fingerprint)
                }
                guard principal.role == .admin || !enforcing else { throw BulkheadError.denied }
            }
            try tx.deleteSSHKey(fingerprint: fingerprint, at: clock.now())
            return key.user
        }
    }

    /// Whose keys a call is about: the caller, or (for admins) a member of the caller's org.
    private func keyTarget(_ email: String?, by principal: Principal, action: String) throws -> (userID: UserID, email: String, isSelf: Bool) {
        guard let email, AuthInput.normalizeEmail(email) != principal.email else {
            return (principal.userID, principal.email, true)
        }
        try requireAdmin(principal, action: action)
        let wanted = AuthInput.normalizeEmail(email)
        let found = try read("auth-key-target") { tx in try tx.member(email: wanted, org: principal.orgID)?.userID }
        guard let id = found else {
            // Another org's user and no user at all answer alike.
            recordDenial(action: action, actor: .user(principal.userID), org: principal.orgID, reason: "not_a_member")
            throw BulkheadError.notFound(kind: "user", name: wanted)
        }
        return (id, wanted, false)
    }
}
