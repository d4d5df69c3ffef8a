import BulkheadTerminal
import Foundation

/// `bulkhead-bench console`: time to the first frame of the real binary, and redraw per keypress.
///
/// First frame: the built `bulkhead` is started in a detached tmux session (100x30, UTF-8) on an
/// empty home, and the pane is read every millisecond until the welcome screen shows; the figure
/// is from the spawn to the first capture that shows it, so it includes tmux's own latency.
/// Redraw: `ConsoleBenchmark.keypressRedraw` (update, view and frame diff) on a 100,000-row result.
/// Arguments (see `bulkhead-bench console --help`): `[--binary PATH] [--runs N]`.
enum ConsoleBench {
    static func run(binary: String?, runs: Int) async throws -> String {
        let binary = binary
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("bulkhead").path
        var firstFrames: [Double] = []
        for run in 0..<runs {
            if let ms = try firstFrame(binary: binary, label: "\(run)") { firstFrames.append(ms) }
        }
        firstFrames.sort()
        let redraw = await ConsoleBenchmark.keypressRedraw()
        let result: [String: Any] = [
            "bench": "console",
            "first_frame_runs": firstFrames.count,
            "first_frame_p50_ms": BenchStats.round3(BenchStats.percentile(firstFrames, 0.5)),
            "first_frame_max_ms": BenchStats.round3(firstFrames.last ?? 0),
            "redraw_rows": 100_000,
            "redraw_samples": redraw.count,
            "redraw_p50_ms": BenchStats.round3(BenchStats.percentile(redraw, 0.5)),
            "redraw_p99_ms": BenchStats.round3(BenchStats.percentile(redraw, 0.99)),
        ]
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        return String(decoding: json, as: UTF8.self)
    }

    private static func firstFrame(binary: String, label: String) throws -> Double? {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-console-bench-\(UUID().uuidString)")
        let socket = FileManager.default.temporaryDirectory.appendingPathComponent("bh-bench-\(label)-\(UUID().uuidString).sock").path
        defer {
            _ = shell("tmux -S '\(socket)' kill-server")
            try? FileManager.default.removeItem(at: home)
            unlink(socket)
        }
        let start = DispatchTime.now()
        _ = shell("tmux -S '\(socket)' new-session -d -x 100 -y 30 \"env LANG=C.UTF-8 TERM=xterm-256color '\(binary)' --home '\(home.path)'; sleep 5\"")
        let deadline = start.uptimeNanoseconds + 10_000_000_000
        while DispatchTime.now().uptimeNanoseconds < deadline {
            if shell("tmux -S '\(socket)' capture-pane -p").contains("Welcome to Bulkhead") {
                return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
            }
            usleep(1_000)
        }
        return nil
    }

    /// Runs a shell line and returns its output (through a file, so a forked tmux server cannot hold a pipe).
    private static func shell(_ line: String) -> String {
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
