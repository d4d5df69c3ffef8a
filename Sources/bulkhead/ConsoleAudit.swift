import BulkheadConsole
import BulkheadCore

/// The console's audit screen runs the isolation suite through this bridge.
enum ConsoleAudit {
    static func run(progress: @escaping @Sendable (AuditProgress) -> Void) async throws -> AuditReport {
        throw BulkheadError.unavailable("the isolation audit is not part of this build yet")
    }
}
