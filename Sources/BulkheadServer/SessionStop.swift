import Foundation
import BulkheadAuth

/// Why the server ended a live session (rather than the client or the session's own process).
enum SessionStop: Sendable, Equatable {
    /// The session no longer verifies: revoked, key removed, user removed, role changed, org suspended, expired.
    case sessionEnded(SessionEnd)
    /// No input from the client for the idle timeout (seconds).
    case idle(TimeInterval)
    /// The maximum session length (seconds) passed.
    case maximumLength(TimeInterval)
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
        case let .idle(seconds): return "session ended: no input for \(Self.duration(seconds))"
        case let .maximumLength(seconds): return "session ended: it reached the maximum session length (\(Self.duration(seconds)))"
        case .shutdown: return "session ended: the server is shutting down"
        }
    }

    /// `90 seconds`, `30 minutes`, `8 hours`: whole units, the largest that fits.
    static func duration(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded())
        if whole >= 7200, whole % 3600 == 0 { return "\(whole / 3600) hours" }
        if whole >= 120, whole % 60 == 0 { return "\(whole / 60) minutes" }
        return "\(whole) seconds"
    }
}
