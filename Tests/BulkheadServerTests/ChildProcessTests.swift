import Foundation
import Testing
@testable import BulkheadServer

/// A session's process on a real pseudo-terminal: its own session and controlling terminal, the
/// window size, an environment from scratch, no inherited descriptors, SIGHUP to the group, reaping.
@Suite("Session processes")
struct ChildProcessTests {
    /// Reads the pty master until `text` shows (or the deadline).
    private func read(_ fd: Int32, until text: String, timeout: TimeInterval = 10) -> String {
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(timeout)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        while Date() < deadline {
            let count = Foundation.read(fd, &buffer, buffer.count)
            if count > 0 { output.append(contentsOf: buffer[0..<count]) }
            if String(decoding: output, as: UTF8.self).contains(text) { break }
            usleep(10_000)
        }
        return String(decoding: output, as: UTF8.self)
    }

    @Test("a child on a pty is a session leader with the pty as its terminal, the size and only the given environment")
    func terminal() async throws {
        let script = "stty size; tty; echo sid=$(ps -o sid= -p $$) pid=$$; env | sort | tr '\\n' ' '; echo; ls /proc/$$/fd | wc -l; echo END"
        let child = try ChildProcess.spawnOnTerminal(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script],
                                                     environment: ["A=1", "PATH=/usr/bin:/bin"], size: WindowSize(columns: 91, rows: 27))
        guard case let .terminal(master, control) = child.io else { Issue.record("no terminal"); return }
        defer { close(master); close(control) }
        let reaper = ChildReaper()
        let status = await withCheckedContinuation { continuation in
            reaper.watch(child.pid) { continuation.resume(returning: $0) }
        }
        let output = read(master, until: "END")
        #expect(status == 0)
        #expect(output.contains("27 91"), "the window size: \(output)")
        #expect(output.contains("/dev/pts/"), "the pty is the terminal: \(output)")
        #expect(output.contains("sid=\(child.pid) pid=\(child.pid)") || output.contains("sid= \(child.pid)"), "its own session: \(output)")
        let envLine = output.split(whereSeparator: \.isNewline).first { $0.contains("A=1") }.map(String.init) ?? ""
        #expect(envLine.contains("A=1") && !envLine.contains("HOME=") && !envLine.contains("BULKHEAD"), "the environment: \(envLine)")
        let lines = output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let descriptors = lines.firstIndex(of: "END").flatMap { $0 > 0 ? Int(lines[$0 - 1]) : nil } ?? 99
        #expect(descriptors <= 4, "only stdin, stdout and stderr (and the shell's own) are open, not the test process's: \(descriptors)")
        #expect(reaper.count == 0)
    }

    @Test("SIGHUP to the group ends the child and its children, and the reaper collects it")
    func hangup() async throws {
        let child = try ChildProcess.spawnOnPipes(executable: URL(fileURLWithPath: "/bin/sh"),
                                                  arguments: ["-c", "sleep 30 & echo grandchild=$!; wait"], environment: ["PATH=/usr/bin:/bin"])
        guard case let .pipes(stdin, stdout, stderr) = child.io else { Issue.record("no pipes"); return }
        defer { [stdin, stdout, stderr].forEach { close($0) } }
        let line = read(stdout, until: "\n")
        let grandchild = Int32(line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "=").last ?? "") ?? 0
        #expect(grandchild > 0)
        let reaper = ChildReaper()
        child.signalGroup(SIGHUP)
        let status = await withCheckedContinuation { continuation in
            reaper.watch(child.pid) { continuation.resume(returning: $0) }
        }
        #expect(status == 128 + SIGHUP)
        #expect(!FileManager.default.fileExists(atPath: "/proc/\(child.pid)"), "reaped")
        let deadline = Date().addingTimeInterval(5)
        while kill(grandchild, 0) == 0, Date() < deadline { usleep(20_000) }
        #expect(kill(grandchild, 0) != 0, "the whole group got the hangup")
    }
}
