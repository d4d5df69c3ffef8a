/// What a member may do inside their organization.
///
/// Roles never widen the tenant boundary: an admin of Acme has no more reach into Globex than
/// a member does.
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    /// Manages the organization: allowed roots, backup and restore, users.
    case admin
    /// Browses, queries and asks.
    case member
}
