import BulkheadCore
import Foundation

/// SSH access in the control plane: users' public keys, the installation's host keys, failed SSH
/// authentications per (subject, client), and the SSH side of sessions.
///
/// Like the rest of ``ControlTransaction``, each call is one small statement; who may add, list,
/// remove or use a key is decided by the authentication service, once for both stores.
public protocol ControlSSH {
    /// True when a key with this fingerprint is registered (to anyone).
    func sshKeyExists(fingerprint: String) throws -> Bool
    /// Registers a key. `org` is set for a key an admin added for a member (it opens that org only).
    func insertSSHKey(_ key: NewSSHKey) throws
    /// The keys of `user`; with `openingOrg`, only those that may open sessions in that org.
    func sshKeys(of user: UserID, openingOrg: OrgID?) throws -> [SSHKeyRecord]
    /// The owner of the key with `fingerprint`, its email, and the org it is limited to.
    func sshKeyOwner(fingerprint: String) throws -> SSHKeyOwner?
    /// True when `user` still has the key with `fingerprint`.
    func userHasSSHKey(_ user: UserID, fingerprint: String) throws -> Bool
    /// Deletes the key and revokes the open sessions it opened.
    func deleteSSHKey(fingerprint: String, at: Date) throws
    func touchSSHKey(fingerprint: String, at: Date) throws

    /// The fingerprints of every registered host key.
    func hostKeyFingerprints() throws -> [String]
    func insertHostKey(fingerprint: String, at: Date) throws

    /// When the (subject, client) SSH lock ends, if one was ever set.
    func sshLockedUntil(subject: String, client: String) throws -> Date?
    /// Forgets counts whose last failure is before `horizon` and whose lock has run out by `now`.
    func purgeSSHFailures(before horizon: Date, now: Date) throws
    func sshFailureCount(subject: String, client: String) throws -> Int
    func setSSHFailures(subject: String, client: String, count: Int, at: Date, lockedUntil: Date?) throws
    func clearSSHFailures(subject: String, client: String) throws

    /// The role `user` has in `org` when the key with `fingerprint` is theirs, may open `org`, and
    /// the org is not suspended; nil otherwise.
    func sshSessionRole(fingerprint: String, user: UserID, org: OrgID) throws -> Role?
    /// Records a session opened by an SSH key from `client`.
    func insertSSHSession(_ session: SessionID, user: UserID, org: OrgID, issuedAt: Date, expiresAt: Date, fingerprint: String,
                          client: String) throws
    /// Revokes an open SSH session (its channel closed).
    func closeSSHSession(_ session: SessionID, at: Date) throws
    /// Revokes the open session `session` of `org`, whoever holds it.
    func revokeSession(_ session: SessionID, org: OrgID, at: Date) throws
    /// Every session an SSH key opened for `user`, newest first, and whether each is revoked (the audit's check).
    func sshSessions(of user: UserID) throws -> [(id: SessionID, revoked: Bool)]
    /// The open (unrevoked, unexpired) sessions of `org`, of `user` only when given, oldest first.
    func openSessions(org: OrgID, user: UserID?, now: Date) throws -> [StoredSessionListing]
}

/// A key to register.
public struct NewSSHKey: Sendable, Hashable {
    public let id: String
    public let user: UserID
    public let fingerprint: String
    public let publicKey: String
    public let algorithm: String
    public let comment: String
    /// Who added it: `user:<id>`.
    public let addedBy: String
    /// The org it is limited to, or nil for every org of its user.
    public let org: OrgID?
    public let at: Date

    public init(id: String, user: UserID, fingerprint: String, publicKey: String, algorithm: String, comment: String, addedBy: String,
                org: OrgID?, at: Date) {
        self.id = id
        self.user = user
        self.fingerprint = fingerprint
        self.publicKey = publicKey
        self.algorithm = algorithm
        self.comment = comment
        self.addedBy = addedBy
        self.org = org
        self.at = at
    }
}

/// Whose a key is.
public struct SSHKeyOwner: Sendable, Hashable {
    public let user: UserID
    public let email: String
    /// The org the key is limited to, or nil.
    public let org: OrgID?

    public init(user: UserID, email: String, org: OrgID?) {
        self.user = user
        self.email = email
        self.org = org
    }
}

/// An open session as `session list` shows it.
public struct StoredSessionListing: Sendable, Hashable {
    public let id: SessionID
    public let email: String
    /// `password` or `ssh`.
    public let kind: String
    public let client: String
    public let keyFingerprint: String?
    public let issuedAt: Date
    public let expiresAt: Date

    public init(id: SessionID, email: String, kind: String, client: String, keyFingerprint: String?, issuedAt: Date, expiresAt: Date) {
        self.id = id
        self.email = email
        self.kind = kind
        self.client = client
        self.keyFingerprint = keyFingerprint
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }
}
