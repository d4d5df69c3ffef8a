import BulkheadCore
import Foundation
import GRDB

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
        try write("auth-org-create") { db in
            let taken = try Bool.fetchOne(db, sql: "SELECT 1 FROM organizations WHERE name = ? COLLATE NOCASE", arguments: [name]) ?? false
            guard !taken else { throw BulkheadError.conflict("an organization named '\(name)' already exists") }
            try db.execute(sql: "INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)",
                           arguments: [id.rawValue, name, clock.now()])
        }
        operatorAction(caller, "operator_org_created", org: id)
        return id
    }

    /// Every organization, by name.
    public func organizations(by caller: OperatorPrincipal) throws -> [OrganizationRecord] {
        try read("auth-org-list") { db in
            try Row.fetchAll(db, sql: """
                SELECT o.id, o.name, o.created_at, o.suspended_at,
                       (SELECT COUNT(*) FROM memberships m WHERE m.org_id = o.id) AS members,
                       (SELECT COUNT(*) FROM memberships m WHERE m.org_id = o.id AND m.role = 'admin') AS admins
                FROM organizations o ORDER BY o.name COLLATE NOCASE
                """).compactMap { row in
                OrgID(rawValue: row["id"]).map {
                    OrganizationRecord(id: $0, name: row["name"], createdAt: row["created_at"],
                                       suspended: (row["suspended_at"] as Date?) != nil, members: row["members"], admins: row["admins"])
                }
            }
        }
    }

    /// The id of the organization called `name` (case-insensitive) or with that id; for operator commands.
    ///
    /// A tenant-facing call never resolves an org from input: tenants act in the org of their token.
    /// - Throws: `notFound("organization")`.
    public func organizationID(named name: String, by caller: OperatorPrincipal) throws -> OrgID {
        let wanted = name.trimmingCharacters(in: .whitespaces)
        let found = try read("auth-org-lookup") { db in
            try String.fetchOne(db, sql: """
                SELECT id FROM organizations WHERE name = ? COLLATE NOCASE OR id = ? LIMIT 1
                """, arguments: [wanted, wanted])
        }
        guard let found, let id = OrgID(rawValue: found) else { throw BulkheadError.notFound(kind: "organization", name: wanted) }
        return id
    }

    /// Suspends or resumes an organization. Suspending ends every session in it at once (tokens of
    /// a suspended org never verify), and its users cannot log in until it is resumed.
    public func setSuspended(_ org: OrgID, _ suspended: Bool, by caller: OperatorPrincipal) throws {
        try write("auth-org-suspend") { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM organizations WHERE id = ?", arguments: [org.rawValue]) ?? false else {
                throw BulkheadError.notFound(kind: "organization", name: org.rawValue)
            }
            try db.execute(sql: "UPDATE organizations SET suspended_at = ? WHERE id = ?",
                           arguments: [suspended ? clock.now() : nil, org.rawValue])
            if suspended {
                try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE org_id = ? AND revoked_at IS NULL",
                               arguments: [clock.now(), org.rawValue])
            }
        }
        operatorAction(caller, suspended ? "operator_org_suspended" : "operator_org_resumed", org: org)
    }

    /// Deletes an organization's control-plane records: the org, its memberships, sessions,
    /// invitations and folder grants (by cascade), and the users left with no membership. The
    /// caller removes the org's files (`Services.deleteOrganization`).
    public func deleteOrganization(_ org: OrgID, by caller: OperatorPrincipal) throws {
        try write("org-delete") { db in
            try db.execute(sql: "DELETE FROM organizations WHERE id = ?", arguments: [org.rawValue])
            try db.execute(sql: "DELETE FROM users WHERE id NOT IN (SELECT user_id FROM memberships)")
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
        let removed = try write("auth-user-remove") { db -> UserID in
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM users WHERE email = ?", arguments: [email])
                .flatMap(UserID.init(rawValue:)) else { throw BulkheadError.notFound(kind: "user", name: email) }
            if let org {
                try db.execute(sql: "DELETE FROM invitations WHERE org_id = ? AND email = ?", arguments: [org.rawValue, email])
                try db.execute(sql: "DELETE FROM memberships WHERE user_id = ? AND org_id = ?", arguments: [id.rawValue, org.rawValue])
                guard db.changesCount > 0 else { throw BulkheadError.notFound(kind: "user", name: email) }
                try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND org_id = ? AND revoked_at IS NULL",
                               arguments: [clock.now(), id.rawValue, org.rawValue])
            } else {
                try db.execute(sql: "DELETE FROM invitations WHERE email = ?", arguments: [email])
                try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [id.rawValue])
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
