import BulkheadCore
import BulkheadTerminal
import Foundation

/// `bulkhead-bench console`: the real binary in tmux at 120x35, logged in with Chinook connected.
///
/// - First frame: in a tmux server that is already running (so its own start is not counted),
///   from respawning the pane with the binary to the first capture showing the console's frame
///   (`first_frame`), and to the first showing the logged-in sources screen with Chinook listed
///   (`first_ready`); both include tmux's latency (a capture every millisecond), which
///   `tmux_floor` measures: the same respawn and polling for a shell's `printf`.
/// - Idle memory: the process's resident set one second after the ready screen.
/// - A million rows: "list all readings" on a generated 1,000,000-row source: time to the first
///   rows on screen, then `G` and the time until the last row shows, with the process's peak
///   resident set (VmHWM) over the whole session.
/// - Redraw: `ConsoleBenchmark.keypressRedraw` (update, view and frame diff) on a 100,000-row result.
/// Arguments: `[--binary PATH] [--runs N] [--chinook PATH] [--rows N]`.
enum ConsoleBench {
    static func run(arguments: [String]) async throws -> String {
        func value(_ flag: String) -> String? { arguments.firstIndex(of: flag).flatMap { arguments[safe: $0 + 1] } }
        let runs = value("--runs").flatMap(Int.init) ?? 15
        let rows = value("--rows").flatMap(Int.init) ?? 1_000_000
        let chinook = value("--chinook") ?? "Tests/Fixtures/chinook.sqlite"
        let binary = value("--binary")
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("bulkhead").path
        let home = try await ConsoleBenchHome.make(chinook: chinook, bigRows: rows)
        defer { home.remove() }

        var frames: [Double] = [], ready: [Double] = [], idle: [Double] = [], floor: [Double] = []
        let terminal = BenchTerminal(label: "start")
        defer { terminal.kill() }
        terminal.startIdle(width: 120, height: 35)
        // What the harness itself costs: the same respawn and polling for a shell's printf.
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            Shell.exec(["tmux", "-S", terminal.socket, "respawn-pane", "-k", "-t", terminal.session, "printf 'TMUX-FLOOR'; sleep 3600"])
            if let ms = terminal.wait(for: ["TMUX-FLOOR"], since: start) { floor.append(ms) }
        }
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            terminal.respawn(binary, "--home '\(home.home.path)'")
            if let ms = terminal.wait(for: ["BULKHEAD"], since: start) { frames.append(ms) }
            if let ms = terminal.wait(for: ["◆ chinook", "bench@bench.test"], since: start) { ready.append(ms) }
            usleep(1_000_000)
            if let mb = terminal.memoryMB("VmRSS") { idle.append(mb) }
            terminal.keys("q")
            _ = terminal.wait(for: ["EXITED"], since: DispatchTime.now().uptimeNanoseconds, timeout: 10)
        }

        let scroll = scrollToEnd(binary: binary, home: home, rows: rows)
        let redraw = await ConsoleBenchmark.keypressRedraw()
        var result: [String: Any] = [
            "bench": "console",
            "terminal": "tmux 120x35",
            "first_frame_runs": frames.count,
            "first_frame_p50_ms": BenchStats.round3(BenchStats.percentile(frames, 0.5)),
            "first_frame_max_ms": BenchStats.round3(frames.max() ?? 0),
            "first_ready_p50_ms": BenchStats.round3(BenchStats.percentile(ready, 0.5)),
            "tmux_floor_p50_ms": BenchStats.round3(BenchStats.percentile(floor, 0.5)),
            "first_ready_max_ms": BenchStats.round3(ready.max() ?? 0),
            "idle_rss_mb_p50": BenchStats.round3(BenchStats.percentile(idle, 0.5)),
            "idle_rss_mb_max": BenchStats.round3(idle.max() ?? 0),
            "redraw_rows": 100_000,
            "redraw_samples": redraw.count,
            "redraw_p50_ms": BenchStats.round3(BenchStats.percentile(redraw, 0.5)),
            "redraw_p99_ms": BenchStats.round3(BenchStats.percentile(redraw, 0.99)),
        ]
        for (key, value) in scroll { result[key] = value }
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        return String(decoding: json, as: UTF8.self)
    }

    /// Asks for every row of the generated source, then presses G; times both and reads the peak memory.
    private static func scrollToEnd(binary: String, home: ConsoleBenchHome, rows: Int) -> [String: Any] {
        let terminal = BenchTerminal(label: "scroll")
        defer { terminal.kill() }
        terminal.start(binary, "--home '\(home.home.path)'", width: 120, height: 35)
        guard terminal.wait(for: ["◆ chinook"], since: DispatchTime.now().uptimeNanoseconds) != nil else { return ["scroll_error": "no start"] }
        terminal.type(":")
        terminal.type("ask source big")
        terminal.keys("Enter")
        terminal.type("list all readings")
        let asked = DispatchTime.now().uptimeNanoseconds
        terminal.keys("Enter")
        let count = Self.grouped(rows)
        guard let firstRows = terminal.wait(for: ["Result · \(count) rows"], since: asked, timeout: 120) else { return ["scroll_error": "no answer"] }
        let pressed = DispatchTime.now().uptimeNanoseconds
        terminal.keys("G")
        let lastValue = ValueFormatter.text(.real(Double(rows) * 0.5), in: ValueFormatter.Column(numeric: true, decimals: 1))
        guard let end = terminal.wait(for: ["–\(count) of \(count)", lastValue], since: pressed, timeout: 120) else {
            return ["scroll_error": "no last row"]
        }
        return [
            "scroll_rows": rows,
            "scroll_first_rows_ms": BenchStats.round3(firstRows),
            "scroll_to_end_ms": BenchStats.round3(end),
            "scroll_peak_rss_mb": BenchStats.round3(terminal.memoryMB("VmHWM") ?? 0),
            "scroll_end_rss_mb": BenchStats.round3(terminal.memoryMB("VmRSS") ?? 0),
        ]
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}
