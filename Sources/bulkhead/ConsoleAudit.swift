import BulkheadAudit
import BulkheadConsole

/// The console's audit screen runs the same isolation suite as `bulkhead audit`, in its own
/// throwaway home, with its progress shown as each pattern finishes.
enum ConsoleAudit {
    static func run(progress: @escaping @Sendable (AuditProgress) -> Void) async throws -> BulkheadConsole.AuditReport {
        let report = await AuditRunner(logs: LogSetup.capture, sessionExecutable: Serve.executable).run { done, total, name in
            progress(AuditProgress(completed: done, total: total, current: name))
        }
        return BulkheadConsole.AuditReport(
            patterns: report.results.map {
                BulkheadConsole.AuditPattern(id: $0.id, layer: $0.layer.title, name: $0.name, passed: $0.passed)
            },
            seconds: report.seconds)
    }
}
