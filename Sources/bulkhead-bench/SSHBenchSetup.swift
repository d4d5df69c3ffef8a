import BulkheadCore
import BulkheadStore
import Foundation

/// The home, keys and server of `bulkhead-bench ssh`.
final class SSHBenchSetup {
    let binary: String
    let folder: URL
    let workspace: Workspace
    private var server: pid_t = 0
    private(set) var port = 0
    private var log: URL { folder.appendingPathComponent("serve.log") }

    init(binary: String, maxSessionsPerUser: Int) throws {
        self.binary = binary
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-ssh-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("ssh-home"), withIntermediateDirectories: true)
        workspace = try Workspace(root: folder.appendingPathComponent("home"))
        let demo = try run(binary, ["demo", "--json"])
        let accounts = (try JSONSerialization.jsonObject(with: Data(demo.utf8)) as? [String: Any])?["accounts"] as? [[String: Any]] ?? []
        for email in ["ada@acme.test", "gus@globex.test"] {
            guard let password = accounts.first(where: { $0["email"] as? String == email })?["password"] as? String else {
                throw BulkheadError.unavailable("the demo made no \(email)")
            }
            _ = try run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", email, "-f", key(email).path])
            let token = try run(binary, ["login", email, "--print-token"], stdin: password + "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            _ = try run(binary, ["key", "add", key(email).path + ".pub"], environment: ["BULKHEAD_TOKEN": token])
        }
        server = try spawn(binary, ["serve", "--ssh", "127.0.0.1:0", "--max-sessions-per-user", "\(maxSessionsPerUser)"], output: log.path)
        let deadline = Date().addingTimeInterval(20)
        while port == 0, Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on 127.0.0.1:") }) {
                port = Int(line.split(separator: ":").last ?? "") ?? 0
            }
            usleep(20_000)
        }
        guard port != 0 else { throw BulkheadError.unavailable("bulkhead serve did not start") }
    }

    func key(_ email: String) -> URL { folder.appendingPathComponent(email.replacingOccurrences(of: "@", with: "_")) }

    /// Starts the real ssh client on a pty of the server (`-tt`), as `email`'s key.
    func ssh(key email: String) throws -> BenchChild {
        try BenchChild("/usr/bin/ssh", ["-tt", "-p", "\(port)", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
                                          "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes",
                                          "-o", "BatchMode=yes", "-i", key(email).path, "127.0.0.1"],
                       environment: ["HOME": folder.appendingPathComponent("ssh-home").path, "TERM": "xterm-256color", "LANG": "C.UTF-8"])
    }

    /// Waits until the server logged `count` closed sessions.
    func waitForClosed(_ count: Int) throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if text.components(separatedBy: "session closed").count - 1 >= count { return }
            usleep(20_000)
        }
        throw BulkheadError.unavailable("sessions did not close")
    }

    /// Opens `count` console sessions (alternating the two orgs), keeps them live, and reads each
    /// session process's memory, and the server's before and with them.
    func liveSessions(_ count: Int) throws -> (rss: [Double], pss: [Double], serverIdle: Double, serverLoaded: Double) {
        let idle = Self.memory(of: server).rss
        let before = Set(sessionPIDs())
        var clients: [BenchChild] = []
        defer { clients.forEach { $0.stop() } }
        for index in 0..<count {
            let email = index % 2 == 0 ? "ada@acme.test" : "gus@globex.test"
            let client = try ssh(key: email)
            clients.append(client)
            guard client.waitFor(email, timeout: 30) else { throw BulkheadError.unavailable("session \(index) never showed its user") }
        }
        // Let every console settle (its first query and a re-check) before reading memory.
        let settle = Date().addingTimeInterval(3)
        while Date() < settle {
            clients.forEach { $0.poll() }
            usleep(50_000)
        }
        let pids = sessionPIDs().filter { !before.contains($0) }
        let readings = pids.map(Self.memory(of:))
        return (readings.map(\.rss), readings.map(\.pss), idle, Self.memory(of: server).rss)
    }

    private func sessionPIDs() -> [Int32] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { $0.hasPrefix("session opened") }.compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("pid=") }.flatMap { Int32($0.dropFirst(4)) }
        }
    }

    /// VmRSS and Pss of a process, in MB.
    static func memory(of pid: Int32) -> (rss: Double, pss: Double) {
        func field(_ file: String, _ name: String) -> Double {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }),
                  let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
            return kb / 1024
        }
        return (field("/proc/\(pid)/status", "VmRSS"), field("/proc/\(pid)/smaps_rollup", "Pss"))
    }

    func tearDown() {
        if server != 0 {
            kill(server, SIGTERM)
            var status: Int32 = 0
            waitpid(server, &status, 0)
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs a program to the end with `BULKHEAD_HOME` set; returns its stdout, or throws with its exit status.
    private func run(_ path: String, _ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> String {
        let input = folder.appendingPathComponent("in-\(UUID().uuidString)"), output = folder.appendingPathComponent("out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: input); try? FileManager.default.removeItem(at: output) }
        try Data(stdin.utf8).write(to: input)
        let pid = try spawn(path, arguments, input: input.path, output: output.path, environment: environment)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else { throw BulkheadError.unavailable("\(URL(fileURLWithPath: path).lastPathComponent) \(arguments.first ?? "") failed") }
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    private func spawn(_ path: String, _ arguments: [String], input: String = "/dev/null", output: String,
                       environment: [String: String] = [:]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var values = ProcessInfo.processInfo.environment
        values["BULKHEAD_HOME"] = workspace.root.path
        values.removeValue(forKey: "BULKHEAD_TOKEN")
        for (key, value) in environment { values[key] = value }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = values.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, argv, envp) == 0 else { throw BulkheadError.unavailable("cannot start \(path)") }
        return pid
    }
}
