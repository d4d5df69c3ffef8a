import BulkheadCore
import Foundation
import BulkheadStore

extension AuthService {
    /// A user whose password just verified.
    struct AuthenticatedUser {
        let id: UserID
        let email: String
    }

    /// Logs in and issues a token for one org.
    ///
    /// - Parameters:
    ///   - org: the org's name (case-insensitive) or id; may be nil when the user belongs to exactly
    ///     one org. Naming an org the user was invited to (with their own password) accepts the invitation.
    ///   - client: where the attempt comes from; failures lock this client out, not the account.
    ///   - newPassword: the password to choose at the first login of an invited account (whose
    ///     one-time code is `password`); ignored otherwise.
    /// - Throws: `invalidCredentials` for a wrong password or an unknown email (the same error, after the
    ///   same scrypt work); `lockedOut` after too many failures from this client; `notFound("organization")`
    ///   when the user is not a member of `org` (whether or not it exists); `invalidInput` when `org` is
    ///   nil and the user belongs to several orgs, when a first login gives no new password, or when the
    ///   org is suspended.
    public func login(email: String, password: String, org: String? = nil, client: LoginClient = .local,
                      newPassword: String? = nil) async throws -> LoginResult {
        let user = try authenticate(email: email, password: password, client: client, newPassword: newPassword)
        if let org { try acceptInvitation(user: user, naming: org) }
        let memberships = try memberships(of: user.id)
        let chosen = try choose(from: memberships, org: org)
        try requireActive(chosen, user: user.id)

        let now = clock.now()
        let session = SessionID.random(prefix: "ses", using: random)
        let expiresAt = now.addingTimeInterval(tokens.lifetime)
        try write("auth-session") { try $0.insertSession(session, user: user.id, org: chosen.orgID, issuedAt: now, expiresAt: expiresAt) }
        let token = try await tokens.issue(user: user.id, org: chosen.orgID, role: chosen.role, session: session, at: now).token
        let principal = try await verify(token: token)
        logger.info("login", metadata: ["user": "\(user.id)", "org": "\(chosen.orgID)", "session": "\(session)"])
        return LoginResult(token: token, principal: principal, memberships: memberships)
    }

    /// Verifies the password and lists the user's orgs, for a login screen's org picker.
    ///
    /// Counts toward lockout exactly like ``login(email:password:org:client:newPassword:)``, so it is no side door for guessing.
    public func memberships(email: String, password: String, client: LoginClient = .local) throws -> [Membership] {
        let user = try authenticate(email: email, password: password, client: client, newPassword: nil)
        return try memberships(of: user.id)
    }

    /// Checks lockout, then the password (or an invitation's one-time code), and keeps the failure count.
    ///
    /// The attempt is counted as a failure *before* the password is checked, in the same
    /// transaction that checks the lock, and the count is cleared only when the password verifies.
    /// So parallel guesses cannot slip past the threshold: the fifth reservation sets the lock and
    /// every later one sees it, however many run at once. Counts are per (email, client).
    ///
    /// An unknown email does the same scrypt work as a known one and fails with the same error,
    /// and its failures are counted and locked the same way, so nothing tells the two apart.
    func authenticate(email: String, password: String, client: LoginClient, newPassword: String?) throws -> AuthenticatedUser {
        let key = AuthInput.normalizeEmail(email)
        let now = clock.now()
        let clientKey = enforcing ? client.description : LoginClient.local.description

        let attempt = try reserveAttempt(email: key, client: clientKey, now: now)
        let userID = attempt.account?.id
        if let seconds = attempt.lockedForSeconds {
            securityEvent("login_locked", user: userID, detail: "retry_after_s=\(seconds) client=\(client.kind.rawValue)")
            throw BulkheadError.lockedOut(retryAfterSeconds: seconds)
        }

        var firstLogin: Invitation?
        let verified: Bool
        if let account = attempt.account, account.passwordHash != Self.noPassword {
            verified = hasher.verify(password, against: account.passwordHash)
        } else if attempt.account != nil, let invitation = try openInvitation(email: key, code: password, now: now) {
            firstLogin = invitation
            verified = true
        } else {
            hasher.simulateVerification(password)
            verified = false
        }

        guard verified, let userID else {
            var detail = "failures=\(attempt.failures) client=\(client.kind.rawValue)"
            if let lock = attempt.lockStarted { detail += " locked_s=\(Int(lock))" }
            securityEvent(attempt.lockStarted == nil ? "login_failed" : "login_lockout", user: userID, detail: detail)
            if let lock = attempt.lockStarted { throw BulkheadError.lockedOut(retryAfterSeconds: Int(lock.rounded(.up))) }
            throw BulkheadError.invalidCredentials
        }

        if let firstLogin {
            try completeFirstLogin(firstLogin, user: userID, email: key, newPassword: newPassword, client: clientKey)
            return AuthenticatedUser(id: userID, email: key)
        }
        // An upgrade to the current scrypt cost is hashed before the transaction, never inside it.
        let upgraded = attempt.account.flatMap { hasher.needsRehash($0.passwordHash) ? try? hasher.hash(password) : nil }
        try write("auth-reset") { tx in
            try tx.clearLoginFailures(email: key, client: clientKey)
            if let upgraded { try tx.setPasswordHash(userID, upgraded) }
        }
        return AuthenticatedUser(id: userID, email: key)
    }

    /// One login attempt as reserved in `login_failures`.
    private struct Attempt {
        /// The account for the email, if there is one.
        var account: StoredAccount?
        /// Set when a lock was already running: the attempt is refused and not counted.
        var lockedForSeconds: Int?
        /// The failure count including this attempt.
        var failures = 0
        /// Set when this attempt's failure starts a lock, with its length.
        var lockStarted: TimeInterval?
    }

    /// Checks the lock and, when none runs, counts this attempt as a failure (locking when the
    /// policy says so), all in one write transaction.
    ///
    /// A count whose last failure is older than the policy's `forgetAfter` (and whose lock has run
    /// out) starts again from zero; such stale rows of every email are purged on the way, so the
    /// table does not grow without bound under a spray of made-up addresses.
    private func reserveAttempt(email: String, client: String, now: Date) throws -> Attempt {
        let horizon = now.addingTimeInterval(-lockout.forgetAfter)
        return try write("auth-attempt") { tx in
            var attempt = Attempt()
            attempt.account = try tx.account(email: email)
            if let lockedUntil = try tx.lockedUntil(email: email, client: client), lockedUntil > now {
                attempt.lockedForSeconds = Self.retrySeconds(until: lockedUntil, now: now)
                return attempt
            }
            try tx.purgeLoginFailures(before: horizon, now: now)
            attempt.failures = try tx.failureCount(email: email, client: client) + 1
            attempt.lockStarted = lockout.lockDuration(afterFailures: attempt.failures)
            try tx.setLoginFailures(email: email, client: client, count: attempt.failures, at: now,
                                    lockedUntil: attempt.lockStarted.map { now.addingTimeInterval($0) })
            return attempt
        }
    }

    /// Picks the membership a login asked for.
    private func choose(from memberships: [Membership], org: String?) throws -> Membership {
        if let org {
            let wanted = org.trimmingCharacters(in: .whitespaces)
            // Not a member and no such org answer alike, so a login cannot probe other orgs' names.
            guard let match = memberships.first(where: {
                $0.orgName.caseInsensitiveCompare(wanted) == .orderedSame || $0.orgID.rawValue == wanted
            }) else {
                throw BulkheadError.notFound(kind: "organization", name: wanted)
            }
            return match
        }
        switch memberships.count {
        case 1: return memberships[0]
        case 0: throw BulkheadError.invalidInput("this account is not a member of any organization")
        default:
            throw BulkheadError.invalidInput("this account belongs to several organizations; choose one with --org NAME")
        }
    }

    /// Whole seconds until `date`, at least 1, so a message never says "retry in 0 s".
    static func retrySeconds(until date: Date, now: Date) -> Int {
        max(1, Int(date.timeIntervalSince(now).rounded(.up)))
    }
}
