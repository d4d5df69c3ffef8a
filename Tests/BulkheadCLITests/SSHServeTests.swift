import Foundation
import Testing

/// `bulkhead serve` with the real OpenSSH client, in a real terminal (tmux) where a console runs.
@Suite(.serialized) struct SSHServeTests {
    @Test func twoOrgsAdminsConnectAtOnceAndEachSeesOnlyTheirOwnOrg() throws {
        let fixture = try SSHFixture("two")
        defer { fixture.tearDown() }
        let ada = Tmux(label: "ssh-ada"), gus = Tmux(label: "ssh-gus")
        defer { ada.kill(); gus.kill() }
        try ada.start(fixture.sshShellLine(key: "ada@acme.test"))
        try gus.start(fixture.sshShellLine(key: "gus@globex.test"))
        // Schemas are read when a source is opened: enter on the first source lists its tables.
        // Two SSH logins at once on a loaded machine: give the first screens more than the default wait.
        var adaScreens = [try ada.waitFor("ada@acme.test · Acme · admin", timeout: 40)]
        var gusScreens = [try gus.waitFor("gus@globex.test · Globex · admin", timeout: 40), try gus.waitFor("◆ clinic")]
        try ada.send("Enter")
        try gus.send("Enter")
        adaScreens.append(try ada.waitFor("▦ customers"))
        gusScreens.append(try gus.waitFor("▦ "))
        try ada.send("j")
        try ada.send("Enter")
        try gus.send("j")
        try gus.send("Enter")
        adaScreens.append(try ada.waitFor("customers · 600 rows"))
        // The rows are drawn after the status line names them: wait for Acme's own row, not just the count.
        adaScreens.append(try ada.waitFor("Canary Customer ACME"))
        gusScreens.append(try gus.waitFor("rows"))
        try fixture.waitForLog("session opened", count: 2)
        for screen in adaScreens {
            #expect(!screen.contains("GLOBEX") && !screen.contains("Globex"), "Globex reached Acme's screen:\n\(screen)")
        }
        for screen in gusScreens {
            #expect(!screen.contains("ACME") && !screen.contains("Acme"), "Acme reached Globex's screen:\n\(screen)")
        }
        try ada.send("q")
        try gus.send("q")
        try ada.waitFor("EXITED:0")
        try gus.waitFor("EXITED:0")
    }

    @Test func aResizeReachesTheConsole() throws {
        let fixture = try SSHFixture("resize")
        defer { fixture.tearDown() }
        let tmux = Tmux(label: "ssh-resize")
        defer { tmux.kill() }
        try tmux.start(fixture.sshShellLine(key: "ben@acme.test"))
        try tmux.waitFor("ben@acme.test · Acme")
        try tmux.resize(width: 30, height: 8)
        let small = try tmux.waitFor("terminal too small")
        #expect(small.contains("have 30x8"), "the console saw the new size:\n\(small)")
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor("ben@acme.test · Acme")
        try tmux.send("q")
        try tmux.waitFor("EXITED:0")
    }

    @Test func closingTheClientEndsTheChildAndLeavesNoProcess() throws {
        let fixture = try SSHFixture("close")
        defer { fixture.tearDown() }
        let tmux = Tmux(label: "ssh-close")
        defer { tmux.kill() }
        try tmux.start(fixture.sshShellLine(key: "ada@acme.test"))
        try tmux.waitFor("ada@acme.test · Acme")
        let pid = try #require(fixture.sessionPIDs.first)
        #expect(SSHFixture.isRunning(pid))
        // The client goes away without a word: its terminal (and the ssh process) is killed.
        try tmux.tmux(["kill-session", "-t", tmux.session])
        try fixture.waitForLog("session closed")
        // Gone entirely: not running, and reaped (a zombie still has its /proc entry).
        let deadline = Date().addingTimeInterval(10)
        while FileManager.default.fileExists(atPath: "/proc/\(pid)"), Date() < deadline { usleep(50_000) }
        #expect(!SSHFixture.isRunning(pid), "the session's console is still running")
        #expect(!FileManager.default.fileExists(atPath: "/proc/\(pid)"), "the session's process was not reaped (a zombie is left)")
        #expect(fixture.leftoverProcesses().isEmpty, "processes of the session were left behind")
        #expect(fixture.log.contains("reason=client_closed"))
    }

    @Test func unknownAndRemovedKeysAreRefusedAndARemovedKeyEndsItsLiveSession() throws {
        let fixture = try SSHFixture("keys")
        defer { fixture.tearDown() }
        try fixture.makeKey("stranger")
        let unknown = try fixture.ssh(key: "stranger", ["whoami", "--json"])
        #expect(unknown.status == 255 && unknown.stderr.contains("Permission denied"), "\(unknown.stderr)")

        let tmux = Tmux(label: "ssh-keyrm")
        defer { tmux.kill() }
        try tmux.start(fixture.sshShellLine(key: "ben@acme.test"))
        try tmux.waitFor("ben@acme.test · Acme")
        let fingerprint = try #require(try fixture.run(as: "ben@acme.test", ["key", "list", "--json"]).json()["keys"] as? [[String: Any]])
            .first?["fingerprint"] as? String
        let removed = try fixture.run(as: "ada@acme.test", ["key", "rm", try #require(fingerprint)])
        #expect(removed.status == 0, "an admin removes a member's key: \(removed.stderr)")
        let ended = try tmux.waitFor("EXITED:", timeout: 10)
        #expect(ended.contains("the SSH key of this session was removed"), "\(ended)")
        let again = try fixture.ssh(key: "ben@acme.test", ["whoami", "--json"])
        #expect(again.status == 255 && again.stderr.contains("Permission denied"))
        #expect(try fixture.events("ssh_auth_failed").contains { $0.contains("reason=unknown_key") })
        #expect(fixture.leftoverProcesses().isEmpty)
    }

    @Test func shellsWithoutATerminalSubsystemsForwardingAndOtherCommandsAreRefused() throws {
        let fixture = try SSHFixture("refusals")
        defer { fixture.tearDown() }
        let shell = try fixture.ssh(key: "ada@acme.test", extra: ["-T"])
        #expect(shell.status == 2 && shell.stderr.contains("the console needs a terminal"), "\(shell.status) \(shell.stderr)")

        for command in [["admin", "org", "list"], ["org", "create", "Rogue"], ["whoami", "--operator-key", "/tmp/x"],
                        ["ask", "--home", "/tmp", "how many"], ["serve"], ["query", "retail", "select 1"], ["whoami;", "id"],
                        ["sh", "-c", "id"]] {
            let refused = try fixture.ssh(key: "ada@acme.test", command)
            #expect(refused.status == 3, "\(command) exited \(refused.status)")
            #expect(refused.stderr.contains("not available over SSH") || refused.stderr.contains("only plain commands"),
                    "\(command): \(refused.stderr)")
            #expect(refused.stdout.isEmpty)
        }

        let sftp = try SSHFixture.program("/usr/bin/sftp", ["-P", "\(fixture.port)", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
                                                              "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                                                              "-i", fixture.privateKey("ada@acme.test").path, "127.0.0.1"],
                                          environment: ["HOME": fixture.sshHome.path], stdin: "ls\n")
        #expect(sftp.status != 0, "sftp got a session")
        #expect(sftp.stderr.contains("subsystems (sftp, scp) are not available here") || sftp.stderr.contains("subsystem request failed"),
                "\(sftp.stderr)")

        let remote = try fixture.ssh(key: "ada@acme.test", extra: ["-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9"], ["whoami"])
        #expect(remote.status == 255 && remote.stderr.contains("forwarding failed"), "-R: \(remote.stderr)")

        let local = freePort()
        let tunnel = try Spawn.start("/usr/bin/ssh",
                                     Array(fixture.sshCommand(key: "ada@acme.test", extra: ["-N", "-L", "\(local):127.0.0.1:\(fixture.port)"]).dropFirst()),
                                     environment: ["HOME": fixture.sshHome.path])
        defer { Spawn.stop(tunnel) }
        var reached = false
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, !reached {
            usleep(200_000)
            reached = try fixture.events("ssh_refused").contains { $0.contains("what=local_forwarding") } || connectAndRead(port: local)
        }
        #expect(try fixture.events("ssh_refused").contains { $0.contains("what=local_forwarding") }, "a -L connection was not refused")

        let env = try fixture.ssh(key: "ada@acme.test", extra: ["-o", "SetEnv=LD_PRELOAD=/tmp/evil.so BULKHEAD_HOME=/tmp NO_COLOR=1"],
                                  ["whoami", "--json"])
        #expect(env.stderr.contains("environment variable LD_PRELOAD refused"), "\(env.stderr)")
        #expect(env.stderr.contains("environment variable BULKHEAD_HOME refused"), "\(env.stderr)")
        let email = try env.json()["email"] as? String
        #expect(env.status == 0 && email == "ada@acme.test", "the session goes on without them")

        let refusals = try fixture.events("ssh_refused")
        for what in ["shell_without_pty", "exec", "subsystem", "remote_forwarding", "local_forwarding", "env"] {
            #expect(refusals.contains { $0.contains("what=\(what)") }, "no security event for \(what): \(refusals)")
        }
    }

    @Test func whoamiOverSSHIsTheKeysOwnerAndTheUserNameMustMatchIt() throws {
        let fixture = try SSHFixture("whoami")
        defer { fixture.tearDown() }
        for (key, org) in [("ada@acme.test", "Acme"), ("gus@globex.test", "Globex")] {
            let result = try fixture.ssh(key: key, user: "whoever", ["whoami", "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let json = try result.json()
            #expect(json["email"] as? String == key && json["org"] as? String == org)
        }
        let named = try fixture.ssh(key: "ada@acme.test", user: "ada@acme.test", ["whoami"])
        #expect(try named.json()["role"] as? String == "admin", "whoami runs with --json even when not asked")
        let mismatch = try fixture.ssh(key: "ada@acme.test", user: "gus@globex.test", ["whoami", "--json"])
        #expect(mismatch.status == 255 && mismatch.stdout.isEmpty)
        #expect(try fixture.events("ssh_auth_failed").contains { $0.contains("reason=user_mismatch") })
        let sessions = try fixture.run(as: "ada@acme.test", ["session", "list", "--json"]).json()["sessions"] as? [[String: Any]] ?? []
        #expect(!sessions.contains { $0["kind"] as? String == "ssh" }, "an ended SSH session is revoked, so its sid cannot be replayed")
    }

    @Test func theHostKeyIsPersistedPrivateAndTheSameAfterARestart() throws {
        let fixture = try SSHFixture("hostkey", register: [])
        defer { fixture.tearDown() }
        let file = fixture.cli.home.appendingPathComponent("ssh-host-ed25519.key")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let printed = try fixture.cli.run(["serve", "--print-host-key"]).stdout
        let first = try scannedFingerprint(fixture)
        #expect(printed.contains(first) && fixture.log.contains("host key fingerprint is \(first)"))
        fixture.stop()
        try fixture.start()
        #expect(try scannedFingerprint(fixture) == first)
        #expect(try fixture.cli.run(["serve", "--print-host-key"]).stdout == printed)
    }

    @Test func throttlingStartsAfterFiveFailuresFromOneAddress() throws {
        let fixture = try SSHFixture("throttle")
        defer { fixture.tearDown() }
        try fixture.makeKey("guesser")
        #expect(try fixture.ssh(key: "ada@acme.test", ["whoami"]).status == 0)
        for _ in 1...5 {
            #expect(try fixture.ssh(key: "guesser", ["whoami"]).status == 255)
        }
        let throttled = try fixture.ssh(key: "ada@acme.test", ["whoami"])
        #expect(throttled.status == 255, "a good key from a throttled address still got in")
        #expect(try fixture.events("ssh_auth_lockout").contains { $0.contains("reason=unknown_key") })
        #expect(!(try fixture.events("ssh_auth_throttled")).isEmpty)
    }

    @Test func sessionCapsHoldPerUserAndPerOrg() throws {
        let fixture = try SSHFixture("caps", serveOptions: ["--max-sessions-per-user", "1", "--max-sessions-per-org", "2"])
        defer { fixture.tearDown() }
        let added = try fixture.asOperator(["admin", "user", "add", "cyd@acme.test", "--org", "Acme"], stdin: "cyd's long password\n")
        #expect(added.status == 0, "\(added.stderr)")
        let ada = Tmux(label: "cap-ada"), ben = Tmux(label: "cap-ben")
        defer { ada.kill(); ben.kill() }
        try ada.start(fixture.sshShellLine(key: "ada@acme.test"))
        try ada.waitFor("ada@acme.test · Acme")
        let second = try fixture.ssh(key: "ada@acme.test", ["whoami"])
        #expect(second.status == 1 && second.stderr.contains("the most one user may have"), "\(second.stderr)")
        try ben.start(fixture.sshShellLine(key: "ben@acme.test"))
        try ben.waitFor("ben@acme.test · Acme")
        try fixture.makeKey("cyd")
        let gus = try fixture.ssh(key: "gus@globex.test", ["whoami"])
        #expect(gus.status == 0, "another org is not held by Acme's cap: \(gus.stderr)")
        // A third Acme user (their admin added their key): Acme's cap of two is full.
        let adaKeyForCyd = try fixture.run(as: "ada@acme.test", ["key", "add", fixture.publicKey("cyd").path, "--user", "cyd@acme.test"])
        #expect(adaKeyForCyd.status == 0, "\(adaKeyForCyd.stderr)")
        let third = try fixture.ssh(key: "cyd", ["whoami"])
        #expect(third.status == 1 && third.stderr.contains("your organization already has 2 sessions open"), "\(third.stderr)")
        let refusals = try fixture.events("ssh_refused")
        #expect(refusals.contains { $0.contains("what=user_session_cap") } && refusals.contains { $0.contains("what=org_session_cap") })
        try ada.send("q")
        try ada.waitFor("EXITED:0")
        try fixture.waitForLog("session closed", count: 2)
        #expect(try fixture.ssh(key: "cyd", ["whoami"]).status == 0, "a freed slot is taken again")
    }

    @Test func oneOrgsRateLimitHoldsAcrossItsSessionsAndTheOtherOrgIsUnaffected() throws {
        let fixture = try SSHFixture("rate")
        defer { fixture.tearDown() }
        let set = try fixture.asOperator(["admin", "org", "limits", "Acme", "--asks-per-second", "0.001", "--ask-burst", "3", "--json"])
        #expect(set.status == 0, "\(set.stderr)")
        var outcomes: [Int32] = []
        for key in ["ada@acme.test", "ben@acme.test", "ada@acme.test", "ben@acme.test"] {
            let result = try fixture.ssh(key: key, ["ask", "how", "many", "customers", "are", "there"])
            outcomes.append(result.status)
            if result.status != 0 { #expect(result.stderr.contains("slow down"), "\(result.stderr)") }
        }
        #expect(outcomes == [0, 0, 0, 1], "Acme's three asks are shared by its sessions: \(outcomes)")
        let globex = try fixture.ssh(key: "gus@globex.test", ["ask", "how many patients are there"])
        #expect(globex.status == 0, "Globex is unaffected: \(globex.stderr)")
        #expect(try globex.json()["row_count"] as? Int == 1)
    }

    @Test func theConsoleReturnsToLoginWhenItsSessionIsRevokedOrTheRoleChanges() throws {
        let fixture = try SSHFixture("recheck", register: [])
        defer { fixture.tearDown() }
        let tmux = Tmux(label: "recheck")
        defer { tmux.kill() }
        try tmux.start("\(CLI.binary.path) --home '\(fixture.cli.home.path)'")
        try tmux.waitFor("Log in")
        try tmux.type("ben@acme.test")
        try tmux.send("Tab")
        try tmux.type(fixture.passwords["ben@acme.test"] ?? "")
        try tmux.send("Enter")
        try tmux.waitFor("ben@acme.test · Acme")
        let sessions = try fixture.run(as: "ada@acme.test", ["session", "list", "--json"]).json()["sessions"] as? [[String: Any]] ?? []
        let sid = try #require(sessions.first { $0["email"] as? String == "ben@acme.test" }?["sid"] as? String)
        #expect(try fixture.run(as: "ada@acme.test", ["session", "revoke", sid]).status == 0)
        let revoked = try tmux.waitFor("your session was ended", timeout: 8)
        #expect(revoked.contains("Log in") && revoked.contains("not logged in"))

        try tmux.type(fixture.passwords["ben@acme.test"] ?? "")
        try tmux.send("Enter")
        try tmux.waitFor("ben@acme.test · Acme · member")
        #expect(try fixture.run(as: "ada@acme.test", ["user", "role", "ben@acme.test", "admin"]).status == 0)
        try tmux.waitFor("your role in this organization changed", timeout: 8)
        try tmux.send("Escape")
        try tmux.send("q")
    }

    @Test func aRemovedUsersSSHSessionEndsWithinSeconds() throws {
        let fixture = try SSHFixture("removed")
        defer { fixture.tearDown() }
        let tmux = Tmux(label: "ssh-removed")
        defer { tmux.kill() }
        try tmux.start(fixture.sshShellLine(key: "ben@acme.test"))
        try tmux.waitFor("ben@acme.test · Acme")
        #expect(try fixture.run(as: "ada@acme.test", ["user", "rm", "ben@acme.test"]).status == 0)
        let ended = try tmux.waitFor("EXITED:", timeout: 10)
        #expect(ended.contains("you are no longer a member of this organization"), "\(ended)")
        #expect(try fixture.ssh(key: "ben@acme.test", ["whoami"]).status == 255, "a removed user is refused at the next connection")
    }

    @Test func idleAndOverLongSessionsEndWithTheirReason() throws {
        let fixture = try SSHFixture("timeouts", serveOptions: ["--idle-timeout", "2"])
        defer { fixture.tearDown() }
        let idle = Tmux(label: "ssh-idle")
        defer { idle.kill() }
        try idle.start(fixture.sshShellLine(key: "ben@acme.test"))
        try idle.waitFor("ben@acme.test · Acme")
        let ended = try idle.waitFor("EXITED:", timeout: 10)
        #expect(ended.contains("session ended: no input for 2 seconds"), "\(ended)")
        #expect(fixture.log.contains("reason=idle"))

        fixture.stop()
        try fixture.start(["--max-session", "3"])
        let long = Tmux(label: "ssh-long")
        defer { long.kill() }
        try long.start(fixture.sshShellLine(key: "ada@acme.test"))
        try long.waitFor("ada@acme.test · Acme")
        let over = try long.waitFor("EXITED:", timeout: 10)
        #expect(over.contains("it reached the maximum session length (3 seconds)"), "\(over)")
    }

    @Test func sigtermTellsEverySessionThenEndsThem() throws {
        let fixture = try SSHFixture("drain")
        defer { fixture.tearDown() }
        let tmux = Tmux(label: "ssh-drain")
        defer { tmux.kill() }
        try tmux.start(fixture.sshShellLine(key: "gus@globex.test"))
        try tmux.waitFor("gus@globex.test · Globex")
        let server = try #require(fixture.server)
        kill(server, SIGTERM)
        try tmux.waitFor("the server is shutting down: this session ends", timeout: 5)
        let ended = try tmux.waitFor("EXITED:", timeout: 20)
        #expect(ended.contains("session ended: the server is shutting down"), "\(ended)")
        try fixture.waitForLog("stopped", timeout: 20)
        #expect(fixture.log.contains("draining: 1 live sessions"))
        #expect(fixture.leftoverProcesses().isEmpty)
    }

    // MARK: - Helpers

    /// The host key's fingerprint as the real ssh-keyscan and ssh-keygen see it.
    private func scannedFingerprint(_ fixture: SSHFixture) throws -> String {
        let scan = try SSHFixture.program("/usr/bin/ssh-keyscan", ["-p", "\(fixture.port)", "-t", "ed25519", "127.0.0.1"])
        let listed = try SSHFixture.program("/usr/bin/ssh-keygen", ["-lf", "-"], stdin: scan.stdout)
        return try #require(listed.stdout.split(separator: " ").dropFirst().first.map(String.init), "keyscan: \(scan.stderr)")
    }

    /// A port nobody listens on right now.
    private func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Connects to a local port and reads until it closes; true when the connection was made.
    private func connectAndRead(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return false }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 256)
        _ = read(fd, &buffer, buffer.count)
        return true
    }
}
