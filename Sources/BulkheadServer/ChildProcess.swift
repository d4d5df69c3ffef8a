import BulkheadCore
import CSpawn
import Foundation

/// A session's process: the real `bulkhead` binary, started with posix_spawn in a session of its
/// own (so its process group can be signalled as one), with an environment built from scratch
/// and every descriptor of the server closed.
///
/// With a terminal it runs on a new pseudo-terminal (openpty), which becomes its controlling
/// terminal, so window changes reach it as SIGWINCH and a hangup as SIGHUP. Without one (an exec
/// request) its stdin, stdout and stderr are pipes.
struct ChildProcess: Sendable {
    /// The process id; also its process group and session id.
    let pid: pid_t
    /// The server's ends: the pty master (input and output), or the pipes.
    let io: IO

    /// The server's ends of the child's standard streams.
    enum IO: Sendable {
        /// A pseudo-terminal: `master` carries both directions; `control` is a duplicate kept for resizing.
        case terminal(master: Int32, control: Int32)
        /// Pipes: the child's stdin (write end), stdout and stderr (read ends).
        case pipes(stdin: Int32, stdout: Int32, stderr: Int32)
    }

    /// Starts `executable` with `arguments` on a new pseudo-terminal of `size`.
    static func spawnOnTerminal(executable: URL, arguments: [String], environment: [String], size: WindowSize) throws -> ChildProcess {
        var master: Int32 = -1, slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw BulkheadError.internalFailure(code: "ssh-openpty") }
        defer { close(slave) }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        _ = bulkhead_set_window_size(master, UInt16(clamping: size.rows), UInt16(clamping: size.columns))
        guard let name = ttyname(slave) else {
            close(master)
            throw BulkheadError.internalFailure(code: "ssh-ptsname")
        }
        let path = String(cString: name)
        do {
            let pid = try spawn(executable: executable, arguments: arguments, environment: environment) { actions in
                // After setsid (the spawn flag), opening the pty without O_NOCTTY makes it the controlling terminal.
                posix_spawn_file_actions_addopen(&actions, 0, path, O_RDWR, 0)
                posix_spawn_file_actions_adddup2(&actions, 0, 1)
                posix_spawn_file_actions_adddup2(&actions, 0, 2)
            }
            let control = dup(master)
            _ = fcntl(control, F_SETFD, FD_CLOEXEC)
            return ChildProcess(pid: pid, io: .terminal(master: master, control: control))
        } catch {
            close(master)
            throw error
        }
    }

    /// Starts `executable` with `arguments`, its standard streams on pipes.
    static func spawnOnPipes(executable: URL, arguments: [String], environment: [String]) throws -> ChildProcess {
        var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
        guard pipe(&input) == 0 else { throw BulkheadError.internalFailure(code: "ssh-pipe") }
        guard pipe(&output) == 0 else { input.forEach { close($0) }; throw BulkheadError.internalFailure(code: "ssh-pipe") }
        guard pipe(&errors) == 0 else { (input + output).forEach { close($0) }; throw BulkheadError.internalFailure(code: "ssh-pipe") }
        for fd in input + output + errors { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        defer { [input[0], output[1], errors[1]].forEach { close($0) } }
        do {
            let pid = try spawn(executable: executable, arguments: arguments, environment: environment) { actions in
                posix_spawn_file_actions_adddup2(&actions, input[0], 0)
                posix_spawn_file_actions_adddup2(&actions, output[1], 1)
                posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
            }
            return ChildProcess(pid: pid, io: .pipes(stdin: input[1], stdout: output[0], stderr: errors[0]))
        } catch {
            [input[1], output[0], errors[0]].forEach { close($0) }
            throw error
        }
    }

    /// posix_spawn in a new session, with default signal handling, an empty signal mask, the
    /// given file actions, and every other descriptor closed.
    private static func spawn(executable: URL, arguments: [String], environment: [String],
                              files: (inout posix_spawn_file_actions_t) -> Void) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        files(&actions)
        posix_spawn_file_actions_addclosefrom_np(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), empty = sigset_t()
        sigfillset(&defaults)
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(BULKHEAD_POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        guard status == 0 else { throw BulkheadError.internalFailure(code: "ssh-spawn") }
        return pid
    }

    /// Sends `signal` to the child's whole process group.
    func signalGroup(_ signal: Int32) {
        _ = kill(-pid, signal)
    }
}
