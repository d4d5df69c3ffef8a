import BulkheadCore
import Dispatch
import Synchronization

/// A running statement read page by page, so a huge result never sits in memory.
///
/// The cursor holds its pooled connection until it is finished, closed or dropped. Only the
/// page being returned is in memory. The time limit counts execution time across pages (the
/// pauses between pages, while a person scrolls, do not count). `cancel()` may be called from
/// any thread and stops a page that is being read at once.
public final class QueryCursor: Sendable {
    /// The result column names, in order.
    public let columns: [String]
    private let cancellation: QueryCancellation
    private let timeLimit: Double
    private let state: Mutex<CursorState>

    struct CursorState {
        var lease: ConnectionLease?
        var statement: SandboxedStatementBox?
        var consumedNanoseconds: UInt64 = 0
        var rowsRead = 0
        var largestPage = 0
    }

    init(lease: ConnectionLease, statement: SandboxedStatement, options: QueryOptions) {
        columns = statement.columns
        cancellation = options.cancellation ?? QueryCancellation()
        timeLimit = options.timeLimit
        state = Mutex(CursorState(lease: lease, statement: SandboxedStatementBox(statement)))
    }

    deinit { close() }

    /// Reads up to `size` more rows; an empty page means the result is finished (the connection is then released).
    public func nextPage(_ size: Int) throws -> [[SQLValue]] {
        guard size > 0 else { throw BulkheadError.invalidInput("the page size must be at least 1") }
        var page: [[SQLValue]] = []
        page.reserveCapacity(min(size, 1_024))
        try advance(size) { page.append($0.row()) }
        return page
    }

    /// Steps over up to `count` rows without decoding them (a browser jumping ahead); returns how
    /// many there were, fewer only at the end of the result. Counts against the time limit like a read.
    @discardableResult
    public func skip(_ count: Int) throws -> Int {
        guard count > 0 else { return 0 }
        return try advance(count, nil)
    }

    /// Steps up to `limit` rows under the time limit, handing each to `body` (nil: just step).
    @discardableResult
    private func advance(_ limit: Int, _ body: ((SandboxedStatement) -> Void)?) throws -> Int {
        try state.withLock { state -> Int in
            guard let lease = state.lease, let box = state.statement else { return 0 }
            if cancellation.isCancelled {
                Self.finish(&state)
                throw BulkheadError.cancelled
            }
            let connection = lease.connection
            let statement = box.statement
            let budget = timeLimit > 0 ? UInt64(timeLimit * 1_000_000_000) : UInt64.max / 4
            let remaining = budget > state.consumedNanoseconds ? budget - state.consumedNanoseconds : 0
            connection.state.cancellation = cancellation
            connection.state.timeLimit = timeLimit
            connection.rearm(remainingNanoseconds: remaining)
            let started = DispatchTime.now().uptimeNanoseconds
            var stepped = 0
            do {
                while stepped < limit {
                    guard try connection.step(statement) else {
                        Self.finish(&state)
                        break
                    }
                    body?(statement)
                    stepped += 1
                }
            } catch {
                Self.finish(&state)
                throw error
            }
            state.consumedNanoseconds += DispatchTime.now().uptimeNanoseconds - started
            state.rowsRead += stepped
            if body != nil { state.largestPage = max(state.largestPage, stepped) }
            return stepped
        }
    }

    /// Stops the statement from any thread; the next (or the running) `nextPage` throws `cancelled`.
    public func cancel() { cancellation.cancel() }

    /// Ends the statement early and gives the connection back to the pool.
    public func close() {
        state.withLock { Self.finish(&$0) }
    }

    /// True once the result was read to its end, the cursor was closed, or a page failed.
    public var isFinished: Bool { state.withLock { $0.lease == nil } }

    /// How many rows were read or skipped so far: the position of the next row.
    public var rowsRead: Int { state.withLock { $0.rowsRead } }

    /// The most rows the cursor ever held at once (one page); tests use it to prove memory stays bounded.
    package var largestPageHeld: Int { state.withLock { $0.largestPage } }

    private static func finish(_ state: inout CursorState) {
        if let box = state.statement {
            box.statement.reset()
            state.statement = nil
        }
        if let lease = state.lease {
            lease.connection.disarm()
            state.lease = nil
            lease.release()
        }
    }
}

/// Carries a statement inside the cursor's lock; only the lease holder touches it.
final class SandboxedStatementBox: @unchecked Sendable {
    let statement: SandboxedStatement
    init(_ statement: SandboxedStatement) { self.statement = statement }
}

extension SandboxedConnection {
    /// Prepares `sql` on a leased connection and returns a cursor over its rows; the lease moves into the cursor.
    public static func cursor(lease: ConnectionLease, sql: String, parameters: [SQLValue] = [], options: QueryOptions = QueryOptions()) throws -> QueryCursor {
        let connection = lease.connection
        let statement: SandboxedStatement
        do {
            statement = try connection.prepare(sql)
            do {
                try statement.bind(parameters)
            } catch {
                statement.reset()
                throw error
            }
        } catch {
            lease.release()
            throw error
        }
        return QueryCursor(lease: lease, statement: statement, options: options)
    }
}
