import BulkheadCore
import Foundation
import BulkheadStore

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
        let removed = try control.write(.tenant(principal), "auth-member-remove") { tx -> UserID? in
            let hadInvitation = try tx.deleteInvitation(org: org, email: email)
            guard let target = try tx.member(email: email, org: org) else {
                if hadInvitation { return nil }
                throw BulkheadError.notFound(kind: "user", name: email)
            }
            if target.role == .admin { try requireAnotherAdmin(besides: target.userID, org: org, tx) }
            _ = try tx.deleteMembership(target.userID, org: org)
            try tx.revokeSessions(org: org, user: target.userID, at: clock.now())
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
        let changed = try control.write(.tenant(principal), "auth-member-role") { tx -> UserID? in
            guard let target = try tx.member(email: email, org: org) else { throw BulkheadError.notFound(kind: "user", name: email) }
            guard target.role != role else { return nil }
            if target.role == .admin { try requireAnotherAdmin(besides: target.userID, org: org, tx) }
            try tx.setRole(target.userID, org: org, role: role)
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
        return try control.read(.tenant(principal), "auth-members") { tx in
            let members = try tx.members(of: principal.orgID).map { Person(email: $0.email, role: $0.role, status: .member) }
            let invited = try tx.invitations(of: principal.orgID, now: now).map { Person(email: $0.email, role: $0.role, status: .invited) }
            return members + invited
        }
    }

    /// Adds a person to `org`: the one path both the operator and tenant admins take.
    func enroll(email: String, org: OrgID, role: Role, initialPassword: String?,
                existingJoinsAtOnce: Bool, invitedBy: String) throws -> Enrollment {
        let email = try AuthInput.validatedEmail(email)
        if let initialPassword { try PasswordHasher.checkPolicy(initialPassword) }
        let account = try read("auth-user-lookup") { try $0.account(email: email)?.id }
        let now = clock.now(), expires = now.addingTimeInterval(Self.invitationLifetime)
        // Hashes are computed before the write transaction, never inside it.
        let code = account == nil && initialPassword == nil ? makeInvitationCode() : nil
        let passwordHash = try initialPassword.map { try hasher.hash($0) }
        let codeHash = try code.map { try hasher.hash($0) }
        return try write("auth-enroll") { tx in
            guard try tx.organizationExists(org) else { throw BulkheadError.notFound(kind: "organization", name: org.rawValue) }
            let existing = try tx.account(email: email)?.id
            guard existing == account else { throw BulkheadError.conflict("an account for this email was created at the same time; try again") }
            let invitation = { (hash: String?) in StoredInvitation(orgID: org, email: email, role: role, codeHash: hash) }
            if let existing {
                guard try !tx.isMember(existing, of: org) else { throw BulkheadError.conflict("this user is already a member of the organization") }
                if existingJoinsAtOnce {
                    _ = try tx.deleteInvitation(org: org, email: email)
                    try tx.insertMembership(existing, org: org, role: role, at: now)
                    return .added(existing)
                }
                try tx.putInvitation(invitation(nil), invitedBy: invitedBy, at: now, expiresAt: expires)
                return .awaitingAcceptance(expiresAt: expires)
            }
            let user = UserID.random(prefix: "usr", using: random)
            try tx.insertUser(user, email: email, passwordHash: passwordHash ?? Self.noPassword, at: now)
            if let code, let codeHash {
                try tx.putInvitation(invitation(codeHash), invitedBy: invitedBy, at: now, expiresAt: expires)
                return .invited(code: code, expiresAt: expires)
            }
            try tx.insertMembership(user, org: org, role: role, at: now)
            return .added(user)
        }
    }

    /// The stored "hash" of an account that has no password yet: it never verifies (like `!` in /etc/shadow).
    static let noPassword = "!"

    /// Three groups of five characters from an unambiguous alphabet (about 77 bits).
    private func makeInvitationCode() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        let bytes = SystemRandom().bytes(count: 15)
        let characters = bytes.map { alphabet[Int($0) % alphabet.count] }
        return stride(from: 0, to: 15, by: 5).map { String(characters[$0..<$0 + 5]) }.joined(separator: "-")
    }

    /// Refuses a change that would leave `org` without an admin.
    private func requireAnotherAdmin(besides user: UserID, org: OrgID, _ tx: any ControlTransaction) throws {
        guard try tx.adminCount(org, excluding: user) > 0 else { throw BulkheadError.invalidInput("an organization must keep at least one admin") }
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
