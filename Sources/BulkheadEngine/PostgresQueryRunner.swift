import BulkheadCore
import BulkheadPostgresKit
import Dispatch
import PostgresNIO

/// Runs one tenant statement on a PostgreSQL source: read-only, time-limited, row-capped, through a cursor.
///
/// The statement passes `PostgresStatementScreen`, then runs as the query of
/// `DECLARE … NO SCROLL CURSOR` inside `START TRANSACTION READ ONLY`, with `statement_timeout`,
/// `lock_timeout` and `idle_in_transaction_session_timeout` set for that transaction only. Rows
/// come through `FETCH` in pages: the cap's worth is decoded and kept, the rest only counted.
/// Every FETCH gets the time that is left of the limit, so the limit holds across pages. The
/// transaction always ends with ROLLBACK.
enum PostgresQueryRunner {
    /// Rows counted (not kept) per FETCH past the cap.
    static let countingPage = 10_000

    static func run(_ client: RunningClient, sql: String, parameters: [SQLValue], options: QueryOptions) async throws -> QueryResult {
        let statement = try PostgresStatementScreen.screen(sql)
        let started = DispatchTime.now().uptimeNanoseconds
        let limit = options.timeLimit > 0 ? options.timeLimit : 3_600
        let cap = max(0, options.rowCap)
        let bindings = PostgresValues.bindings(parameters)
        let cancellation = options.cancellation
        return try await PostgresReadOnly.run(client, timeLimit: options.timeLimit) { connection in
            try await page(connection, statement: statement, bindings: bindings, cap: cap, limit: limit, started: started,
                           cancellation: cancellation)
        }
    }

    private static func page(
        _ connection: PostgresConnection, statement: String, bindings: PostgresBindings, cap: Int, limit: Double,
        started: UInt64, cancellation: QueryCancellation?
    ) async throws -> QueryResult {
        let idle = String(Int(limit * 1_000) + 10_000)
        try await connection.query(
            "SELECT set_config('lock_timeout', \(milliseconds(limit)), true), set_config('idle_in_transaction_session_timeout', \(idle), true)",
            logger: PostgresLog.quiet)
        try await setTimeout(connection, limit: limit, started: started)
        try await connection.query(PostgresQuery(unsafeSQL: "DECLARE bulkhead_rows NO SCROLL CURSOR FOR " + statement, binds: bindings),
                                   logger: PostgresLog.quiet)
        let first = try await connection.query(PostgresQuery(unsafeSQL: "FETCH FORWARD \(cap + 1) FROM bulkhead_rows"), logger: PostgresLog.quiet)
        let columns = first.columns.map(\.name)
        var rows: [[SQLValue]] = []
        var count = 0
        for try await row in first {
            if count < cap { rows.append(row.map(PostgresValues.value)) }
            count += 1
        }
        if count > cap {
            var fetched = countingPage
            while fetched == countingPage {
                if cancellation?.isCancelled == true { throw BulkheadError.cancelled }
                try await setTimeout(connection, limit: limit, started: started)
                fetched = 0
                for try await _ in try await connection.query(
                    PostgresQuery(unsafeSQL: "FETCH FORWARD \(countingPage) FROM bulkhead_rows"), logger: PostgresLog.quiet) {
                    fetched += 1
                }
                count += fetched
            }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000_000
        return QueryResult(columns: columns, rows: rows, rowCount: count, truncated: count > rows.count, elapsedSeconds: elapsed)
    }

    /// Gives the next statement of the transaction what is left of the limit; throws when nothing is.
    private static func setTimeout(_ connection: PostgresConnection, limit: Double, started: UInt64) async throws {
        let spent = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000_000
        let left = limit - spent
        guard left > 0.001 else { throw BulkheadError.timeLimit(seconds: limit) }
        try await connection.query("SELECT set_config('statement_timeout', \(milliseconds(left)), true)", logger: PostgresLog.quiet)
    }

    private static func milliseconds(_ seconds: Double) -> String {
        String(max(1, Int((seconds * 1_000).rounded(.up))))
    }
}
