import Foundation

/// Runs programs with posix_spawn and waitpid, not Foundation's Process.
///
/// OpenSSH closes every descriptor it inherited when it starts; Foundation's Process on Linux takes
/// that for the child's exit and blocks its monitor thread in waitpid until the child really ends,
/// which stalls every other Process of the test run meanwhile (a long-running `ssh -N -L` stalled
/// them all). Output goes through files, so no pipe can be held open by a daemon either.
enum Spawn {
    struct Timeout: Error, CustomStringConvertible {
        let program: String
        var description: String { "\(program) did not finish in time" }
    }

    /// Runs `path` to the end (at most `timeout` seconds) and returns its status and output.
    static func run(_ path: String, _ arguments: [String], environment: [String: String]? = nil, stdin: String? = nil,
                    timeout: TimeInterval = 60) throws -> CLI.Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bh-spawn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in"), output = folder.appendingPathComponent("out"), errors = folder.appendingPathComponent("err")
        try Data((stdin ?? "").utf8).write(to: input)
        let pid = try start(path, arguments, environment: environment, stdin: input.path, stdout: output.path, stderr: errors.path)
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result == -1 && errno != EINTR { break }
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                throw Timeout(program: path)
            }
            usleep(10_000)
        }
        let code: Int32 = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return CLI.Result(status: code, stdout: (try? String(contentsOf: output, encoding: .utf8)) ?? "",
                          stderr: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    /// Starts `path` in the background with its streams on the given files; returns its pid.
    static func start(_ path: String, _ arguments: [String], environment: [String: String]? = nil, stdin: String = "/dev/null",
                      stdout: String = "/dev/null", stderr: String = "/dev/null") throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // The test process's threads block and ignore signals of their own; the child gets the defaults.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard status == 0 else { throw CocoaError(.executableLoad) }
        return pid
    }

    /// SIGTERM to a background process, SIGKILL if it is still there after `grace` seconds, and wait for it.
    static func stop(_ pid: pid_t, grace: TimeInterval = 15) {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(grace)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                return
            }
            usleep(20_000)
        }
    }
}
