import BulkheadCore
import BulkheadStore
import Foundation

/// `bulkhead-bench ssh`: the SSH server measured with the real OpenSSH client.
///
/// A throwaway home gets the demo (two orgs), an Ed25519 key (ssh-keygen) for Acme's and Globex's
/// admins, and a running `bulkhead serve` on a free loopback port. Then:
/// - first frame: `ssh -tt` is started again and again (`--runs N`, default 20), and the time from
///   the spawn of the client to the first bytes of the console's first frame (its title bar,
///   `BULKHEAD`) is taken, and to the frame that shows the logged-in user; p50 and p99 of each;
/// - memory: 20 sessions (10 per org) are opened and kept live at once; each session's console
///   process is read from `/proc` (VmRSS, and Pss, which splits shared pages between processes);
/// - shared limits: the cost of a token and of a slot in the control plane (`ControlPlaneLimits`).
/// Arguments: `[--binary PATH] [--runs N] [--sessions N]`.
enum SSHBench {
    static func run(arguments: [String]) async throws -> String {
        let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[safe: $0 + 1] ?? "") } ?? 20
        let sessions = arguments.firstIndex(of: "--sessions").flatMap { Int(arguments[safe: $0 + 1] ?? "") } ?? 20
        let binary = arguments.firstIndex(of: "--binary").flatMap { arguments[safe: $0 + 1] }
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("bulkhead").path
        let setup = try SSHBenchSetup(binary: binary, maxSessionsPerUser: sessions)
        defer { setup.tearDown() }

        var firstFrames: [Double] = [], loggedIn: [Double] = []
        for run in 0..<runs {
            let key = run % 2 == 0 ? "ada@acme.test" : "gus@globex.test"
            let started = DispatchTime.now().uptimeNanoseconds
            let client = try setup.ssh(key: key)
            defer { client.stop() }
            guard client.waitFor("BULKHEAD", timeout: 20) else { throw BulkheadError.unavailable("no console frame over SSH") }
            firstFrames.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
            guard client.waitFor(key == "ada@acme.test" ? "ada@acme.test" : "gus@globex.test", timeout: 20) else {
                throw BulkheadError.unavailable("the console never showed the user")
            }
            loggedIn.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
        }
        try setup.waitForClosed(runs)

        let memory = try setup.liveSessions(sessions)
        let limits = try measureLimits(setup.workspace)
        let result: [String: Any] = [
            "bench": "ssh",
            "first_frame_runs": firstFrames.count,
            "first_frame_p50_ms": BenchStats.round3(BenchStats.percentile(firstFrames, 0.5)),
            "first_frame_p99_ms": BenchStats.round3(BenchStats.percentile(firstFrames, 0.99)),
            "logged_in_frame_p50_ms": BenchStats.round3(BenchStats.percentile(loggedIn, 0.5)),
            "logged_in_frame_p99_ms": BenchStats.round3(BenchStats.percentile(loggedIn, 0.99)),
            "live_sessions": memory.rss.count,
            "session_rss_mb_p50": BenchStats.round3(BenchStats.percentile(memory.rss, 0.5)),
            "session_rss_mb_max": BenchStats.round3(memory.rss.max() ?? 0),
            "session_pss_mb_p50": BenchStats.round3(BenchStats.percentile(memory.pss, 0.5)),
            "session_pss_mb_max": BenchStats.round3(memory.pss.max() ?? 0),
            "server_rss_mb_idle": BenchStats.round3(memory.serverIdle),
            "server_rss_mb_with_sessions": BenchStats.round3(memory.serverLoaded),
            "limits_take_p50_us": BenchStats.round3(BenchStats.percentile(limits.take, 0.5)),
            "limits_take_p99_us": BenchStats.round3(BenchStats.percentile(limits.take, 0.99)),
            "limits_slot_p50_us": BenchStats.round3(BenchStats.percentile(limits.slot, 0.5)),
            "limits_slot_p99_us": BenchStats.round3(BenchStats.percentile(limits.slot, 0.99)),
        ]
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        return String(decoding: json, as: UTF8.self)
    }

    /// Times 2,000 token takes and 2,000 slot acquire-and-release pairs on the home's control plane.
    private static func measureLimits(_ workspace: Workspace) throws -> (take: [Double], slot: [Double]) {
        let control = try ControlDatabase(workspace: workspace, clock: SystemClock())
        let limits = try ControlPlaneLimits(control: control)
        let org = OrgID(rawValue: "org-bench")!
        var take: [Double] = [], slot: [Double] = []
        for _ in 0..<2_000 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try limits.take(.queries, org: org, rate: 1_000_000, burst: 1_000_000, now: Date())
            take.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000)
        }
        for _ in 0..<2_000 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try limits.acquire(.statements, scope: .org(org), limit: 8, now: Date())
            limits.release(.statements, scope: .org(org))
            slot.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000)
        }
        return (take, slot)
    }
}
