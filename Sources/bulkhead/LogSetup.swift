import Foundation
import Logging
import BulkheadAudit

/// Sends log lines to stderr at the level in `BULKHEAD_LOG_LEVEL` (default `warning`).
///
/// Log lines carry ids, durations and error codes only; services never log SQL, questions,
/// prompts, rows or secrets, so raising the level shows more events, never more data.
enum LogSetup {
    /// Keeps log lines while `bulkhead audit` runs (it greps them for canaries); idle otherwise.
    static let capture = LogCapture()

    static func bootstrap(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let level = environment["BULKHEAD_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return capture.makeHandler(label: label, forwardingTo: handler)
        }
    }
}
