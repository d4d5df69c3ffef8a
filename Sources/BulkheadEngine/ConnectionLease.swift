import Synchronization

/// The right to use one pooled connection until `release()` is called.
///
/// Releasing gives the connection back to its pool (and frees the org's statement slot). It is
/// idempotent and also happens on deinit, so a dropped cursor cannot keep a connection forever.
public final class ConnectionLease: Sendable {
    /// The connection this lease grants.
    public let connection: SandboxedConnection
    private let onRelease: Mutex<(@Sendable (SandboxedConnection) -> Void)?>

    /// Grants `connection` until release; `onRelease` runs exactly once.
    public init(connection: SandboxedConnection, onRelease: @escaping @Sendable (SandboxedConnection) -> Void) {
        self.connection = connection
        self.onRelease = Mutex(onRelease)
    }

    /// Gives the connection back.
    public func release() {
        let action = onRelease.withLock { slot -> (@Sendable (SandboxedConnection) -> Void)? in
            defer { slot = nil }
            return slot
        }
        action?(connection)
    }

    deinit { release() }
}
