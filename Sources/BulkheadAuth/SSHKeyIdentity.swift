import BulkheadCore

/// Who an SSH key authenticated as: the key's owner, and the org the session will serve.
///
/// Only ``AuthService/authenticateSSHKey(_:userName:client:server:)`` makes one (its initializer
/// is not public), after the key, the user name, the membership and the org all checked out.
public struct SSHKeyIdentity: Sendable, Hashable {
    /// The key's owner.
    public let userID: UserID
    /// The owner's email.
    public let email: String
    /// The key's fingerprint.
    public let fingerprint: String
    /// The org the session serves, or nil when the owner belongs to several and the user name named none.
    public let orgID: OrgID?
    /// The names of the owner's orgs the key may open, when `orgID` is nil (to say how to choose).
    public let orgChoices: [String]

    init(userID: UserID, email: String, fingerprint: String, orgID: OrgID?, orgChoices: [String]) {
        self.userID = userID
        self.email = email
        self.fingerprint = fingerprint
        self.orgID = orgID
        self.orgChoices = orgChoices
    }
}
