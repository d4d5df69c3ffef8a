import BulkheadCore
import Foundation

/// Whether a session still lets its holder in, and if not, why: what the console's re-check and the
/// SSH server's watch ask every few seconds.
public enum SessionState: Sendable, Equatable {
    /// The session verifies: its role and when it ends.
    case active(role: Role, expiresAt: Date)
    /// It no longer does.
    case ended(SessionEnd)
}
