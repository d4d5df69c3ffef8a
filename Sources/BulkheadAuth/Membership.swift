import BulkheadCore
import BulkheadStore

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
