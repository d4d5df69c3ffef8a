import BulkheadCore
import Foundation
import BulkheadStore

extension AuthService {
    /// Verifies a session token and makes the ``Principal`` every service call takes.
    ///
    /// The token must verify as an EdDSA JWT signed by this home's key and be inside its time
    /// window (``TokenService``); then its session must exist, belong to the same user and org, and
    /// not be revoked; the user must still be a member of the token's org; and the token's role
    /// must equal the membership's current role (a demoted admin's old token stops working, and
    /// no token can claim more than the membership gives). The principal carries the membership's
    /// role and the org's current name.
    ///
    /// - Throws: `notAuthenticated` for every failure, after writing a security event with the reason.
    public func verify(token: String) async throws -> Principal {
        let claims: SessionClaims
        do {
            claims = try await tokens.verify(token)
        } catch {
            securityEvent("token_rejected", detail: "reason=\(error.code)")
            throw BulkheadError.notAuthenticated
        }
        let now = clock.now()

        let outcome: Result<Principal, SessionRejection> = try read("auth-verify") { tx in
            guard let session = try tx.session(claims.sessionID) else { return .failure(.noSession) }
            guard session.userID == claims.subject, session.orgID == claims.orgID else { return .failure(.sessionMismatch) }
            guard session.revokedAt == nil else { return .failure(.revoked) }
            guard session.expiresAt > now else { return .failure(.sessionExpired) }
            guard let member = try tx.membershipCheck(claims.subject, org: claims.orgID) else { return .failure(.notMember) }
            guard !member.suspended else { return .failure(.orgSuspended) }
            guard member.role == claims.role else { return .failure(.roleMismatch) }
            return .success(Principal(userID: claims.subject, email: member.email, orgID: claims.orgID,
                                      orgName: member.orgName, role: member.role, sessionID: claims.sessionID,
                                      expiresAt: min(claims.expiration.value, session.expiresAt)))
        }

        switch outcome {
        case let .success(principal):
            return principal
        case let .failure(reason):
            securityEvent("token_rejected", org: claims.orgID, user: claims.subject,
                          detail: "reason=\(reason.rawValue) session=\(claims.sessionID)")
            throw BulkheadError.notAuthenticated
        }
    }

    /// Ends the principal's session: its token, and every copy of it, stops verifying at once.
    public func logout(principal: Principal) throws {
        try write("auth-logout") { try $0.revokeSession(principal.sessionID, of: principal.userID, at: clock.now()) }
        logger.info("logout", metadata: ["user": "\(principal.userID)", "session": "\(principal.sessionID)"])
    }

    /// Why a signed, unexpired token was still refused.
    enum SessionRejection: String, Error {
        case noSession = "no_session"
        case sessionMismatch = "session_mismatch"
        case revoked
        case sessionExpired = "session_expired"
        case notMember = "not_member"
        case roleMismatch = "role_mismatch"
        case orgSuspended = "org_suspended"
    }
}
