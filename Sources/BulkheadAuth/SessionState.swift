import BulkheadCore
import Foundation

/// Whether a session still lets its holder in, and if not, why: what the console's re-check and the
/// SSH server's watch ask every few seconds.
public enum SessionState: Sendable, Equatable {
    /// The session verifies: its role and when it ends.
    case active(role: Role, expiresAt: Date)
    /// It no longer does.
    case ended(SessionEnd)
}

/// Why a session stopped letting its holder in.
public enum SessionEnd: String, Sendable, Equatable, CaseIterable {
    /// Its time ran out.
    case expired
    /// It was revoked: a logout elsewhere, `bulkhead session revoke`, or an admin.
    case revoked
    /// The SSH key that opened it was removed.
    case keyRemoved = "key_removed"
    /// The user is no longer a member of the org (or the account was deleted).
    case removed
    /// The user's role in the org changed.
    case roleChanged = "role_changed"
    /// The org was suspended by the operator.
    case orgSuspended = "org_suspended"
    /// The token does not verify at all.
    case invalid

    /// The sentence shown on the login screen or the SSH channel.
    public var message: String {
        switch self {
        case .expired: return "your session has expired: log in again"
        case .revoked: return "your session was ended (logged out elsewhere, or revoked with `bulkhead session revoke`)"
        case .keyRemoved: return "the SSH key of this session was removed"
        case .removed: return "you are no longer a member of this organization"
        case .roleChanged: return "your role in this organization changed: log in again to continue with the new role"
        case .orgSuspended: return "this organization was suspended by the operator"
        case .invalid: return "your session is not valid: log in again"
        }
    }
}

/// How a session was opened.
public enum SessionKind: String, Sendable, Hashable {
    /// A password login (`bulkhead login`, the console's login screen).
    case password
    /// An SSH key, by `bulkhead serve`.
    case ssh
}

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
