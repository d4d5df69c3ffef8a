import BulkheadCore
import Foundation
import BulkheadStore

/// Operator actions: organizations and the people in them. Every one takes an ``OperatorPrincipal``,
/// which only ``AuthService/verifyOperator(keyText:)`` makes, and is recorded as a security event.
extension AuthService {
    /// Creates an organization and returns its new id.
    ///
    /// The name is trimmed and validated (``AuthInput/validatedOrganizationName(_:)``) and must be
    /// unique ignoring case. This writes only the control-plane row; the caller creates the
    /// tenant database (`TenantDatabases.create(org:)`).
    ///
    /// - Throws: `invalidInput` for a bad name, `conflict` when the name is taken.
    public func createOrganization(name: String, by caller: OperatorPrincipal) throws -> OrgID {
        let name = try AuthInput.validatedOrganizationName(name)
        let id = OrgID.random(prefix: "org", using: random)
        try control.write(.operator, "auth-org-create") { tx in
            guard try !tx.organizationNameTaken(name) else { throw BulkheadError.conflict("an organization named '\(name)' already exists") }
            try tx.insertOrganization(id, name: name, at: clock.now())
        }
        operatorAction(caller, "operator_org_created", org: id)
        return id
    }

    /// Every organization, by name.
    public func organizations(by caller: OperatorPrincipal) throws -> [OrganizationRecord] {
        try control.read(.operator, "auth-org-list") { try $0.organizations() }
    }

    /// The id of the organization called `name` (case-insensitive) or with that id; for operator commands.
    ///
    /// A tenant-facing call never resolves an org from input: tenants act in the org of their token.
    /// - Throws: `notFound("organization")`.
    public func organizationID(named name: String, by caller: OperatorPrincipal) throws -> OrgID {
        let wanted = name.trimmingCharacters(in: .whitespaces)
        guard let id = try control.read(.operator, "auth-org-lookup", { try $0.organizationID(matching: wanted) }) else {
            throw BulkheadError.notFound(kind: "organization", name: wanted)
        }
        return id
    }

    /// Suspends or resumes an organization. Suspending ends every session in it at once (tokens of
    /// a suspended org never verify), and its users cannot log in until it is resumed.
    public func setSuspended(_ org: OrgID, _ suspended: Bool, by caller: OperatorPrincipal) throws {
        try control.write(.operator, "auth-org-suspend") { tx in
            guard try tx.organizationExists(org) else { throw BulkheadError.notFound(kind: "organization", name: org.rawValue) }
            try tx.setSuspended(org, at: suspended ? clock.now() : nil)
            if suspended { try tx.revokeSessions(org: org, user: nil, at: clock.now()) }
        }
        operatorAction(caller, suspended ? "operator_org_suspended" : "operator_org_resumed", org: org)
    }

    /// Deletes an organization's control-plane records: the org, its memberships, sessions,
    /// invitations, folder grants and org-scoped SSH keys (by cascade), its limits, and the users
    /// left with no membership (with their keys). The
    /// caller removes the org's files (`Services.deleteOrganization`).
    public func deleteOrganization(_ org: OrgID, by caller: OperatorPrincipal) throws {
        try control.write(.operator, "org-delete") { tx in
            try tx.deleteOrganization(org)
            try tx.deleteUsersWithoutMembership()
        }
        operatorAction(caller, "operator_org_deleted", org: org)
    }

    /// Puts a person into an organization with a role (operator).
    ///
    /// An existing account joins at once; its password is never changed. A new account gets
    /// `initialPassword` when one is given (it must meet the policy), and otherwise an invitation
    /// whose one-time code is its first password.
    ///
    /// - Throws: `invalidInput` (bad email or password), `notFound("organization")`, `conflict` (already a member).
    public func addUser(email: String, org: OrgID, role: Role, initialPassword: String?,
                        by caller: OperatorPrincipal) throws -> Enrollment {
        let enrollment = try enroll(email: email, org: org, role: role, initialPassword: initialPassword,
                                    existingJoinsAtOnce: true, invitedBy: "operator:\(caller.operatorID)")
        operatorAction(caller, "operator_user_added", org: org, user: enrollment.userID, detail: "role=\(role.rawValue)")
        return enrollment
    }

    /// Takes a person out of one organization, or (with `org` nil) deletes their account everywhere:
    /// memberships, sessions, SSH keys and invitations. Their tokens stop verifying at once.
    ///
    /// - Throws: `notFound("user")`.
    public func removeUser(email: String, from org: OrgID?, by caller: OperatorPrincipal) throws {
        let email = AuthInput.normalizeEmail(email)
        let removed = try control.write(.operator, "auth-user-remove") { tx -> UserID in
            guard let id = try tx.account(email: email)?.id else { throw BulkheadError.notFound(kind: "user", name: email) }
            if let org {
                _ = try tx.deleteInvitation(org: org, email: email)
                guard try tx.deleteMembership(id, org: org) else { throw BulkheadError.notFound(kind: "user", name: email) }
                try tx.revokeSessions(org: org, user: id, at: clock.now())
            } else {
                try tx.deleteInvitations(email: email)
                try tx.deleteUser(id)
            }
            return id
        }
        operatorAction(caller, org == nil ? "operator_user_deleted" : "operator_user_removed", org: org, user: removed)
    }
}

extension Enrollment {
    /// The user id when the enrollment made or found an active member.
    var userID: UserID? {
        if case let .added(id) = self { return id }
        return nil
    }
}
