import BulkheadCore
import Foundation

/// Starts a program with posix_spawn, its standard streams on /dev/null.
///
/// Foundation's `Process` on Linux learns that a child ended when every holder of an internal
/// descriptor closes it, and a server that `pg_ctl start` leaves running in the background
/// inherits that descriptor, so `waitUntilExit` would wait for the server. A plain spawn and
/// `waitpid` waits for the program itself.
enum Spawn {
    /// Runs `path` with `arguments` and returns its pid.
    static func start(_ path: String, _ arguments: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard rc == 0 else { throw BulkheadError.unavailable("\((path as NSString).lastPathComponent) could not be started") }
        return pid
    }

    /// Runs `path` to its end and returns its exit status.
    static func run(_ path: String, _ arguments: [String]) throws -> Int32 {
        let pid = try start(path, arguments)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BulkheadError.internalFailure(code: "spawn-wait") }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
