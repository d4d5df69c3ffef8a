import BulkheadCore
import Dispatch
import Logging
import PostgresNIO
import Synchronization

/// Where postgres-nio's async work runs for Bulkhead's synchronous services.
///
/// The services (and GRDB beneath them) are synchronous; postgres-nio is async. `wait` runs an
/// async body as a task that prefers the runtime's own thread and blocks the caller until it
/// ends. Because the task does not need the cooperative pool, a caller blocked on a pool thread
/// cannot starve it. Clients started here run their background work on the same thread.
/// One runtime serves every org of the process; it holds no tenant data.
public final class PostgresRuntime: Sendable {
    /// The runtime's own thread, where the pools' work and the leases run.
    let executor: ThreadExecutor

    /// Starts the runtime's thread.
    public init(name: String = "bulkhead.postgres") {
        executor = ThreadExecutor(name: name)
    }

    /// Runs `body` on the runtime and returns its result; the calling thread blocks meanwhile.
    ///
    /// Never call it from inside another `wait` body (that thread is the runtime's own): it
    /// would wait for itself, so it stops with a precondition failure instead.
    @discardableResult
    public func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        try wait(preferring: executor, body)
    }

    /// Runs `body` as a task that prefers `preferred` (the runtime's thread, or a connection's
    /// event loop) and blocks the calling thread until it ends.
    func wait<T: Sendable>(preferring preferred: any TaskExecutor, _ body: @escaping @Sendable () async throws -> T) throws -> T {
        precondition(!executor.isCurrent, "PostgresRuntime.wait called from the runtime's own thread")
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: preferred) {
            let result: Result<T, any Error>
            do {
                result = .success(try await body())
            } catch {
                result = .failure(error)
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    /// Runs an async `body` on the runtime's thread, awaiting it without blocking the caller's thread.
    public func prefer<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(executor) { try await body() }
    }

    /// Starts `body` on the runtime without waiting for it (a connection held across several `wait`s).
    public func spawn(_ body: @escaping @Sendable () async -> Void) {
        Task(executorPreference: executor) { await body() }
    }

    /// Starts `client`'s background work on the runtime; cancelling the returned task closes the client.
    func start(_ client: PostgresClient) -> Task<Void, Never> {
        Task(executorPreference: executor) { await client.run() }
    }
}
