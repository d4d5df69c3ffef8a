import BulkheadCore
import Foundation

/// One registered SSH key, as `bulkhead key list` shows it.
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
}
