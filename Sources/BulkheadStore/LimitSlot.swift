/// A kind of slot held while something runs or stays open.
public enum LimitSlot: String, Sendable, Hashable, CaseIterable {
    /// A statement running (or open as a cursor).
    case statements
    /// A pooled connection, idle or busy.
    case connections
    /// A live SSH session (a console or a command).
    case sshSessions = "ssh_sessions"
}
