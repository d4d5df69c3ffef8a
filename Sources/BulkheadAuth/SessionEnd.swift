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
