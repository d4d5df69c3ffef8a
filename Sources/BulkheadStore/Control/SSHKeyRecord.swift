import BulkheadCore
import Foundation

/// One registered SSH key, as `bulkhead key list` shows it (and as the control plane lists it).
public struct SSHKeyRecord: Sendable, Hashable {
    /// `SHA256:…`, as `ssh-keygen -lf` prints it.
    public let fingerprint: String
    /// The key type (`ssh-ed25519`, `ecdsa-sha2-nistp256`, …).
    public let algorithm: String
    /// The comment of the key line (cleaned, may be empty).
    public let comment: String
    /// The owner's email.
    public let email: String
    /// The org the key is limited to (an admin added it for a member), or nil for every org of the owner.
    public let orgName: String?
    /// When it was added.
    public let addedAt: Date
    /// When it last opened an SSH session, if ever.
    public let lastUsedAt: Date?

    public init(fingerprint: String, algorithm: String, comment: String, email: String, orgName: String?, addedAt: Date, lastUsedAt: Date?) {
        self.fingerprint = fingerprint
        self.algorithm = algorithm
        self.comment = comment
        self.email = email
        self.orgName = orgName
        self.addedAt = addedAt
        self.lastUsedAt = lastUsedAt
    }
}
