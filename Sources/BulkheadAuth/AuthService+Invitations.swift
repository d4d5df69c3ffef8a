import BulkheadCore
import Foundation
import GRDB

/// The login side of invitations: first logins with a one-time code, and existing accounts
/// accepting an org that invited them.
extension AuthService {
    /// An invitation matched at login.
    struct Invitation {
        let org: OrgID
        let role: Role
    }

    /// The open invitation of `email` whose one-time code is `code`, if any.
    ///
    /// Scrypt work is done even when there is no invitation, so timing does not tell an invited
    /// account from one that is not.
    func openInvitation(email: String, code: String, now: Date) throws -> Invitation? {
        let rows = try read("auth-invitation-lookup") { db in
            try Row.fetchAll(db, sql: """
                SELECT org_id, role, code_hash FROM invitations WHERE email = ? AND code_hash IS NOT NULL AND expires_at > ?
                """, arguments: [email, now])
        }
        guard !rows.isEmpty else {
            hasher.simulateVerification(code)
            return nil
        }
        for row in rows where hasher.verify(code, against: row["code_hash"]) {
            if let org = OrgID(rawValue: row["org_id"]), let role = Role(rawValue: row["role"]) { return Invitation(org: org, role: role) }
        }
        return nil
    }

    /// Sets the invited account's own password and turns the invitation into a membership.
    ///
    /// - Throws: `firstLoginNeedsPassword` when no new password was given (the code stays valid);
    ///   `invalidInput` when it breaks the policy.
    func completeFirstLogin(_ invitation: Invitation, user: UserID, email: String, newPassword: String?, client: String) throws {
        try write("auth-first-login-reset") { db in
            try db.execute(sql: "DELETE FROM login_failures WHERE email = ? AND client = ?", arguments: [email, client])
        }
        guard let newPassword, !newPassword.isEmpty else { throw BulkheadError.firstLoginNeedsPassword }
        let hash = try hasher.hash(newPassword)
        let now = clock.now()
        try write("auth-first-login") { db in
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [hash, user.rawValue])
            try db.execute(sql: "DELETE FROM invitations WHERE email = ? AND org_id = ?", arguments: [email, invitation.org.rawValue])
            let member = try Bool.fetchOne(db, sql: "SELECT 1 FROM memberships WHERE user_id = ? AND org_id = ?",
                                           arguments: [user.rawValue, invitation.org.rawValue]) ?? false
            if !member { try insertMembership(user: user, org: invitation.org, role: invitation.role, at: now, db) }
        }
        securityEvent("invitation_accepted", org: invitation.org, user: user, detail: "first_login=1", actor: .user(user))
    }

    /// Accepts an open invitation of the user into the org they named at login, if there is one.
    func acceptInvitation(user: AuthenticatedUser, naming org: String) throws {
        let wanted = org.trimmingCharacters(in: .whitespaces)
        let now = clock.now()
        let accepted = try write("auth-invitation-accept") { db -> OrgID? in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT i.org_id, i.role FROM invitations i JOIN organizations o ON o.id = i.org_id
                WHERE i.email = ? AND i.expires_at > ? AND (o.name = ? COLLATE NOCASE OR o.id = ?)
                """, arguments: [user.email, now, wanted, wanted]),
                let orgID = OrgID(rawValue: row["org_id"]), let role = Role(rawValue: row["role"])
            else { return nil }
            try db.execute(sql: "DELETE FROM invitations WHERE email = ? AND org_id = ?", arguments: [user.email, orgID.rawValue])
            let member = try Bool.fetchOne(db, sql: "SELECT 1 FROM memberships WHERE user_id = ? AND org_id = ?",
                                           arguments: [user.id.rawValue, orgID.rawValue]) ?? false
            if !member { try insertMembership(user: user.id, org: orgID, role: role, at: now, db) }
            return orgID
        }
        if let accepted {
            securityEvent("invitation_accepted", org: accepted, user: user.id, detail: "first_login=0", actor: .user(user.id))
        }
    }

    /// Refuses a login into a suspended org.
    func requireActive(_ membership: Membership, user: UserID) throws {
        let suspended = try read("auth-org-suspended") { db in
            try Bool.fetchOne(db, sql: "SELECT suspended_at IS NOT NULL FROM organizations WHERE id = ?",
                              arguments: [membership.orgID.rawValue]) ?? true
        }
        guard suspended else { return }
        securityEvent("login_refused", org: membership.orgID, user: user, detail: "reason=org_suspended", actor: .user(user))
        throw BulkheadError.invalidInput("this organization is suspended; ask the operator of this installation")
    }
}
