import BulkheadAuth
import BulkheadCore
import Foundation

/// Putting people into organizations: by the operator (any org, named with `--org`) or by an
/// org's admins (their own org only, from their verified token).
extension Services {
    /// Adds `email` to an org with `role`.
    ///
    /// With an operator key the org is the one `org` names. Otherwise the caller must be logged in,
    /// and the org is their own: naming any other org is refused with `outsideOwnOrg` before
    /// anything is looked up, and only admins may add people (`denied` for members). A new account
    /// takes `initialPassword` when given, and otherwise gets an invitation code.
    ///
    /// - Returns: what happened, and the name of the org it happened in.
    public func addUser(email: String, org: String?, role: Role, initialPassword: String?,
                        credentials: CallerCredentials) async throws -> (enrollment: Enrollment, orgName: String) {
        if credentials.operatorKey != nil || (!authorizationEnforced && credentials.sessionToken == nil) {
            let caller = try await requireOperator(credentials, action: "user.add")
            guard let org else { throw BulkheadError.invalidInput("name the organization with --org NAME") }
            let orgID = try auth.organizationID(named: org, by: caller)
            let enrollment = try auth.addUser(email: email, org: orgID, role: role, initialPassword: initialPassword, by: caller)
            return (enrollment, org)
        }
        let principal = try await tenantNamingOwnOrg(credentials, org: org, action: "user.add", operatorHint: org != nil)
        if let org, !names(org, ownOrgOf: principal) {
            // Only reachable with the authorization checks switched off (a test proving the audit notices).
            let unchecked = try auth.verifyOperator(keyText: nil)
            let orgID = try auth.organizationID(named: org, by: unchecked)
            return (try auth.addUser(email: email, org: orgID, role: role, initialPassword: initialPassword, by: unchecked), org)
        }
        return (try auth.invite(email: email, role: role, initialPassword: initialPassword, by: principal), principal.orgName)
    }

    /// Removes `email` from an org: the operator names the org (or, with none, deletes the account
    /// everywhere); an org admin removes people from their own org only.
    public func removeUser(email: String, org: String?, credentials: CallerCredentials) async throws {
        if credentials.operatorKey != nil {
            let caller = try await requireOperator(credentials, action: "user.rm")
            let orgID = try org.map { try auth.organizationID(named: $0, by: caller) }
            try auth.removeUser(email: email, from: orgID, by: caller)
            return
        }
        let principal = try await tenantNamingOwnOrg(credentials, org: org, action: "user.rm", operatorHint: false)
        try auth.removeMember(email: email, by: principal)
    }

    /// Changes a member's role in the caller's own org (org admins).
    public func setRole(email: String, role: Role, credentials: CallerCredentials) async throws {
        let principal = try await requireTenant(credentials, action: "user.role")
        try auth.setRole(email: email, role: role, by: principal)
    }

    /// The caller's org's members and open invitations (org admins).
    public func members(credentials: CallerCredentials) async throws -> [AuthService.Person] {
        let principal = try await requireTenant(credentials, action: "user.list")
        return try auth.members(of: principal)
    }

    /// The tenant principal of `credentials`, refusing (and recording) a named org that is not the caller's own.
    private func tenantNamingOwnOrg(_ credentials: CallerCredentials, org: String?, action: String,
                                    operatorHint: Bool) async throws -> Principal {
        let principal: Principal
        do {
            principal = try await requireTenant(credentials, action: action)
        } catch BulkheadError.notAuthenticated where operatorHint {
            throw BulkheadError.operatorRequired
        }
        if let org, !names(org, ownOrgOf: principal), authorizationEnforced {
            auth.recordDenial(action: action, actor: .user(principal.userID), org: principal.orgID, reason: "other_org")
            throw BulkheadError.outsideOwnOrg
        }
        return principal
    }
}
