import BulkheadCore
import Foundation
import JWTKit

/// The claims of a Bulkhead session token.
///
/// `sub` is the user, `org_id` the one org the token was issued for (a user of several orgs gets
/// one token per org), `role` the membership's role at login, `sid` the revocable session,
/// `iat`/`exp` the validity window and `nbf` an optional start. The ids decode through their
/// validating initializers, so a claim with a malformed id fails to decode and the token is refused.
package struct SessionClaims: JWTPayload, Equatable {
    package var subject: UserID
    package var orgID: OrgID
    package var role: Role
    package var sessionID: SessionID
    package var issuedAt: IssuedAtClaim
    package var expiration: ExpirationClaim
    package var notBefore: NotBeforeClaim?

    enum CodingKeys: String, CodingKey {
        case subject = "sub"
        case orgID = "org_id"
        case role
        case sessionID = "sid"
        case issuedAt = "iat"
        case expiration = "exp"
        case notBefore = "nbf"
    }

    package init(subject: UserID, orgID: OrgID, role: Role, sessionID: SessionID,
                 issuedAt: Date, expiresAt: Date, notBefore: Date? = nil) {
        self.subject = subject
        self.orgID = orgID
        self.role = role
        self.sessionID = sessionID
        self.issuedAt = IssuedAtClaim(value: issuedAt)
        self.expiration = ExpirationClaim(value: expiresAt)
        self.notBefore = notBefore.map { NotBeforeClaim(value: $0) }
    }

    /// Time claims are checked by ``TokenService`` against the injected clock, not here: jwt-kit
    /// calls this without a clock and would read the system time.
    package func verify(using algorithm: some JWTAlgorithm) async throws {}
}
