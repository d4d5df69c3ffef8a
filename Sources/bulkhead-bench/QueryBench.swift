import BulkheadCore
import BulkheadEngine
import BulkheadStore
import Dispatch
import Foundation
import GRDBSQLite

/// `bulkhead-bench query`: the engine's cost over a bare sqlite3 connection, on Chinook.
///
/// Two statements, each timed through the whole engine (principal, rate limiter, ownership map,
/// path re-check, pool, sandbox with authorizer and progress handler, row cap) and on a bare
/// read-only sqlite3 connection that prepares once and decodes the same rows into the same
/// `SQLValue` arrays, alternating between the two so drift hits both alike:
/// a point query (`select * from Track where TrackId = ?`, ids varying) and a 10,000-row scan.
/// Also the same scan read through an engine cursor in pages of 500.
/// Arguments (see `bulkhead-bench query --help`): `[--chinook PATH] [--point N] [--scan N]`.
enum QueryBench {
    static func run(chinook: String, pointIterations: Int, scanIterations: Int) throws -> String {
        guard FileManager.default.fileExists(atPath: chinook) else {
            throw BulkheadError.invalidInput("Chinook not found at \(chinook); pass --chinook PATH")
        }

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-query-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = scratch.appendingPathComponent("data", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let copy = root.appendingPathComponent("chinook.sqlite").path
        try FileManager.default.copyItem(atPath: chinook, toPath: copy)

        let clock = SystemClock()
        let workspace = try Workspace(root: scratch.appendingPathComponent("home"))
        let control = try ControlDatabase(workspace: workspace, clock: clock)
        let tenants = TenantDatabases(workspace: workspace, events: control, clock: clock)
        let org = OrgID(rawValue: "org-bench")!
        _ = try tenants.create(org: org)
        try control.writer.write { db in
            try db.execute(sql: "INSERT INTO organizations (id, name, created_at) VALUES (?, 'Bench', ?)", arguments: [org.rawValue, Date()])
        }
        let engine = try QueryEngine(
            workspace: workspace, sources: SQLiteSourceCatalog(tenants: tenants), control: control,
            limits: RateLimits(queriesPerSecond: 1_000_000, queryBurst: 1_000_000),
            sharedLimits: try ControlPlaneLimits(control: control), clock: clock)
        let principal = Principal(
            userID: UserID(rawValue: "usr-bench")!, email: "bench@bench.test", orgID: org, orgName: "Bench",
            role: .admin, sessionID: SessionID(rawValue: "ses-bench")!, expiresAt: .distantFuture)
        try engine.grantFolder(root.path, to: org, by: OperatorPrincipal(operatorID: OperatorID(rawValue: "opr-bench")!, name: "bench"))
        _ = try engine.addSource(principal, name: "chinook", path: copy)
        let bare = try BareConnection(path: copy)

        let point = "select * from Track where TrackId = ?"
        let scan = "select * from Track cross join (select 1 union all select 2 union all select 3) limit 10000"

        // Warm both paths (page cache, statement caches, pool).
        for id in 1...200 {
            _ = try engine.query(principal, source: "chinook", sql: point, parameters: [.integer(Int64(id))])
            _ = try bare.rows(point, parameters: [.integer(Int64(id))])
        }
        for _ in 0..<5 {
            _ = try engine.query(principal, source: "chinook", sql: scan)
            _ = try bare.rows(scan)
        }

        var enginePoint: [Double] = [], barePoint: [Double] = []
        for iteration in 0..<pointIterations {
            let id = SQLValue.integer(Int64(iteration * 7919 % 3503 + 1))
            enginePoint.append(try time { _ = try engine.query(principal, source: "chinook", sql: point, parameters: [id]) })
            barePoint.append(try time { _ = try bare.rows(point, parameters: [id]) })
        }
        var engineScan: [Double] = [], bareScan: [Double] = [], cursorScan: [Double] = []
        var scannedRows = 0
        for _ in 0..<scanIterations {
            engineScan.append(try time { scannedRows = try engine.query(principal, source: "chinook", sql: scan).rows.count })
            bareScan.append(try time { _ = try bare.rows(scan) })
            cursorScan.append(try time {
                let cursor = try engine.openCursor(principal, source: "chinook", sql: scan)
                while try !cursor.nextPage(500).isEmpty {}
            })
        }

        func summary(_ engine: [Double], _ bare: [Double]) -> [String: Any] {
            let e50 = BenchStats.percentile(engine, 0.50), e99 = BenchStats.percentile(engine, 0.99)
            let b50 = BenchStats.percentile(bare, 0.50), b99 = BenchStats.percentile(bare, 0.99)
            return [
                "engine_p50_ms": BenchStats.round3(e50), "engine_p99_ms": BenchStats.round3(e99),
                "bare_p50_ms": BenchStats.round3(b50), "bare_p99_ms": BenchStats.round3(b99),
                "overhead_p50": BenchStats.round3(e50 / b50), "overhead_p99": BenchStats.round3(e99 / b99),
            ]
        }
        var scanSummary = summary(engineScan, bareScan)
        scanSummary["rows"] = scannedRows
        scanSummary["iterations"] = scanIterations
        scanSummary["engine_cursor_p50_ms"] = BenchStats.round3(BenchStats.percentile(cursorScan, 0.50))
        scanSummary["engine_cursor_p99_ms"] = BenchStats.round3(BenchStats.percentile(cursorScan, 0.99))
        scanSummary["cursor_overhead_p50"] = BenchStats.round3(BenchStats.percentile(cursorScan, 0.50) / BenchStats.percentile(bareScan, 0.50))
        var pointSummary = summary(enginePoint, barePoint)
        pointSummary["iterations"] = pointIterations
        let document: [String: Any] = [
            "benchmark": "query",
            "source": "chinook",
            "point_query": pointSummary,
            "scan_10k": scanSummary,
            "target_scan_overhead": 1.2,
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    private static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }

}

/// The baseline: a bare read-only sqlite3 connection with one prepared statement per SQL text,
/// decoding rows into the same `SQLValue` arrays the engine returns. No sandbox, no pool, no checks.
private final class BareConnection {
    private let db: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]

    init(path: String) throws {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let handle else {
            throw BulkheadError.internalFailure(code: "bench-open")
        }
        db = handle
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(db)
    }

    func rows(_ sql: String, parameters: [SQLValue] = []) throws -> [[SQLValue]] {
        let statement: OpaquePointer
        if let cached = statements[sql] {
            statement = cached
        } else {
            var made: OpaquePointer?
            guard sqlite3_prepare_v2(db, sql, -1, &made, nil) == SQLITE_OK, let made else { throw BulkheadError.internalFailure(code: "bench-prepare") }
            statements[sql] = made
            statement = made
        }
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (offset, value) in parameters.enumerated() {
            if case let .integer(number) = value { sqlite3_bind_int64(statement, Int32(offset + 1), number) }
        }
        let count = sqlite3_column_count(statement)
        var rows: [[SQLValue]] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            var row: [SQLValue] = []
            row.reserveCapacity(Int(count))
            for column in 0..<count {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: row.append(.integer(sqlite3_column_int64(statement, column)))
                case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(statement, column)))
                case SQLITE_TEXT:
                    let length = Int(sqlite3_column_bytes(statement, column))
                    let text = sqlite3_column_text(statement, column)
                    row.append(.text(text.map { String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self) } ?? ""))
                case SQLITE_BLOB:
                    let length = Int(sqlite3_column_bytes(statement, column))
                    row.append(.blob(length > 0 ? Data(bytes: sqlite3_column_blob(statement, column), count: length) : Data()))
                default: row.append(.null)
                }
            }
            rows.append(row)
        }
        return rows
    }
}
