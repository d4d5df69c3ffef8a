import BulkheadCore

/// One organization a user belongs to, with the user's role there.
///
/// Only ever listed for the user themself (after their password verified, or from their own
/// principal), so it names no org the user is not part of.
public struct Membership: Sendable, Hashable, Codable {
    /// The organization's id.
    public let orgID: OrgID
    /// The organization's display name.
    public let orgName: String
    /// The user's role in it.
    public let role: Role

    /// Assembles a membership.
    public init(orgID: OrgID, orgName: String, role: Role) {
        self.orgID = orgID
        self.orgName = orgName
        self.role = role
    }
}

/// One member of an organization, as its admins see them.
public struct Member: Sendable, Hashable, Codable {
    /// The member's user id.
    public let userID: UserID
    /// The member's normalized email.
    public let email: String
    /// The member's role in the org.
    public let role: Role

    /// Assembles a member.
    public init(userID: UserID, email: String, role: Role) {
        self.userID = userID
        self.email = email
        self.role = role
    }
}

/// What a successful login returns.
public struct LoginResult: Sendable {
    /// The signed session token (a JWT); the CLI keeps it in the home or prints it.
    public let token: String
    /// The principal the token verifies to, made by ``AuthService/verify(token:)``.
    public let principal: Principal
    /// Every org the user belongs to, so a console can offer a switch; the token holds only `principal.orgID`.
    public let memberships: [Membership]
}
