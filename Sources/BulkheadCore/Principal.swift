import Foundation

/// Who is calling: the only thing a service trusts to decide which tenant a call belongs to.
///
/// A `Principal` is made by token verification in `BulkheadAuth` and nowhere else that a
/// tenant can reach: its initializer is `package`-scoped, so code outside this package cannot
/// mint one, and the org inside it always comes from a verified token, never from input.
/// Every service call that touches tenant data takes one.
public struct Principal: Sendable, Hashable, CustomStringConvertible {
    /// The user the token was issued to.
    public let userID: UserID
    /// The user's normalized email, for display.
    public let email: String
    /// The organization the token was issued for; the only org this principal can reach.
    public let orgID: OrgID
    /// The display name of the organization.
    public let orgName: String
    /// The user's role in `orgID`, as the membership says at verification time.
    public let role: Role
    /// The login session, revocable by logout.
    public let sessionID: SessionID
    /// When the token stops being accepted.
    public let expiresAt: Date

    /// Made only by token verification (and by tests inside this package).
    package init(userID: UserID, email: String, orgID: OrgID, orgName: String, role: Role, sessionID: SessionID, expiresAt: Date) {
        self.userID = userID
        self.email = email
        self.orgID = orgID
        self.orgName = orgName
        self.role = role
        self.sessionID = sessionID
        self.expiresAt = expiresAt
    }

    /// Ids only: a principal printed into a log line must not carry the email.
    public var description: String { "principal(user: \(userID), org: \(orgID), role: \(role.rawValue))" }

    /// Throws `denied` unless this principal is an admin of its org.
    public func requireAdmin() throws {
        guard role == .admin else { throw BulkheadError.denied }
    }
}
