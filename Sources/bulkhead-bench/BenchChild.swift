import Foundation

/// A program the benchmark starts with posix_spawn: stdin kept open on a pipe, stdout read from
/// a pipe (non-blocking), stderr to /dev/null. The ssh client runs this way, so its whole output
/// can be watched from the moment it starts.
final class BenchChild {
    let pid: pid_t
    private let input: Int32
    private let output: Int32
    private(set) var received = Data()

    init(_ path: String, _ arguments: [String], environment: [String: String]) throws {
        var stdinPipe: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1]
        guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0 else { throw CocoaError(.fileWriteUnknown) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for fd in stdinPipe + stdoutPipe { posix_spawn_file_actions_addclose(&actions, fd) }
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
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        close(stdinPipe[0])
        close(stdoutPipe[1])
        guard status == 0 else {
            close(stdinPipe[1])
            close(stdoutPipe[0])
            throw CocoaError(.executableLoad)
        }
        self.pid = pid
        input = stdinPipe[1]
        output = stdoutPipe[0]
        _ = fcntl(output, F_SETFL, fcntl(output, F_GETFL) | O_NONBLOCK)
    }

    /// Reads whatever is there now; true when something arrived.
    @discardableResult
    func poll() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var got = false
        while true {
            let count = read(output, &buffer, buffer.count)
            guard count > 0 else { break }
            received.append(contentsOf: buffer[0..<count])
            got = true
        }
        return got
    }

    /// Waits (polling every millisecond) until the output contains `text`; returns false after `timeout`.
    func waitFor(_ text: String, timeout: TimeInterval) -> Bool {
        let needle = Data(text.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            poll()
            if received.range(of: needle) != nil { return true }
            usleep(1_000)
        }
        return false
    }

    /// Ends the program (SIGTERM, then SIGKILL) and reaps it.
    func stop() {
        close(input)
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<300 {
            if waitpid(pid, &status, WNOHANG) != 0 { close(output); return }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        close(output)
    }
}
