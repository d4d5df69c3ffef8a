import BulkheadCore
import Foundation

/// One session, as `bulkhead session list` shows it.
public struct SessionRecord: Sendable, Hashable {
    /// The session id (`sid` in the token), for `bulkhead session revoke`.
    public let id: SessionID
    /// The holder's email.
    public let email: String
    /// How it was opened.
    public let kind: SessionKind
    /// Where from: `ssh:<address>`, a terminal, or `local`.
    public let client: String
    /// The SSH key's fingerprint, for SSH sessions.
    public let keyFingerprint: String?
    /// When it was opened.
    public let issuedAt: Date
    /// When it ends at the latest.
    public let expiresAt: Date
    /// True for the session of the caller's own token.
    public let isCurrent: Bool
}
