import BulkheadCore

/// Whose slots are counted: an org's, or one user's.
public enum LimitScope: Sendable, Hashable, CustomStringConvertible {
    /// Everything of one org.
    case org(OrgID)
    /// Everything of one user, whichever org.
    case user(UserID)

    /// The stored key: `org:<id>` or `user:<id>` (ids are validated, so the key is too).
    public var description: String {
        switch self {
        case let .org(id): return "org:\(id.rawValue)"
        case let .user(id): return "user:\(id.rawValue)"
        }
    }
}
