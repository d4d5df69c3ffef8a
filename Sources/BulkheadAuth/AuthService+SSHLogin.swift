import BulkheadCore
import Foundation
import BulkheadStore

/// Sessions opened by an SSH key instead of a password: the narrow door `bulkhead serve` uses.
///
/// Every call here takes an ``SSHServerCredential``, which only ``sshServer()`` makes, from the
/// home's host key file once the control plane confirms it is this installation's key. The server
/// calls ``authenticateSSHKey(_:userName:client:server:)`` after swift-nio-ssh has checked the
/// client's signature with that public key, then ``openSSHSession(_:client:lifetime:server:)``
/// for each session channel; nothing a tenant can run (a command, the console, an SSH request)
/// reaches them.
extension AuthService {
    /// Loads the SSH host key (made on the first start) and proves it is this installation's.
    ///
    /// A new key is registered in the control plane; an existing file must match a registered key
    /// (the first start of a home made before SSH registers the one it finds).
    /// - Throws: `integrity` when the file is readable by others, unreadable, or not a registered key.
    public func sshServer() throws -> SSHServerCredential {
        let (key, created) = try SSHHostKey.loadOrCreate(in: workspace)
        let fingerprint = key.fingerprint
        let known = try write("auth-host-key") { tx -> Bool in
            let registered = try tx.hostKeyFingerprints()
            if registered.contains(fingerprint) { return true }
            guard created || registered.isEmpty else { return false }
            try tx.insertHostKey(fingerprint: fingerprint, at: clock.now())
            return true
        }
        guard known else {
            securityEvent("ssh_host_key_rejected", detail: "key=\(fingerprint)", actor: .anonymous)
            throw BulkheadError.integrity("the SSH host key in the home is not this installation's")
        }
        if created { securityEvent("ssh_host_key_created", detail: "key=\(fingerprint)") }
        return SSHServerCredential(hostKey: key)
    }

    /// Decides who a key that signed the SSH handshake belongs to, and which org the session serves.
    ///
    /// The SSH user name must be the key owner's email, optionally followed by `/ORG` to choose one
    /// of their orgs; a user name without `@` (the client's local account, sent by default) is
    /// ignored. A key an admin added opens its own org only.
    /// - Throws: `lockedOut` while the address or the key is throttled; `invalidCredentials` for an
    ///   unknown key, a user name naming someone else, an org the key may not open, or a suspended org.
    ///   Each failure is a security event and counts toward the throttle.
    public func authenticateSSHKey(_ key: SSHPublicKey, userName: String, client: LoginClient,
                                   server: SSHServerCredential) throws -> SSHKeyIdentity {
        let now = clock.now()
        let throttle = SSHThrottleKeys(fingerprint: key.fingerprint, client: client)
        if let seconds = try sshLock(throttle, now: now) {
            securityEvent("ssh_auth_throttled", detail: "key=\(key.fingerprint) client=ssh retry_after_s=\(seconds)", actor: .anonymous)
            throw BulkheadError.lockedOut(retryAfterSeconds: seconds)
        }
        switch try resolveKey(key, userName: userName) {
        case let .success(identity):
            try clearSSHFailures(throttle)
            return identity
        case let .failure(refusal):
            let lock = try countSSHFailure(throttle, now: now)
            var detail = "reason=\(refusal.reason.rawValue) key=\(key.fingerprint) client=ssh"
            if let lock { detail += " locked_s=\(Int(lock))" }
            securityEvent(lock == nil ? "ssh_auth_failed" : "ssh_auth_lockout", org: refusal.org, user: refusal.user, detail: detail,
                          actor: refusal.user.map { .user($0) } ?? .anonymous)
            if let lock { throw BulkheadError.lockedOut(retryAfterSeconds: Int(lock.rounded(.up))) }
            throw BulkheadError.invalidCredentials
        }
    }

    /// Opens a session of its own (its own `sid`, listed by `session list`, revocable) for an
    /// authenticated key, after checking again, in the same transaction, that the key, the
    /// membership and the org still stand.
    ///
    /// - Parameter lifetime: how long the session may last at most (capped by the token lifetime).
    /// - Throws: `notAuthenticated` when something changed since authentication; `invalidInput` when
    ///   the identity has no org chosen.
    public func openSSHSession(_ identity: SSHKeyIdentity, client: LoginClient, lifetime: TimeInterval,
                               server: SSHServerCredential) async throws -> SSHSessionGrant {
        guard let org = identity.orgID else {
            throw BulkheadError.invalidInput("this key's owner belongs to several organizations: connect as EMAIL/ORG")
        }
        let now = clock.now()
        let session = SessionID.random(prefix: "ses", using: random)
        let expiresAt = now.addingTimeInterval(min(lifetime, tokens.lifetime))
        let role = try write("auth-ssh-session") { tx -> Role? in
            guard let role = try tx.sshSessionRole(fingerprint: identity.fingerprint, user: identity.userID, org: org) else { return nil }
            try tx.insertSSHSession(session, user: identity.userID, org: org, issuedAt: now, expiresAt: expiresAt,
                                    fingerprint: identity.fingerprint, client: client.description)
            try tx.touchSSHKey(fingerprint: identity.fingerprint, at: now)
            return role
        }
        guard let role else {
            securityEvent("ssh_session_refused", org: org, user: identity.userID, detail: "reason=changed key=\(identity.fingerprint)")
            throw BulkheadError.notAuthenticated
        }
        let token = try await tokens.issue(user: identity.userID, org: org, role: role, session: session, at: now).token
        let principal = try await verify(token: token)
        securityEvent("ssh_session_opened", org: org, user: identity.userID, detail: "session=\(session) key=\(identity.fingerprint)",
                      actor: .user(identity.userID))
        return SSHSessionGrant(token: token, principal: principal, issuedAt: now)
    }

    /// Revokes an SSH session when its channel closes, so its token (and its `sid`) cannot be replayed.
    public func closeSSHSession(_ session: SessionID, server: SSHServerCredential) {
        do {
            try write("auth-ssh-close") { tx in try tx.closeSSHSession(session, at: clock.now()) }
        } catch {
            logger.error("ssh session not closed", metadata: ["session": "\(session)"])
        }
    }

    /// Whether each live SSH session still stands, for the server's watch: one read for all of them.
    ///
    /// - Parameter sessions: each session with the role it was opened with (a changed role ends it).
    public func sshSessionStates(_ sessions: [SessionID: Role], server: SSHServerCredential) throws -> [SessionID: SessionState] {
        try read("auth-ssh-states") { tx in
            var states: [SessionID: SessionState] = [:]
            for (session, role) in sessions {
                states[session] = try sessionState(session, user: nil, org: nil, role: role, tx: tx)
            }
            return states
        }
    }

    /// What a key resolves to, or why it was refused.
    private func resolveKey(_ key: SSHPublicKey, userName: String) throws -> Result<SSHKeyIdentity, SSHRefusal> {
        try read("auth-ssh-key") { tx in
            guard let owner = try tx.sshKeyOwner(fingerprint: key.fingerprint) else { return .failure(SSHRefusal(.unknownKey)) }
            let user = owner.user
            let name = SSHUserName(userName)
            if let named = name.email, named != owner.email { return .failure(SSHRefusal(.userMismatch, user: user)) }
            let open = try tx.memberships(of: user).filter { owner.org == nil || $0.orgID == owner.org }
            let chosen: [Membership]
            if let org = name.org {
                chosen = open.filter { $0.orgName.caseInsensitiveCompare(org) == .orderedSame || $0.orgID.rawValue == org }
            } else {
                chosen = open
            }
            guard !chosen.isEmpty else { return .failure(SSHRefusal(.notMember, user: user)) }
            if chosen.count > 1 {
                return .success(SSHKeyIdentity(userID: user, email: owner.email, fingerprint: key.fingerprint, orgID: nil,
                                               orgChoices: chosen.map(\.orgName)))
            }
            let org = chosen[0].orgID
            guard try tx.isSuspended(org) == false else { return .failure(SSHRefusal(.orgSuspended, user: user, org: org)) }
            return .success(SSHKeyIdentity(userID: user, email: owner.email, fingerprint: key.fingerprint, orgID: org, orgChoices: []))
        }
    }

    /// Why a key was refused (for the security event; the client only ever hears "refused").
    struct SSHRefusal: Error {
        enum Reason: String {
            case unknownKey = "unknown_key"
            case userMismatch = "user_mismatch"
            case notMember = "not_member"
            case orgSuspended = "org_suspended"
        }

        let reason: Reason
        let user: UserID?
        let org: OrgID?

        init(_ reason: Reason, user: UserID? = nil, org: OrgID? = nil) {
            self.reason = reason
            self.user = user
            self.org = org
        }
    }
}
