import Foundation
import Logging
import Synchronization

/// Keeps every log line the process writes during an audit, so the logs-and-errors patterns can
/// grep them for the other org's canary.
///
/// `LoggingSystem.bootstrap` may run only once per process, so the `bulkhead audit` command
/// installs `makeHandler(label:)` before anything logs and hands this object to the runner.
/// Lines are formatted the way a stream handler would print them (label, level, message and
/// metadata), because that text is what would reach a terminal or a log file.
public final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    /// An empty capture.
    public init() {}

    /// Every line captured so far, oldest first.
    public var captured: [String] { lines.withLock { $0 } }

    /// The number of lines captured so far.
    public var count: Int { lines.withLock { $0.count } }

    func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    /// A log handler for `label` that appends to this capture (pass it to `LoggingSystem.bootstrap`).
    public func makeHandler(label: String) -> any LogHandler {
        CaptureHandler(label: label, capture: self)
    }
}

/// The swift-log handler behind `LogCapture`: formats each record as one line and keeps it.
struct CaptureHandler: LogHandler {
    let label: String
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        capture.append("\(label) \(event.level) \(event.message) \(fields)")
    }
}
