import Foundation

/// The real binary in a detached tmux session, for the console benchmark: start, type, read the
/// screen, and read the process's memory from /proc.
struct BenchTerminal {
    let socket: String
    let session: String

    init(label: String) {
        session = "bh-bench-\(label)-\(UInt32.random(in: 0...UInt32.max))"
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("\(session).sock").path
    }

    /// Starts `binary arguments` at `width`×`height` with a UTF-8 locale.
    func start(_ binary: String, _ arguments: String, width: Int, height: Int) {
        _ = Shell.run("tmux -S '\(socket)' new-session -d -s \(session) -x \(width) -y \(height) \"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '\(binary)' \(arguments); sleep 30\"")
    }

    /// Starts the tmux server with an idle pane, so later runs do not count its start.
    func startIdle(width: Int, height: Int) {
        _ = Shell.run("tmux -S '\(socket)' new-session -d -s \(session) -x \(width) -y \(height) 'sleep 3600'")
    }

    /// Replaces the pane's command with `binary arguments` (the pane keeps its size).
    func respawn(_ binary: String, _ arguments: String) {
        Shell.exec(["tmux", "-S", socket, "respawn-pane", "-k", "-t", session,
                    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '\(binary)' \(arguments); echo EXITED; sleep 3600"])
    }

    /// The screen as text (tmux spawned directly, without a shell, to keep polling cheap).
    func capture() -> String { Shell.exec(["tmux", "-S", socket, "capture-pane", "-p", "-t", session]) }

    func keys(_ keys: String...) { _ = Shell.run("tmux -S '\(socket)' send-keys -t \(session) " + keys.joined(separator: " ")) }

    func type(_ text: String) { _ = Shell.run("tmux -S '\(socket)' send-keys -t \(session) -l '\(text)'") }

    /// Polls the screen every millisecond until it shows every one of `texts`; returns the
    /// milliseconds since `since`, or nil after `timeout` seconds.
    func wait(for texts: [String], since: UInt64, timeout: Double = 30) -> Double? {
        let deadline = since + UInt64(timeout * 1e9)
        while DispatchTime.now().uptimeNanoseconds < deadline {
            let screen = capture()
            if texts.allSatisfy(screen.contains) { return Double(DispatchTime.now().uptimeNanoseconds - since) / 1e6 }
            usleep(1_000)
        }
        return nil
    }

    /// The console's process id: the child of the pane's shell (env execs the binary).
    var processID: Int32? {
        let shell = Shell.run("tmux -S '\(socket)' list-panes -t \(session) -F '#{pane_pid}'").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let children = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8) else { return nil }
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    /// A field of /proc/PID/status in megabytes (`VmRSS`, `VmHWM`).
    func memoryMB(_ field: String) -> Double? {
        guard let pid = processID, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first
            return kilobytes.map { $0 / 1024 }
        }
        return nil
    }

    func kill() {
        _ = Shell.run("tmux -S '\(socket)' kill-server")
        unlink(socket)
    }
}

/// Runs a shell line and returns its output (through a file, so a forked tmux server cannot hold a pipe).
enum Shell {
    /// Runs `arguments` directly (no shell) and returns its output.
    @discardableResult
    static func exec(_ arguments: [String]) -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("bh-bench-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return "" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    }

    static func run(_ line: String) -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("bh-bench-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [String](["/bin/sh", "-c", "\(line) </dev/null >'\(out.path)' 2>&1"]).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return "" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    }
}
