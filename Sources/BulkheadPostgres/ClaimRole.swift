/// Who a request's claims speak for; the policies read it as `bulkhead.claim_role()`.
public enum ClaimRole: String, Sendable, Codable, Hashable {
    /// A member of the org in the claims.
    case member
    /// An admin of the org in the claims.
    case admin
    /// The authentication service, before any one org is known (login, token and key lookups).
    case authService = "auth"
    /// An operator of the installation.
    case `operator`
}
