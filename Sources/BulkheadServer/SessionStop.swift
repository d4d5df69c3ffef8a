import BulkheadAuth

/// Why the server ended a live session (rather than the client or the session's own process).
enum SessionStop: Sendable, Equatable {
    /// The session no longer verifies: revoked, key removed, user removed, role changed, org suspended, expired.
    case sessionEnded(SessionEnd)
    /// No input from the client for the idle timeout.
    case idle(minutes: Int)
    /// The maximum session length passed.
    case maximumLength(hours: Double)
    /// The server is shutting down.
    case shutdown

    /// The code in the session's log line.
    var code: String {
        switch self {
        case let .sessionEnded(end): return end.rawValue
        case .idle: return "idle"
        case .maximumLength: return "max_length"
        case .shutdown: return "shutdown"
        }
    }

    /// The line written to the client after its session's process ended.
    var message: String {
        switch self {
        case let .sessionEnded(end): return "session ended: \(end.message)"
        case let .idle(minutes): return "session ended: no input for \(minutes) minutes"
        case let .maximumLength(hours): return "session ended: it reached the maximum length of \(String(format: "%g", hours)) hours"
        case .shutdown: return "session ended: the server is shutting down"
        }
    }
}
