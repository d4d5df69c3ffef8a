import BulkheadCore
import BulkheadStore
@testable import BulkheadEngine
import Foundation
import Logging
import Synchronization
import Testing

/// Collects every log line (message and metadata) the engine writes.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    func logger() -> Logger {
        var logger = Logger(label: "bulkhead.engine.capture") { _ in CaptureHandler(capture: self) }
        logger.logLevel = .trace
        return logger
    }
}

struct CaptureHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        capture.append("\(event.message) \(merged.map { "\($0)=\($1)" }.sorted().joined(separator: " "))")
    }
}

@Suite("Engine logs")
struct LoggingTests {
    @Test("log lines carry ids, durations and codes, never SQL text, values, names or paths")
    func noTenantTextInLogs() throws {
        let fixture = try EngineFixture()
        let capture = LogCapture()
        let engine = try QueryEngine(workspace: fixture.workspace, sources: SQLiteSourceCatalog(tenants: fixture.tenants),
                                     control: fixture.control, sharedLimits: try ControlPlaneLimits(control: fixture.control),
                                     clock: fixture.clock, logger: capture.logger())
        let acme = fixture.admin(fixture.acme)
        let path = try fixture.database(in: fixture.acmeRoot, as: "secret-file.sqlite", labels: ["ACME-CANARY-LOG-ROW"])
        _ = try engine.addSource(acme, name: "canarysource", path: path)
        _ = try engine.query(acme, source: "canarysource", sql: "select label, 'ACME-CANARY-LOG-SQL' from items")
        _ = try? engine.query(acme, source: "canarysource", sql: "select * from ACME_CANARY_LOG_TABLE")
        _ = try? engine.query(acme, source: "canarysource", sql: "attach 'ACME-CANARY-LOG-ATTACH' as x")
        _ = try engine.showSource(acme, "canarysource")
        let lines = capture.all
        #expect(lines.count >= 4)
        for line in lines {
            #expect(!line.contains("CANARY"), "a log line carries tenant text: \(line)")
            #expect(!line.contains("canarysource"))
            #expect(!line.contains("secret-file"))
            #expect(!line.contains(fixture.outside.url.path))
        }
        #expect(lines.contains { $0.contains("code=sql_failed") })
        #expect(lines.contains { $0.contains("code=sql_refused") })
    }
}
