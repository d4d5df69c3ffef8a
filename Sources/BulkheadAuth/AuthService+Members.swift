import BulkheadCore
import Foundation
import GRDB

/// Tenant admins' actions on their own org's people. The org is always the principal's own, from
/// the verified token; no call here takes an org from input, so no admin can reach another org.
extension AuthService {
    /// One person in an org, as its admins see them: a member, or an invitation not yet taken up.
    public struct Person: Sendable, Hashable {
        /// Whether the person is a member yet.
        public enum Status: String, Sendable, Hashable {
            case member, invited
        }
        public let email: String
        public let role: Role
        public let status: Status
    }

    /// Invites `email` into the admin's own org with `role` (org admins only).
    ///
    /// - A new email with an `initialPassword` (which must meet the policy) becomes a member now.
    /// - A new email without one gets an invitation; its one-time code is the first password, and
    ///   that first login must choose the real one.
    /// - An email that already has an account joins only when its holder logs in naming this org
    ///   with their own password; the admin's password, if any, is never applied to it.
    ///
    /// - Throws: `denied` unless the caller is an admin; `invalidInput`; `conflict` when already a member.
    public func invite(email: String, role: Role, initialPassword: String?, by principal: Principal) throws -> Enrollment {
        try requireAdmin(principal, action: "user.add")
        let enrollment = try enroll(email: email, org: principal.orgID, role: role, initialPassword: initialPassword,
                                    existingJoinsAtOnce: false, invitedBy: "user:\(principal.userID)")
        securityEvent("member_invited", org: principal.orgID, user: enrollment.userID,
                      detail: "role=\(role.rawValue) outcome=\(enrollment.outcomeCode)", actor: .user(principal.userID))
        return enrollment
    }

    /// Removes a member (or an open invitation) from the admin's own org and revokes the member's sessions there.
    ///
    /// Their tokens for this org stop verifying at once (verification also checks the membership).
    /// - Throws: `denied` unless `principal` is an admin; `notFound("user")` when the email is neither a
    ///   member nor invited in the principal's org; `invalidInput` when it would leave the org without an admin.
    public func removeMember(email: String, by principal: Principal) throws {
        try requireAdmin(principal, action: "user.rm")
        let email = AuthInput.normalizeEmail(email)
        let org = principal.orgID
        let removed = try write("auth-member-remove") { db -> UserID? in
            try db.execute(sql: "DELETE FROM invitations WHERE org_id = ? AND email = ?", arguments: [org.rawValue, email])
            let hadInvitation = db.changesCount > 0
            guard let target = try member(email: email, org: org, db: db) else {
                if hadInvitation { return nil }
                throw BulkheadError.notFound(kind: "user", name: email)
            }
            if target.role == .admin { try requireAnotherAdmin(besides: target.userID, org: org, db: db) }
            try db.execute(sql: "DELETE FROM memberships WHERE user_id = ? AND org_id = ?",
                           arguments: [target.userID.rawValue, org.rawValue])
            try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND org_id = ? AND revoked_at IS NULL",
                           arguments: [clock.now(), target.userID.rawValue, org.rawValue])
            return target.userID
        }
        securityEvent("member_removed", org: org, user: removed, detail: "by=\(principal.userID)", actor: .user(principal.userID))
    }

    /// Changes a member's role in the admin's own org.
    ///
    /// Tokens issued under the old role stop verifying (the role claim must match the membership),
    /// so the member logs in again to get the new role.
    /// - Throws: `denied`, `notFound("user")`, or `invalidInput` when it would leave the org without an admin.
    public func setRole(email: String, role: Role, by principal: Principal) throws {
        try requireAdmin(principal, action: "user.role")
        let email = AuthInput.normalizeEmail(email)
        let org = principal.orgID
        let changed = try write("auth-member-role") { db -> UserID? in
            guard let target = try member(email: email, org: org, db: db) else { throw BulkheadError.notFound(kind: "user", name: email) }
            guard target.role != role else { return nil }
            if target.role == .admin { try requireAnotherAdmin(besides: target.userID, org: org, db: db) }
            try db.execute(sql: "UPDATE memberships SET role = ? WHERE user_id = ? AND org_id = ?",
                           arguments: [role.rawValue, target.userID.rawValue, org.rawValue])
            return target.userID
        }
        if let changed {
            securityEvent("role_changed", org: org, user: changed, detail: "role=\(role.rawValue) by=\(principal.userID)",
                          actor: .user(principal.userID))
        }
    }

    /// The members of the principal's org, then its open invitations; admins only.
    public func members(of principal: Principal) throws -> [Person] {
        try requireAdmin(principal, action: "user.list")
        let now = clock.now()
        return try read("auth-members") { db in
            let members = try Row.fetchAll(db, sql: """
                SELECT u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.org_id = ? ORDER BY u.email
                """, arguments: [principal.orgID.rawValue]).compactMap { row in
                Role(rawValue: row["role"]).map { Person(email: row["email"], role: $0, status: .member) }
            }
            let invited = try Row.fetchAll(db, sql: """
                SELECT email, role FROM invitations WHERE org_id = ? AND expires_at > ? ORDER BY email
                """, arguments: [principal.orgID.rawValue, now]).compactMap { row in
                Role(rawValue: row["role"]).map { Person(email: row["email"], role: $0, status: .invited) }
            }
            return members + invited
        }
    }

    /// Adds a person to `org`: the one path both the operator and tenant admins take.
    func enroll(email: String, org: OrgID, role: Role, initialPassword: String?,
                existingJoinsAtOnce: Bool, invitedBy: String) throws -> Enrollment {
        let email = try AuthInput.validatedEmail(email)
        if let initialPassword { try PasswordHasher.checkPolicy(initialPassword) }
        let account = try read("auth-user-lookup") { db in
            try String.fetchOne(db, sql: "SELECT id FROM users WHERE email = ?", arguments: [email]).flatMap(UserID.init(rawValue:))
        }
        let now = clock.now(), expires = now.addingTimeInterval(Self.invitationLifetime)
        // Hashes are computed before the write transaction, never inside it.
        let code = account == nil && initialPassword == nil ? makeInvitationCode() : nil
        let passwordHash = try initialPassword.map { try hasher.hash($0) }
        let codeHash = try code.map { try hasher.hash($0) }
        return try write("auth-enroll") { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM organizations WHERE id = ?", arguments: [org.rawValue]) ?? false else {
                throw BulkheadError.notFound(kind: "organization", name: org.rawValue)
            }
            let existing = try String.fetchOne(db, sql: "SELECT id FROM users WHERE email = ?", arguments: [email]).flatMap(UserID.init(rawValue:))
            guard existing == account else { throw BulkheadError.conflict("an account for this email was created at the same time; try again") }
            if let existing {
                let member = try Bool.fetchOne(db, sql: "SELECT 1 FROM memberships WHERE user_id = ? AND org_id = ?",
                                               arguments: [existing.rawValue, org.rawValue]) ?? false
                guard !member else { throw BulkheadError.conflict("this user is already a member of the organization") }
                if existingJoinsAtOnce {
                    try db.execute(sql: "DELETE FROM invitations WHERE org_id = ? AND email = ?", arguments: [org.rawValue, email])
                    try insertMembership(user: existing, org: org, role: role, at: now, db)
                    return .added(existing)
                }
                try upsertInvitation(org: org, email: email, role: role, codeHash: nil, invitedBy: invitedBy, at: now, db)
                return .awaitingAcceptance(expiresAt: expires)
            }
            let user = UserID.random(prefix: "usr", using: random)
            try db.execute(sql: "INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [user.rawValue, email, passwordHash ?? Self.noPassword, now])
            if let code, let codeHash {
                try upsertInvitation(org: org, email: email, role: role, codeHash: codeHash, invitedBy: invitedBy, at: now, db)
                return .invited(code: code, expiresAt: expires)
            }
            try insertMembership(user: user, org: org, role: role, at: now, db)
            return .added(user)
        }
    }

    /// The stored "hash" of an account that has no password yet: it never verifies (like `!` in /etc/shadow).
    static let noPassword = "!"

    func insertMembership(user: UserID, org: OrgID, role: Role, at now: Date, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO memberships (user_id, org_id, role, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [user.rawValue, org.rawValue, role.rawValue, now])
    }

    private func upsertInvitation(org: OrgID, email: String, role: Role, codeHash: String?, invitedBy: String, at now: Date,
                                  _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO invitations (org_id, email, role, code_hash, invited_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(org_id, email) DO UPDATE SET role = excluded.role, code_hash = excluded.code_hash,
                invited_by = excluded.invited_by, created_at = excluded.created_at, expires_at = excluded.expires_at
            """, arguments: [org.rawValue, email, role.rawValue, codeHash, invitedBy, now, now.addingTimeInterval(Self.invitationLifetime)])
    }

    /// Three groups of five characters from an unambiguous alphabet (about 77 bits).
    private func makeInvitationCode() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        let bytes = SystemRandom().bytes(count: 15)
        let characters = bytes.map { alphabet[Int($0) % alphabet.count] }
        return stride(from: 0, to: 15, by: 5).map { String(characters[$0..<$0 + 5]) }.joined(separator: "-")
    }

    /// The member of `org` with `email`, or nil: a user of another org looks missing.
    private func member(email: String, org: OrgID, db: Database) throws -> (userID: UserID, role: Role)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT u.id, m.role FROM users u JOIN memberships m ON m.user_id = u.id
            WHERE u.email = ? AND m.org_id = ?
            """, arguments: [email, org.rawValue]),
            let id = UserID(rawValue: row["id"]), let role = Role(rawValue: row["role"])
        else { return nil }
        return (id, role)
    }

    /// Refuses a change that would leave `org` without an admin.
    private func requireAnotherAdmin(besides user: UserID, org: OrgID, db: Database) throws {
        let others = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM memberships WHERE org_id = ? AND role = 'admin' AND user_id <> ?
            """, arguments: [org.rawValue, user.rawValue]) ?? 0
        guard others > 0 else { throw BulkheadError.invalidInput("an organization must keep at least one admin") }
    }
}

extension Enrollment {
    /// A short code for events: what happened, never the code itself.
    var outcomeCode: String {
        switch self {
        case .added: return "added"
        case .invited: return "invited"
        case .awaitingAcceptance: return "awaiting_acceptance"
        }
    }
}
