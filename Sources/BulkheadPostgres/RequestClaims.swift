import BulkheadCore
import Foundation

/// The verified identity a transaction runs under, as the JSON set into `request.jwt.claims`.
///
/// It is made from a `Principal` (which only token verification produces) or names one of the
/// two services above any org; never from a caller's argument. The policies read `org_id`,
/// `sub` and `role` from it.
public struct RequestClaims: Sendable, Hashable, Encodable {
    /// The org a tenant request belongs to.
    public let orgID: OrgID?
    /// The user behind the request.
    public let userID: UserID?
    /// Whom the request speaks for.
    public let role: ClaimRole
    /// The login session.
    public let sessionID: SessionID?

    /// The claims of a tenant request by `principal`.
    public static func tenant(_ principal: Principal) -> RequestClaims {
        RequestClaims(orgID: principal.orgID, userID: principal.userID,
                      role: principal.role == .admin ? .admin : .member, sessionID: principal.sessionID)
    }

    /// The claims of one org's own maintenance, with no user behind it: making or removing the org's
    /// tenant rows for the operator, or re-reading a record the engine already holds for that org.
    /// Store code only; nothing a tenant sends can reach it.
    static func org(_ org: OrgID) -> RequestClaims {
        RequestClaims(orgID: org, userID: nil, role: .admin, sessionID: nil)
    }

    /// The claims of the authentication service (login, token verification, SSH key lookup).
    public static let authService = RequestClaims(orgID: nil, userID: nil, role: .authService, sessionID: nil)

    /// The claims of an operator action.
    public static let `operator` = RequestClaims(orgID: nil, userID: nil, role: .operator, sessionID: nil)

    /// The claims as compact JSON with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding ids and an enum cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    enum CodingKeys: String, CodingKey {
        case orgID = "org_id"
        case userID = "sub"
        case role
        case sessionID = "sid"
    }

    /// Test seam: claims for any org, for tests that act as one tenant against the database directly.
    @_spi(Testing)
    public init(orgID: OrgID?, userID: UserID?, role: ClaimRole, sessionID: SessionID?) {
        self.orgID = orgID
        self.userID = userID
        self.role = role
        self.sessionID = sessionID
    }
}
