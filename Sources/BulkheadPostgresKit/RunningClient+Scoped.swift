import BulkheadCore
import Logging
import PostgresNIO

extension RunningClient {
    /// Leases one connection for the length of an async `body`, which runs off the runtime (on
    /// the pool it was called from), so its synchronous store calls may wait on the runtime.
    ///
    /// `prepare` runs on the runtime right after the lease and `finish` (told whether `body`
    /// returned) just before the connection goes back, as in `pinned`. The connection reaches
    /// `body` as a `PinnedConnection`, whose statements run one `wait` at a time.
    public func scoped<T: Sendable>(prepare: @escaping @Sendable (PostgresConnection) async throws -> Void,
                                    finish: @escaping @Sendable (PostgresConnection, _ succeeded: Bool) async throws -> Void,
                                    _ body: @escaping @Sendable (PinnedConnection) async throws -> T) async throws -> T {
        let runtime = self.runtime
        return try await runtime.prefer {
            try await self.withConnection { connection in
                try await RunningClient.prepare(connection, prepare)
                let pinned = PinnedConnection(connection: connection, runtime: runtime)
                let outcome: Result<T, any Error>
                do {
                    // The caller's code runs where the caller ran, never on the runtime's thread.
                    outcome = .success(try await withTaskExecutorPreference(globalConcurrentExecutor) { try await body(pinned) })
                } catch {
                    outcome = .failure(error)
                }
                let succeeded: Bool
                if case .success = outcome { succeeded = true } else { succeeded = false }
                try await finish(connection, succeeded)
                return try outcome.get()
            }
        }
    }
}
