import BulkheadCore
import Foundation
import GRDB

extension AuthService {
    /// Creates an organization and returns its new id.
    ///
    /// The name is trimmed and validated (``AuthInput/validatedOrganizationName(_:)``) and must be
    /// unique ignoring case. This writes only the control-plane row; the caller creates the
    /// tenant database (`TenantDatabases.create(org:)`).
    ///
    /// - Throws: `invalidInput` for a bad name, `conflict` when the name is taken.
    public func createOrganization(name: String) throws -> OrgID {
        let name = try AuthInput.validatedOrganizationName(name)
        let id = OrgID.random(prefix: "org", using: random)
        try write("auth-org-create") { db in
            let taken = try Bool.fetchOne(db, sql: "SELECT 1 FROM organizations WHERE name = ? COLLATE NOCASE", arguments: [name]) ?? false
            guard !taken else { throw BulkheadError.conflict("an organization named '\(name)' already exists") }
            try db.execute(sql: "INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)",
                           arguments: [id.rawValue, name, clock.now()])
        }
        logger.info("organization created", metadata: ["org": "\(id)"])
        return id
    }

    /// Adds a user to an organization with a role, creating the account if the email is new.
    ///
    /// The email is normalized (trimmed, lowercased). For a new account the password must meet
    /// the policy and is hashed with scrypt. For an existing account the password is not changed:
    /// it must be the account's current password, so this cannot be used to take over an account.
    /// This is an operator command (the CLI's `user add`); admins manage their own org's members
    /// with ``setRole(email:role:by:)`` and ``removeMember(email:by:)``.
    ///
    /// - Parameter org: the organization's name (case-insensitive) or id.
    /// - Throws: `invalidInput` (bad email or password), `notFound("organization")`,
    ///   `invalidCredentials` (existing account, other password), `conflict` (already a member).
    public func addUser(email: String, password: String, org: String, role: Role) throws -> UserID {
        let email = try AuthInput.validatedEmail(email)
        try PasswordHasher.checkPolicy(password)
        let orgID = try organizationID(named: org)

        let existing = try read("auth-user-lookup") { db in
            try Row.fetchOne(db, sql: "SELECT id, password_hash FROM users WHERE email = ?", arguments: [email])
        }
        let userID: UserID
        var newHash: String?
        if let existing {
            guard let id = UserID(rawValue: existing["id"]), hasher.verify(password, against: existing["password_hash"]) else {
                throw BulkheadError.invalidCredentials
            }
            userID = id
        } else {
            userID = UserID.random(prefix: "usr", using: random)
            newHash = try hasher.hash(password)
        }

        let now = clock.now()
        try write("auth-user-add") { db in
            if let newHash {
                let raced = try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE email = ?", arguments: [email]) ?? false
                guard !raced else { throw BulkheadError.conflict("an account for this email was created at the same time; try again") }
                try db.execute(sql: "INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)",
                               arguments: [userID.rawValue, email, newHash, now])
            }
            let member = try Bool.fetchOne(db, sql: "SELECT 1 FROM memberships WHERE user_id = ? AND org_id = ?",
                                           arguments: [userID.rawValue, orgID.rawValue]) ?? false
            guard !member else { throw BulkheadError.conflict("this user is already a member of the organization") }
            try db.execute(sql: "INSERT INTO memberships (user_id, org_id, role, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [userID.rawValue, orgID.rawValue, role.rawValue, now])
        }
        logger.info("membership added", metadata: ["user": "\(userID)", "org": "\(orgID)", "role": "\(role.rawValue)"])
        return userID
    }

    /// Removes a member from the admin's own org and revokes the member's sessions there.
    ///
    /// Their tokens for this org stop verifying at once (verification also checks the membership).
    /// - Throws: `denied` unless `principal` is an admin; `notFound("user")` when the email is not a
    ///   member of the principal's org; `invalidInput` when it would leave the org without an admin.
    public func removeMember(email: String, by principal: Principal) throws {
        try principal.requireAdmin()
        let email = AuthInput.normalizeEmail(email)
        let org = principal.orgID
        let removed = try write("auth-member-remove") { db -> UserID in
            let target = try member(email: email, org: org, db: db)
            if target.role == .admin { try requireAnotherAdmin(besides: target.userID, org: org, db: db) }
            try db.execute(sql: "DELETE FROM memberships WHERE user_id = ? AND org_id = ?",
                           arguments: [target.userID.rawValue, org.rawValue])
            try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND org_id = ? AND revoked_at IS NULL",
                           arguments: [clock.now(), target.userID.rawValue, org.rawValue])
            return target.userID
        }
        securityEvent("member_removed", org: org, user: removed, detail: "by=\(principal.userID)")
    }

    /// Changes a member's role in the admin's own org.
    ///
    /// Tokens issued under the old role stop verifying (the role claim must match the membership),
    /// so the member logs in again to get the new role.
    /// - Throws: `denied`, `notFound("user")`, or `invalidInput` when it would leave the org without an admin.
    public func setRole(email: String, role: Role, by principal: Principal) throws {
        try principal.requireAdmin()
        let email = AuthInput.normalizeEmail(email)
        let org = principal.orgID
        let changed = try write("auth-member-role") { db -> UserID? in
            let target = try member(email: email, org: org, db: db)
            guard target.role != role else { return nil }
            if target.role == .admin { try requireAnotherAdmin(besides: target.userID, org: org, db: db) }
            try db.execute(sql: "UPDATE memberships SET role = ? WHERE user_id = ? AND org_id = ?",
                           arguments: [role.rawValue, target.userID.rawValue, org.rawValue])
            return target.userID
        }
        if let changed {
            securityEvent("role_changed", org: org, user: changed, detail: "role=\(role.rawValue) by=\(principal.userID)")
        }
    }

    /// The members of the principal's org; admins only.
    public func members(of principal: Principal) throws -> [Member] {
        try principal.requireAdmin()
        return try read("auth-members") { db in
            try Row.fetchAll(db, sql: """
                SELECT u.id, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.org_id = ? ORDER BY u.email
                """, arguments: [principal.orgID.rawValue]).compactMap { row in
                guard let id = UserID(rawValue: row["id"]), let role = Role(rawValue: row["role"]) else { return nil }
                return Member(userID: id, email: row["email"], role: role)
            }
        }
    }

    /// Deletes an organization's control-plane records: the org, its memberships and sessions
    /// (by cascade), and the users left with no membership. Package-scoped: only maintenance that
    /// also removes the org's files (the demo's `--force`) may call it; no tenant command does.
    package func deleteOrganization(_ org: OrgID) throws {
        try write("org-delete") { db in
            try db.execute(sql: "DELETE FROM organizations WHERE id = ?", arguments: [org.rawValue])
            try db.execute(sql: "DELETE FROM users WHERE id NOT IN (SELECT user_id FROM memberships)")
        }
        securityEvent("organization_deleted", org: org, detail: "control-plane records removed")
    }

    /// The member of `org` with `email`, or `notFound("user")`: a user of another org looks missing.
    private func member(email: String, org: OrgID, db: Database) throws -> Member {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT u.id, m.role FROM users u JOIN memberships m ON m.user_id = u.id
            WHERE u.email = ? AND m.org_id = ?
            """, arguments: [email, org.rawValue]),
            let id = UserID(rawValue: row["id"]), let role = Role(rawValue: row["role"])
        else { throw BulkheadError.notFound(kind: "user", name: email) }
        return Member(userID: id, email: email, role: role)
    }

    /// Refuses a change that would leave `org` without an admin.
    private func requireAnotherAdmin(besides user: UserID, org: OrgID, db: Database) throws {
        let others = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM memberships WHERE org_id = ? AND role = 'admin' AND user_id <> ?
            """, arguments: [org.rawValue, user.rawValue]) ?? 0
        guard others > 0 else { throw BulkheadError.invalidInput("an organization must keep at least one admin") }
    }
}
