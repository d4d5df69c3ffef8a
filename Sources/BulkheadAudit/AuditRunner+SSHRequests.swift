import Foundation
import BulkheadAuth
import BulkheadCore

extension AuditRunner {
    /// What a session may ask for: a terminal for the console, an allowlist of commands, four variables.
    static var sshRequestPatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list.append(.oneWay("SSH-07", .ssh, "a shell without a pty", tried: "asks for a shell without asking for a terminal first") { world, me in
            let connection = try await world.sshConnection(me.memberEmail)
            defer { Task { await connection.close() } }
            let outcome = try await connection.session([.shell])
            try world.require(outcome.exitStatus == 2 && outcome.closed && outcome.stdout.isEmpty, "a shell ran without a terminal")
            try world.require(outcome.stderr.contains("needs a terminal"), "no message said why")
            try world.requireEvent("ssh_refused", "what=shell_without_pty")
        })
        list.append(.oneWay("SSH-08", .ssh, "the sftp subsystem", as: .b, tried: "asks for the sftp subsystem") { world, me in
            let connection = try await world.sshConnection(me.memberEmail)
            defer { Task { await connection.close() } }
            let outcome = try await connection.session([.subsystem("sftp")])
            try world.require(outcome.replies == [false] && outcome.stdout.isEmpty, "the subsystem was granted")
            try world.require(outcome.stderr.contains("not available"), "no message said why")
            try world.requireEvent("ssh_refused", "what=subsystem")
        })
        list.append(.oneWay("SSH-09", .ssh, "remote port forwarding", tried: "asks the server to listen on a port for it (ssh -R)") { world, me in
            let connection = try await world.sshConnection(me.adminEmail)
            defer { Task { await connection.close() } }
            try world.require(!(await connection.remoteForward()), "the server agreed to forward a port")
            try world.requireEvent("ssh_refused", "what=remote_forwarding")
        })
        list.append(.oneWay("SSH-10", .ssh, "local port forwarding", as: .b,
                            tried: "opens a direct-tcpip channel through the server to a port on its side (ssh -L)") { world, me in
            let ssh = try await world.ssh()
            let connection = try await world.sshConnection(me.adminEmail)
            defer { Task { await connection.close() } }
            try world.require(!(await connection.localForward(to: ssh.client.port)), "a forwarding channel opened")
            try world.requireEvent("ssh_refused", "what=local_forwarding")
        })
        list += AuditPattern.twoWay("SSH-11", .ssh, "environment injection",
                                    tried: "sends LD_PRELOAD, BULKHEAD_HOME, BULKHEAD_TOKEN (the other org's admin's) and BULKHEAD_OPERATOR_KEY, then runs whoami") { world, me in
            let victim = world.victim(of: me)
            let connection = try await world.sshConnection(me.memberEmail)
            defer { Task { await connection.close() } }
            let outcome = try await connection.session([
                .env("LD_PRELOAD", me.scratch.appendingPathComponent("evil.so").path), .env("BULKHEAD_HOME", victim.root.path),
                .env("BULKHEAD_TOKEN", victim.adminToken), .env("BULKHEAD_OPERATOR_KEY", world.home.appendingPathComponent("operator.key").path),
                .env("LANG", "C.UTF-8"), .exec("whoami --json"),
            ], timeout: 30)
            try world.require(outcome.replies == [false, false, false, false, true, true], "an injected variable was accepted: \(outcome.replies)")
            let identity = try world.whoami(outcome, viewer: me, what: "whoami after injection")
            try world.require(identity.email == me.memberEmail && identity.orgID == me.orgID.rawValue,
                              "the session ran as someone other than the key's owner")
            try world.requireEvent("ssh_refused", "what=env name=BULKHEAD_TOKEN")
        }
        list.append(.oneWay("SSH-12", .ssh, "commands outside the allowlist",
                            tried: "execs operator and write commands, smuggled options and shell syntax") { world, me in
            let connection = try await world.sshConnection(me.adminEmail)
            defer { Task { await connection.close() } }
            for command in ["admin org list", "admin demo --force", "org create Rogue", "user add x@evil.test --role admin", "serve",
                            "key add -", "source add x /etc", "query sales 'select 1'", "backup -", "whoami --operator-key /tmp/k",
                            "ask --home /tmp how many", "context --home /tmp last", "whoami; id", "$(id)", "sh -c id", "--help"] {
                let outcome = try await connection.session([.exec(command)])
                try world.require(outcome.exitStatus == 3 && outcome.stdout.isEmpty, "'\(command)' ran over SSH")
                try world.require(outcome.stderr.contains("over SSH") || outcome.stderr.contains("plain commands"), "no message for '\(command)'")
            }
            let operatorEvents = try world.services.control.securityEvents().filter { $0.kind.hasPrefix("operator_") && $0.kind != "operator_created" }
            try world.require(operatorEvents.allSatisfy { !$0.detail.contains("Rogue") }, "an operator action ran")
            try world.require(try world.services.control.organizationID(named: "Rogue") == nil, "an organization was created over SSH")
            try world.requireEvent("ssh_refused", "what=exec")
        })
        list += AuditPattern.twoWay("SSH-13", .ssh, "whoami over SSH", tried: "runs whoami with its member's key and an arbitrary user name") { world, me in
            let connection = try await world.sshConnection(me.memberEmail, user: "root")
            defer { Task { await connection.close() } }
            let identity = try world.whoami(try await connection.session([.exec("whoami")], timeout: 30), viewer: me, what: "whoami")
            try world.require(identity.email == me.memberEmail && identity.orgID == me.orgID.rawValue, "whoami named someone else")
        }
        return list
    }
}

extension AuditWorld {
    /// An authenticated connection as `email`'s key, or a breach when the key was refused.
    func sshConnection(_ email: String, user: String? = nil) async throws -> AuditSSHConnection {
        guard let connection = try await ssh().connect(email, user: user) else { throw AuditBreach("\(email)'s own key was refused") }
        return connection
    }

    /// The identity a `whoami --json` session printed, checked for leaks.
    func whoami(_ outcome: AuditSSHOutcome, viewer: AuditTenant, what: String) throws -> (email: String, orgID: String) {
        try leakCheck(outcome.stdout + outcome.stderr, viewer: viewer, what: what)
        guard outcome.exitStatus == 0, let json = try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
              let email = json["email"] as? String, let org = json["org_id"] as? String else {
            throw AuditBreach("\(what) did not print an identity (exit \(outcome.exitStatus.map(String.init) ?? "none"))")
        }
        return (email, org)
    }
}
