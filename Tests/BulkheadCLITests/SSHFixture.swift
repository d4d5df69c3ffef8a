import Foundation

/// A home with the demo, a key per demo user made by the real ssh-keygen, and a running
/// `bulkhead serve` on a free port of 127.0.0.1; the real OpenSSH client talks to it.
final class SSHFixture: @unchecked Sendable {
    let cli: CLI
    let keys: URL
    /// A throwaway HOME for ssh, so nothing of the machine's ~/.ssh is read.
    let sshHome: URL
    let passwords: [String: String]
    private(set) var server: pid_t?
    private(set) var port = 0
    let logURL: URL

    /// Makes the home and the keys, registers each demo user's key, and starts the server with `options`.
    init(_ label: String, serveOptions: [String] = [], register: [String] = ["ada@acme.test", "ben@acme.test", "gus@globex.test"]) throws {
        cli = CLI.freshHome("ssh-\(label)")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-ssh-\(label)-\(UUID().uuidString)")
        keys = scratch.appendingPathComponent("keys")
        sshHome = scratch.appendingPathComponent("home")
        logURL = scratch.appendingPathComponent("serve.log")
        for folder in [keys, sshHome] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let demo = try cli.run(["demo", "--json"])
        guard demo.status == 0 else { throw Failure("demo: \(demo.stderr)") }
        var passwords: [String: String] = [:]
        for account in try demo.json()["accounts"] as? [[String: Any]] ?? [] {
            if let email = account["email"] as? String, let password = account["password"] as? String { passwords[email] = password }
        }
        self.passwords = passwords
        for email in register {
            try makeKey(email)
            let added = try cli.run(["key", "add", publicKey(email).path], environment: ["BULKHEAD_TOKEN": try token(email)])
            guard added.status == 0 else { throw Failure("key add: \(added.stderr)") }
        }
        try start(serveOptions)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The private key file of `name` (an email or any label).
    func privateKey(_ name: String) -> URL { keys.appendingPathComponent(name.replacingOccurrences(of: "@", with: "_at_")) }
    func publicKey(_ name: String) -> URL { privateKey(name).appendingPathExtension("pub") }

    /// Makes an Ed25519 key pair for `name` with the real ssh-keygen.
    @discardableResult
    func makeKey(_ name: String) throws -> URL {
        let result = try Self.program("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", privateKey(name).path])
        guard result.status == 0 else { throw Failure("ssh-keygen: \(result.stderr)") }
        return privateKey(name)
    }

    /// A session token for a demo user.
    func token(_ email: String) throws -> String {
        let result = try cli.run(["login", email, "--print-token"], stdin: (passwords[email] ?? "") + "\n")
        guard result.status == 0 else { throw Failure("login \(email): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `bulkhead` as `email`.
    func run(as email: String, _ arguments: [String]) throws -> CLI.Result {
        try cli.run(arguments, environment: ["BULKHEAD_TOKEN": try token(email)])
    }

    /// Runs an operator command with the home's operator key.
    func asOperator(_ arguments: [String], stdin: String? = nil) throws -> CLI.Result {
        try cli.run(arguments + ["--operator-key", cli.home.appendingPathComponent("operator.key").path], stdin: stdin)
    }

    /// The security events of `kind`, as the operator reads them.
    func events(_ kind: String) throws -> [String] {
        let result = try asOperator(["admin", "events", "--kind", kind, "--last", "500", "--json"])
        let events = try result.json()["events"] as? [[String: Any]] ?? []
        return events.compactMap { $0["detail"] as? String }
    }

    /// Starts `bulkhead serve` on a free port and waits until it listens.
    func start(_ options: [String] = []) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["BULKHEAD_HOME"] = cli.home.path
        environment.removeValue(forKey: "BULKHEAD_TOKEN")
        server = try Spawn.start(CLI.binary.path, ["serve", "--ssh", "127.0.0.1:0", "--check-interval", "0.5"] + options,
                                 environment: environment, stdout: logURL.path, stderr: logURL.path + ".err")
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let line = log.split(separator: "\n").first(where: { $0.hasPrefix("listening on 127.0.0.1:") }),
               let port = Int(line.split(separator: ":").last ?? "") {
                self.port = port
                return
            }
            usleep(50_000)
        }
        throw Failure("serve did not start:\n\(log)")
    }

    /// SIGTERM to the server (it drains), and wait for it.
    func stop() {
        guard let server else { return }
        Spawn.stop(server)
        self.server = nil
    }

    /// What the server printed so far.
    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// Waits until the server's log contains `text` `count` times.
    @discardableResult
    func waitForLog(_ text: String, count: Int = 1, timeout: TimeInterval = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let current = log
            if current.components(separatedBy: text).count - 1 >= count { return current }
            usleep(50_000)
        }
        throw Failure("the server log never showed \(text.debugDescription) \(count)x:\n\(log)")
    }

    /// The pids of the sessions the server opened, in order.
    var sessionPIDs: [Int32] {
        log.split(separator: "\n").filter { $0.hasPrefix("session opened") }.compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("pid=") }.flatMap { Int32($0.dropFirst(4)) }
        }
    }

    /// The ssh command line for `key` (a demo email or key label), without the remote command.
    func sshCommand(key: String, user: String? = nil, extra: [String] = []) -> [String] {
        ["/usr/bin/ssh", "-p", "\(port)", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
         "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-i", privateKey(key).path]
            + extra + ["\(user.map { "\($0)@" } ?? "")127.0.0.1"]
    }

    /// Runs ssh without a terminal and returns what it printed.
    func ssh(key: String, user: String? = nil, extra: [String] = [], _ command: [String] = []) throws -> CLI.Result {
        let line = sshCommand(key: key, user: user, extra: extra) + command
        return try Self.program(line[0], Array(line.dropFirst()), environment: ["HOME": sshHome.path, "LANG": "C.UTF-8"])
    }

    /// The shell line that runs ssh interactively in tmux.
    func sshShellLine(key: String, user: String? = nil, extra: [String] = []) -> String {
        "env HOME='\(sshHome.path)' " + sshCommand(key: key, user: user, extra: ["-t"] + extra).map { "'\($0)'" }.joined(separator: " ")
    }

    /// True while `pid` exists and is not a zombie.
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    /// Processes (other than the server) whose environment names this home: a session child left behind.
    func leftoverProcesses() -> [Int32] {
        let marker = "BULKHEAD_HOME=\(cli.home.path)"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            pid != server && pid != getpid()
                && (FileManager.default.contents(atPath: "/proc/\(pid)/environ").map { data in
                    data.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == marker }
                } ?? false)
        }
    }

    /// Runs a program to the end and returns what it printed (through ``Spawn``, never Foundation's Process).
    static func program(_ path: String, _ arguments: [String], environment: [String: String]? = nil, stdin: String? = nil) throws -> CLI.Result {
        try Spawn.run(path, arguments, environment: environment, stdin: stdin)
    }

    /// Stops the server and removes the home and the keys.
    func tearDown() {
        stop()
        cli.removeHome()
        try? FileManager.default.removeItem(at: keys.deletingLastPathComponent())
    }
}
