import BulkheadCore
import Logging
import PostgresNIO
import Synchronization

/// A `PostgresClient` (postgres-nio's connection pool) with its background work running, closed on `close()` or deinit.
///
/// Leases wait at most `leaseTimeout` for a connection: postgres-nio keeps retrying a server
/// that refuses connections, and a tenant's request must fail with a clear error instead of
/// hanging.
public final class RunningClient: Sendable {
    /// The pool.
    public let client: PostgresClient
    /// Where the pool's background work runs, and where callers wait for it.
    public let runtime: PostgresRuntime
    /// What the pool connects to (without the password).
    public let url: PostgresURL
    /// The most connections the pool opens.
    public let maximumConnections: Int
    private let runner: Task<Void, Never>
    /// The event loop that times lease waits.
    private let timerLoop: any EventLoop

    /// Opens a pool of at most `maximumConnections` to `url`, run on `runtime`.
    public init(url: PostgresURL, runtime: PostgresRuntime, maximumConnections: Int = 4, logger: Logger) {
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: .prefer(.makeClientConfiguration()))
        configuration.options.maximumConnections = maximumConnections
        configuration.options.minimumConnections = 0
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.keepAliveBehavior = nil
        let group = PostgresClient.defaultEventLoopGroup
        let client = PostgresClient(configuration: configuration, eventLoopGroup: group, backgroundLogger: logger)
        timerLoop = group.next()
        self.client = client
        self.runtime = runtime
        self.url = url
        self.maximumConnections = maximumConnections
        runner = runtime.start(client)
    }

    /// Stops the pool; its connections close.
    public func close() {
        runner.cancel()
    }

    deinit { runner.cancel() }

    /// Runs `body` with a leased connection, waiting at most `leaseTimeout` seconds for one.
    ///
    /// `body` runs on the connection's event loop, so it must never block.
    /// Exactly one of two things happens: the lease comes in time and `body` runs to its end (its
    /// statements carry their own server-side time limits), its result or error being the
    /// outcome; or the wait runs out first and `body` never runs (a connection leased a moment
    /// later goes back unused). So a caller told "unavailable" knows nothing of `body` was done,
    /// and a caller told what `body` returned knows it was.
    ///
    /// The lease runs as a task of its own on the runtime, and the wait is timed by a task
    /// scheduled on an event loop: cancelled unfired when the lease comes (the common case, which
    /// then wakes no thread for the timer), it cancels the lease's task when it fires first.
    @discardableResult
    public func withConnection<T: Sendable>(
        leaseTimeout: Double = 10, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let client = self.client
        let lease = LeaseRace()
        let leasing = Task(executorPreference: runtime.executor) {
            try await client.withConnection { connection in
                guard lease.leased() else { throw BulkheadError.unavailable("the database could not be reached") }
                // On the connection's own loop, each reply resumes the body where it was read.
                return try await withTaskExecutorPreference(EventLoopTaskExecutor(connection.eventLoop)) { try await body(connection) }
            }
        }
        let timer = timerLoop.scheduleTask(in: .nanoseconds(Int64(max(0, leaseTimeout) * 1_000_000_000))) {
            if lease.timedOut() { leasing.cancel() }
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler { try await leasing.value } onCancel: { leasing.cancel() }
        } catch {
            // A lease that came too late never ran the body, whatever the pool answered.
            if lease.ranOut { throw BulkheadError.unavailable("the database could not be reached") }
            throw error
        }
    }
}

/// Decides, once, whether a lease came in time (the body runs) or the wait ran out (it never does).
final class LeaseRace: Sendable {
    private static let waiting = 0, inTime = 1, late = 2
    private let state = Atomic<Int>(LeaseRace.waiting)

    /// Called with the connection in hand: true when the body may run (the wait had not run out).
    func leased() -> Bool {
        state.compareExchange(expected: Self.waiting, desired: Self.inTime, ordering: .acquiringAndReleasing).exchanged
    }

    /// Called when the wait runs out: true when no lease came before it (the body will never run).
    func timedOut() -> Bool {
        state.compareExchange(expected: Self.waiting, desired: Self.late, ordering: .acquiringAndReleasing).exchanged
    }

    /// Whether the wait ran out before a lease came.
    var ranOut: Bool {
        state.load(ordering: .acquiring) == Self.late
    }
}
