import BulkheadCore
import Dispatch
import Logging
import PostgresNIO
import Synchronization

/// One pooled connection held for a synchronous caller across several statements.
///
/// Synchronous services (the control plane's transactions, the vector store's loads) make
/// decisions between statements of one transaction. `RunningClient.pinned` leases a connection
/// on the runtime, parks the lease, and lets the calling thread run statements on it one
/// `wait` at a time; the lease ends when the body returns, whatever it returned.
public final class PinnedConnection: Sendable {
    /// The leased connection.
    public let connection: PostgresConnection
    /// Where its statements run.
    public let runtime: PostgresRuntime

    /// The connection's event loop, where its statements' tasks run.
    private let loop: EventLoopTaskExecutor

    init(connection: PostgresConnection, runtime: PostgresRuntime) {
        self.connection = connection
        self.runtime = runtime
        loop = EventLoopTaskExecutor(connection.eventLoop)
    }

    /// Runs `query` and returns every row (decoded on the connection's event loop, so rows are plain values here).
    public func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        let connection = self.connection
        return try wait { try await connection.query(query, logger: PostgresLog.quiet).collect() }
    }

    /// Runs `query` and ignores its rows.
    public func execute(_ query: PostgresQuery) throws {
        _ = try rows(query)
    }

    /// Runs an async body with the connection (several statements in one hop to the runtime).
    public func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        let connection = self.connection
        return try wait { try await body(connection) }
    }

    /// Runs `body` as a task on the connection's event loop and waits for it on the calling thread.
    private func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        precondition(!loop.loop.inEventLoop, "a pinned connection was used from its own event loop")
        return try runtime.wait(preferring: loop, body)
    }
}

extension RunningClient {
    /// Leases one connection, runs `body` with it on the calling thread, and gives it back.
    ///
    /// `prepare` runs on the runtime as soon as the connection is leased, and `finish` (told
    /// whether `body` returned) just before it goes back to the pool, each in the same hop as the
    /// lease and the release, so a short transaction costs no more hops than its own statements.
    /// When `prepare` fails, the connection is rolled back and the error thrown; when `finish`
    /// fails after `body` returned, its error is thrown instead of the result.
    /// Never call it on the runtime's own thread (nothing else could run there while it waits).
    public func pinned<T>(prepare: @escaping @Sendable (PostgresConnection) async throws -> Void = { _ in },
                          finish: @escaping @Sendable (PostgresConnection, _ succeeded: Bool) async throws -> Void = { _, _ in },
                          _ body: (PinnedConnection) throws -> T) throws -> T {
        let gate = PinGate()
        let client = self
        runtime.spawn {
            do {
                try await client.withConnection { connection in
                    try await RunningClient.prepare(connection, prepare)
                    let succeeded = await withCheckedContinuation { (release: CheckedContinuation<Bool, Never>) in
                        gate.hold(connection, release: release)
                    }
                    do {
                        try await finish(connection, succeeded)
                    } catch {
                        gate.finishFailed(error)
                    }
                }
            } catch {
                gate.fail(error)
            }
            gate.finish()
        }
        let connection = try gate.waitForConnection()
        let result: T
        do {
            result = try body(PinnedConnection(connection: connection, runtime: runtime))
        } catch {
            _ = try? gate.releaseAndWait(succeeded: false)
            throw error
        }
        try gate.releaseAndWait(succeeded: true)
        return result
    }
}

extension RunningClient {
    /// Runs `prepare` on a just-leased connection; when it fails, rolls back what it began and rethrows.
    static func prepare(_ connection: PostgresConnection, _ prepare: @Sendable (PostgresConnection) async throws -> Void) async throws {
        do {
            try await prepare(connection)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: PostgresLog.quiet)
            throw error
        }
    }
}

/// The handoff between a parked lease on the runtime and the synchronous caller.
private final class PinGate: Sendable {
    private struct State {
        var connection: PostgresConnection?
        var error: (any Error)?
        var release: CheckedContinuation<Bool, Never>?
        /// Why `finish` failed, if it did.
        var finishError: (any Error)?
    }

    private let state = Mutex(State())
    private let leased = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    func hold(_ connection: PostgresConnection, release: CheckedContinuation<Bool, Never>) {
        state.withLock {
            $0.connection = connection
            $0.release = release
        }
        leased.signal()
    }

    func fail(_ error: any Error) {
        let wasLeased = state.withLock { state -> Bool in
            state.error = error
            return state.connection != nil
        }
        if !wasLeased { leased.signal() }
    }

    func finish() {
        finished.signal()
    }

    func finishFailed(_ error: any Error) {
        state.withLock { $0.finishError = error }
    }

    func waitForConnection() throws -> PostgresConnection {
        leased.wait()
        let (connection, error) = state.withLock { ($0.connection, $0.error) }
        if let connection { return connection }
        finished.wait()
        throw error ?? BulkheadError.unavailable("the database could not be reached")
    }

    /// Gives the connection back (after `finish`) and waits until it is; throws what `finish` threw.
    func releaseAndWait(succeeded: Bool) throws {
        let release = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            defer { state.release = nil }
            return state.release
        }
        release?.resume(returning: succeeded)
        finished.wait()
        if let error = state.withLock({ $0.finishError }) { throw error }
    }
}
