import GRDBSQLite

/// What SQLite may build or hold on a tenant's connection: the sizes that keep one statement from
/// taking the process's memory, or its time, in a single step.
///
/// SQLite checks the time limit (the progress handler) and the watchdog's interrupt only between
/// virtual-machine instructions. One built-in function call can run for a long time without
/// reaching either, and the time such a call takes grows with the size of its arguments, so the
/// sizes below are what bound it:
/// - `length`: no string or blob, and no row, may be larger (SQLite then fails with "too big",
///   which the tenant reads as "result too large"). It also bounds `randomblob`, `zeroblob`,
///   `replace` and every string a function returns.
/// - `likePattern`: LIKE and GLOB compare in time proportional to the pattern times the text;
///   with `length` this keeps one comparison near a second at most.
/// - the other limits keep a statement's own size modest (SQL text, columns, expression depth,
///   compound SELECTs, parameters, function arguments, program size).
/// `SandboxFunctions` guards the few built-ins whose time does not follow from these sizes.
///
/// Memory: each connection's page cache (and the sorter, which sizes itself from it) is capped at
/// `cacheKiB`; SQLite has no heap limit per connection, so the heap of the whole process is
/// capped at `processHeapBytes` (`sqlite3_hard_heap_limit64`), set once when the first sandboxed
/// connection opens. Past it, an allocation fails and the statement ends with "out of memory"
/// instead of the process being killed.
enum SandboxLimits {
    /// The largest string, blob or row a statement may build or read: 8 MiB.
    static let length: Int32 = 8 << 20
    /// The longest LIKE or GLOB pattern.
    static let likePattern: Int32 = 50
    /// The longest SQL text.
    static let sqlLength: Int32 = 1_000_000
    /// Result columns, table columns, GROUP BY and ORDER BY terms.
    static let columns: Int32 = 2_000
    /// How deeply expressions may nest.
    static let expressionDepth: Int32 = 500
    /// Terms of one compound SELECT (UNION, ...).
    static let compoundSelect: Int32 = 100
    /// Instructions of one prepared program.
    static let programSize: Int32 = 1_000_000
    /// Arguments of one function call.
    static let functionArguments: Int32 = 100
    /// `?` parameters of one statement.
    static let parameters: Int32 = 1_000
    /// The page cache of one connection, in KiB (8 MiB).
    static let cacheKiB = 8_192
    /// Everything SQLite may allocate in this process at once (1 GiB).
    static let processHeapBytes: Int64 = 1 << 30

    /// Sets every limit on one connection (before any tenant SQL is prepared on it).
    static func apply(to handle: OpaquePointer) {
        let limits: [(Int32, Int32)] = [
            (SQLITE_LIMIT_ATTACHED, 0),
            (SQLITE_LIMIT_LENGTH, length),
            (SQLITE_LIMIT_SQL_LENGTH, sqlLength),
            (SQLITE_LIMIT_COLUMN, columns),
            (SQLITE_LIMIT_EXPR_DEPTH, expressionDepth),
            (SQLITE_LIMIT_COMPOUND_SELECT, compoundSelect),
            (SQLITE_LIMIT_VDBE_OP, programSize),
            (SQLITE_LIMIT_FUNCTION_ARG, functionArguments),
            (SQLITE_LIMIT_LIKE_PATTERN_LENGTH, likePattern),
            (SQLITE_LIMIT_VARIABLE_NUMBER, parameters),
            (SQLITE_LIMIT_TRIGGER_DEPTH, 1),
            (SQLITE_LIMIT_WORKER_THREADS, 0),
        ]
        for (limit, value) in limits { sqlite3_limit(handle, limit, value) }
        _ = processHeapLimit
    }

    /// The process-wide heap cap, set on first use (SQLite's own setting; it holds no tenant data).
    private static let processHeapLimit: Int64 = sqlite3_hard_heap_limit64(processHeapBytes)

    /// The size limits as the tenant reads them in an error.
    static var lengthDescription: String { "\(length >> 20) MB" }
}
