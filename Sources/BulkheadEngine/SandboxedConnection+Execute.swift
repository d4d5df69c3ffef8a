import BulkheadCore
import Dispatch

extension SandboxedConnection {
    /// Runs one statement and keeps at most `options.rowCap` rows, counting the rest without holding them.
    ///
    /// The count past the cap only steps the statement; no value is decoded or kept, so a
    /// million-row result costs the cap's memory, not the million's.
    public func execute(_ sql: String, parameters: [SQLValue] = [], options: QueryOptions = QueryOptions()) throws -> QueryResult {
        let started = DispatchTime.now().uptimeNanoseconds
        let statement = try prepare(sql)
        defer {
            statement.reset()
            disarm()
        }
        try statement.bind(parameters)
        if options.cancellation?.isCancelled == true { throw BulkheadError.cancelled }
        arm(timeLimit: options.timeLimit, cancellation: options.cancellation)
        let cap = max(0, options.rowCap)
        var rows: [[SQLValue]] = []
        rows.reserveCapacity(min(cap, 256))
        var count = 0
        while try step(statement) {
            if count < cap { rows.append(statement.row()) }
            count += 1
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000_000
        return QueryResult(columns: statement.columns, rows: rows, rowCount: count, truncated: count > rows.count, elapsedSeconds: elapsed)
    }
}
