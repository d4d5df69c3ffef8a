import Foundation

/// Drives a real terminal: a detached tmux session running a command, with keys sent and the
/// screen captured as text, the way a person at a terminal would see it.
struct Tmux {
    let session: String
    let socket: String

    init(label: String) {
        session = "bh-\(label)-\(UInt32.random(in: 0...UInt32.max))"
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(session).sock").path
    }

    /// Runs one tmux command and returns what it printed.
    ///
    /// It uses posix_spawn and waitpid rather than Foundation's Process: the first command forks
    /// the tmux server, and output goes to a file so that the daemon cannot hold a pipe open.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let quoted = (["tmux", "-S", socket] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let script = quoted.joined(separator: " ") + " </dev/null >'\(outputURL.path)' 2>&1"
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [String](["/bin/sh", "-c", script]).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ)
        guard spawned == 0 else { throw TmuxTimeout(waitingFor: "tmux to start", screen: "") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
    }

    /// Starts `command` in a new session of the given size with a UTF-8 locale.
    func start(_ command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"]
        for (key, value) in environment { env[key] = value }
        let exports = env.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
        try tmux(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", "env \(exports) \(command); echo EXITED:$?; sleep 30"])
    }

    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", session] + keys)
    }

    /// Types literal text (no key-name interpretation).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", session, "-l", text])
    }

    func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", session])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits until the screen contains `text`, returning the screen; throws after the timeout with the last screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if screen.contains(text) { return screen }
            usleep(100_000)
        }
        throw TmuxTimeout(waitingFor: text, screen: screen)
    }

    func kill() {
        _ = try? tmux(["kill-server"])
        unlink(socket)
    }
}

struct TmuxTimeout: Error, CustomStringConvertible {
    let waitingFor: String
    let screen: String
    var description: String { "timed out waiting for \(waitingFor.debugDescription); screen was:\n\(screen)" }
}
