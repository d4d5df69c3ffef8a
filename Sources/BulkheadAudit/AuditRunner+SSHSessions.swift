import Foundation
import BulkheadPostgres
import GRDB
import BulkheadAuth
import BulkheadCore
import BulkheadStore

extension AuditRunner {
    /// SSH sessions over time: replayed ids, throttling, removed keys, suspended orgs, caps, the operator's log.
    static var sshSessionPatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list += AuditPattern.twoWay("SSH-14", .ssh, "a replayed SSH session id",
                                    tried: "re-signs (with the stolen home key) tokens naming ended SSH sessions, its own and the other org's") { world, me in
            let victim = world.victim(of: me)
            // The server revokes a session as its channel closes; give the last one a moment.
            var ended = try world.sshSessions(of: me.member), theirs = try world.sshSessions(of: victim.member)
            for _ in 0..<40 where !(ended + theirs).allSatisfy(\.revoked) {
                try await Task.sleep(for: .milliseconds(50))
                (ended, theirs) = (try world.sshSessions(of: me.member), try world.sshSessions(of: victim.member))
            }
            try world.require(!ended.isEmpty && !theirs.isEmpty, "no SSH session was recorded to replay")
            try world.require(ended.allSatisfy(\.revoked) && theirs.allSatisfy(\.revoked), "an ended SSH session was left open")
            for (session, subject, org) in [(ended[0].id, me.member.userID, me.orgID), (theirs[0].id, me.member.userID, me.orgID),
                                            (theirs[0].id, victim.member.userID, victim.orgID)] {
                let claims = SessionClaims(subject: subject, orgID: org, role: .member, sessionID: session,
                                           issuedAt: Date(), expiresAt: Date().addingTimeInterval(600))
                let token = try await TokenForge(workspace: world.services.workspace).signWithHomeKey(claims)
                try await world.expectFailure(me, .notAuthenticated, "replayed SSH session") { try await world.services.verify(token: token) }
            }
        }
        list.append(.oneWay("SSH-15", .ssh, "guessing keys from one address",
                            tried: "fails five times with a key of its own from 127.0.0.2, then tries its admin's real key from there") { world, me in
            let ssh = try await world.ssh()
            let guess = AuditSSH.strangerKey()
            for _ in 0..<LockoutPolicy.standard.threshold {
                try world.require(try await ssh.client.connect(key: guess, user: me.adminEmail, from: "127.0.0.2") == nil, "a guess got in")
            }
            try world.require(try await ssh.connect(me.adminEmail, from: "127.0.0.2") == nil, "a throttled address got in")
            guard let elsewhere = try await ssh.connect(me.adminEmail) else { throw AuditBreach("the throttle locked the key's owner out everywhere") }
            await elsewhere.close()
            try world.requireEvent("ssh_auth_lockout", "reason=unknown_key")
            try world.requireEvent("ssh_auth_throttled", "client=ssh")
        })
        list.append(.oneWay("SSH-16", .ssh, "a removed key", as: .b,
                            tried: "opens an SSH session, has the key removed, then reconnects with it") { world, me in
            let ssh = try await world.ssh()
            let key = AuditSSH.strangerKey()
            let record = try world.services.auth.addSSHKey(AuditSSH.line(key), by: me.member)
            let identity = try world.services.auth.authenticateSSHKey(try SSHPublicKey(key.publicKey), userName: me.memberEmail,
                                                                      client: .ssh(address: "127.0.0.1"), server: ssh.credential)
            let grant = try await world.services.auth.openSSHSession(identity, client: .ssh(address: "127.0.0.1"), lifetime: 600,
                                                                     server: ssh.credential)
            try world.services.auth.removeSSHKey(fingerprint: record.fingerprint, by: me.admin)
            try world.require(try await ssh.client.connect(key: key, user: me.memberEmail, from: "127.0.0.17") == nil, "a removed key got in")
            let state = try world.services.auth.sshSessionStates([grant.principal.sessionID: grant.principal.role], server: ssh.credential)
            try world.require(state[grant.principal.sessionID] == .ended(.keyRemoved), "the removed key's session still stands")
            try await world.expectFailure(me, .notAuthenticated, "the removed key's token") { try await world.services.verify(token: grant.token) }
        })
        list.append(.oneWay("SSH-17", .ssh, "a suspended org", tried: "connects with the key of an org's admin after the operator suspended the org") { world, me in
            let ssh = try await world.ssh()
            let target = try await world.throwawayOrg()
            let admin = try await world.services.verify(token: target.token)
            let key = AuditSSH.strangerKey()
            _ = try world.services.auth.addSSHKey(AuditSSH.line(key), by: admin)
            guard let before = try await ssh.client.connect(key: key, user: admin.email) else { throw AuditBreach("the key did not work before") }
            await before.close()
            _ = try await world.services.setSuspended(target.name, true, credentials: world.operatorCredentials)
            try world.require(try await ssh.client.connect(key: key, user: admin.email, from: "127.0.0.18") == nil,
                              "a suspended org's key got in")
            try world.requireEvent("ssh_auth_failed", "reason=org_suspended")
        })
        list += AuditPattern.twoWay("SSH-18", .ssh, "session caps held elsewhere",
                                    tried: "holds its member's session cap from another server process; the member is refused, the other org is not") { world, me in
            let ssh = try await world.ssh()
            let victim = world.victim(of: me)
            let elsewhere = try world.limits(heldBy: LimitHolder(pid: getppid()))
            let scope = LimitScope.user(me.member.userID)
            // A session that just ended gives its slot back as its channel closes; let it.
            for _ in 0..<40 where try elsewhere.count(.sshSessions, scope: scope) > 0 { try await Task.sleep(for: .milliseconds(50)) }
            var held = 0
            defer { for _ in 0..<held { elsewhere.release(.sshSessions, scope: scope) } }
            for _ in 0..<AuditSSH.perUser where try elsewhere.acquire(.sshSessions, scope: scope, limit: AuditSSH.perUser, now: Date()) {
                held += 1
            }
            try world.require(held == AuditSSH.perUser, "the other server could not take the user's slots")
            let mine = try await world.sshConnection(me.memberEmail)
            defer { Task { await mine.close() } }
            let refused = try await mine.session([.exec("whoami --json")], timeout: 30)
            try world.require(refused.stdout.isEmpty, "a session opened over the user's cap")
            try world.require(refused.exitStatus == 1 && refused.stderr.contains("sessions open"), "the cap's refusal did not say why")
            try world.requireEvent("ssh_refused", "what=user_session_cap")
            let theirs = try await world.sshConnection(victim.memberEmail)
            defer { Task { await theirs.close() } }
            let identity = try world.whoami(try await theirs.session([.exec("whoami --json")], timeout: 30), viewer: victim,
                                            what: "the other org's whoami during the cap")
            try world.require(identity.email == victim.memberEmail, "the other org was held by this org's cap")
            _ = ssh
        }
        list.append(.oneWay("SSH-19", .ssh, "the server's session log", as: .b,
                            tried: "reads the server's one-line records of the sessions so far for names, emails, canaries and paths") { world, me in
            let lines = try await world.ssh().log.all
            try world.require(lines.contains { $0.hasPrefix("session opened") } && lines.contains { $0.hasPrefix("session closed") },
                              "the server logged no sessions")
            for tenant in [world.a, world.b] {
                for needle in [tenant.canary, tenant.orgName, tenant.adminEmail, tenant.memberEmail, world.home.path] {
                    try world.require(!lines.contains { $0.contains(needle) }, "a session record carries more than ids")
                }
            }
        })
        return list
    }
}

extension AuditWorld {
    /// The SSH sessions the control plane recorded for `principal`'s user, newest first.
    func sshSessions(of principal: Principal) throws -> [(id: SessionID, revoked: Bool)] {
        try services.control.read(.service, "audit-ssh-sessions") { try $0.sshSessions(of: principal.userID) }
    }

    /// The shared limits of the audit's store as another process (another server) holds them.
    func limits(heldBy holder: LimitHolder) throws -> any SharedLimits {
        if let postgres { return PostgresSharedLimits(store: postgres, holder: holder) }
        guard let control = services.control as? ControlDatabase else { throw AuditBreach("the audit's store has no shared limits") }
        return try ControlPlaneLimits(control: control, holder: holder)
    }
}
