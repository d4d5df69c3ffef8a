import Foundation
import Logging
import Synchronization

/// Keeps every log line the process writes while an audit runs, so the logs-and-errors patterns
/// can grep them for the other org's canary.
///
/// `LoggingSystem.bootstrap` may run only once per process, so the process bootstraps once with
/// `makeHandler(label:forwardingTo:)` and the audit calls `start()` and `stop()` around its run.
/// While recording, every line (at every level) is kept here and not forwarded, so the audit's
/// own attacks do not spill warnings onto the terminal; otherwise lines go to the forward
/// handler at its own level, exactly as without the capture. Lines are formatted as a stream
/// handler would print them (label, level, message, metadata), because that text is what would
/// reach a terminal or a log file.
public final class LogCapture: Sendable {
    private struct State {
        var recording = false
        var lines: [String] = []
    }

    private let state = Mutex(State())

    /// An idle capture; it keeps nothing until `start()`.
    public init() {}

    /// Forgets earlier lines and keeps every line from now on.
    public func start() {
        state.withLock { $0 = State(recording: true, lines: []) }
    }

    /// Stops keeping lines (the kept ones stay readable).
    public func stop() {
        state.withLock { $0.recording = false }
    }

    /// True between `start()` and `stop()`.
    public var isRecording: Bool { state.withLock { $0.recording } }

    /// Every line kept since `start()`, oldest first.
    public var captured: [String] { state.withLock { $0.lines } }

    /// Keeps `line` when recording; returns false when not recording.
    func keep(_ line: () -> String) -> Bool {
        state.withLock { state in
            guard state.recording else { return false }
            state.lines.append(line())
            return true
        }
    }

    /// A handler for `label` that keeps lines while recording and otherwise hands them to `forward`
    /// (pass it to `LoggingSystem.bootstrap`; with no `forward`, lines outside a recording are dropped).
    public func makeHandler(label: String, forwardingTo forward: (any LogHandler)? = nil) -> any LogHandler {
        CaptureHandler(label: label, capture: self, forward: forward)
    }
}

/// The swift-log handler behind `LogCapture`.
struct CaptureHandler: LogHandler {
    let label: String
    let capture: LogCapture
    let forward: (any LogHandler)?
    var metadata: Logger.Metadata = [:]

    /// Every level while recording; the forward handler's level otherwise.
    var logLevel: Logger.Level {
        get { capture.isRecording ? .trace : (forward?.logLevel ?? .critical) }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let kept = capture.keep {
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            return "\(label) \(event.level) \(event.message) \(fields)"
        }
        guard !kept, let forward, event.level >= forward.logLevel else { return }
        var forwarded = event
        forwarded.metadata = merged
        forward.log(event: forwarded)
    }
}
