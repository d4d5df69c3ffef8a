import BulkheadCore
import Foundation
import BulkheadStore

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
        let rows = try read("auth-invitation-lookup") { try $0.codeInvitations(email: email, now: now) }
        guard !rows.isEmpty else {
            hasher.simulateVerification(code)
            return nil
        }
        for row in rows where hasher.verify(code, against: row.codeHash ?? "") {
            return Invitation(org: row.orgID, role: row.role)
        }
        return nil
    }

    /// Sets the invited account's own password and turns the invitation into a membership.
    ///
    /// - Throws: `firstLoginNeedsPassword` when no new password was given (the code stays valid);
    ///   `invalidInput` when it breaks the policy.
    func completeFirstLogin(_ invitation: Invitation, user: UserID, email: String, newPassword: String?, client: String) throws {
        try write("auth-first-login-reset") { try $0.clearLoginFailures(email: email, client: client) }
        guard let newPassword, !newPassword.isEmpty else { throw BulkheadError.firstLoginNeedsPassword }
        let hash = try hasher.hash(newPassword)
        let now = clock.now()
        try write("auth-first-login") { tx in
            try tx.setPasswordHash(user, hash)
            _ = try tx.deleteInvitation(org: invitation.org, email: email)
            if try !tx.isMember(user, of: invitation.org) { try tx.insertMembership(user, org: invitation.org, role: invitation.role, at: now) }
        }
        securityEvent("invitation_accepted", org: invitation.org, user: user, detail: "first_login=1", actor: .user(user))
    }

    /// Accepts an open invitation of the user into the org they named at login, if there is one.
    func acceptInvitation(user: AuthenticatedUser, naming org: String) throws {
        let wanted = org.trimmingCharacters(in: .whitespaces)
        let now = clock.now()
        let accepted = try write("auth-invitation-accept") { tx -> OrgID? in
            guard let invitation = try tx.invitation(email: user.email, naming: wanted, now: now) else { return nil }
            _ = try tx.deleteInvitation(org: invitation.orgID, email: user.email)
            if try !tx.isMember(user.id, of: invitation.orgID) {
                try tx.insertMembership(user.id, org: invitation.orgID, role: invitation.role, at: now)
            }
            return invitation.orgID
        }
        if let accepted {
            securityEvent("invitation_accepted", org: accepted, user: user.id, detail: "first_login=0", actor: .user(user.id))
        }
    }

    /// Refuses a login into a suspended org.
    func requireActive(_ membership: Membership, user: UserID) throws {
        let suspended = try read("auth-org-suspended") { try $0.isSuspended(membership.orgID) } ?? true
        guard suspended else { return }
        securityEvent("login_refused", org: membership.orgID, user: user, detail: "reason=org_suspended", actor: .user(user))
        throw BulkheadError.invalidInput("this organization is suspended; ask the operator of this installation")
    }
}
