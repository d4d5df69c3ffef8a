import BulkheadAuth
import Foundation
import BulkheadCore
import BulkheadStore

extension Services {
    /// The operator, from the operator key among `credentials`; anything else is refused (and recorded).
    public func requireOperator(_ credentials: CallerCredentials, action: String) async throws -> OperatorPrincipal {
        guard authorizationEnforced || credentials.operatorKey != nil else { return try auth.verifyOperator(keyText: nil) }
        guard let key = credentials.operatorKey else {
            auth.recordDenial(action: action, actor: try await actor(of: credentials), reason: "no_operator_key")
            throw BulkheadError.operatorRequired
        }
        return try auth.verifyOperator(keyText: key)
    }

    /// The tenant principal, from the session token among `credentials`; no token is `notAuthenticated` (and recorded).
    public func requireTenant(_ credentials: CallerCredentials, action: String) async throws -> Principal {
        guard let token = credentials.sessionToken else {
            auth.recordDenial(action: action, actor: .anonymous, reason: "no_session")
            throw BulkheadError.notAuthenticated
        }
        return try await verify(token: token)
    }

    /// Who the credentials belong to, as far as they verify, for the record of a refusal.
    func actor(of credentials: CallerCredentials) async throws -> SecurityEvent.Actor {
        guard let token = credentials.sessionToken, let principal = try? await verify(token: token) else { return .anonymous }
        return .user(principal.userID)
    }

    /// True when `name` names the principal's own org (by name, case-insensitively, or by id).
    func names(_ name: String, ownOrgOf principal: Principal) -> Bool {
        let wanted = name.trimmingCharacters(in: .whitespaces)
        return wanted.caseInsensitiveCompare(principal.orgName) == .orderedSame || wanted == principal.orgID.rawValue
    }

    /// Records an operator action that `AuthService` does not record itself (grants, demo).
    func recordOperatorAction(_ caller: OperatorPrincipal, _ kind: String, org: OrgID? = nil, detail: String = "") {
        control.record(SecurityEvent(kind: kind, orgID: org, detail: detail, actor: .operator(caller.operatorID)))
    }
}
