import BulkheadCore
import CSQLiteConfig
import Dispatch
import Foundation
import GRDBSQLite

/// A read-only, sandboxed raw sqlite3 connection to one tenant source file.
///
/// This is where tenant SQL runs. It is a raw connection, not GRDB, because GRDB installs an
/// authorizer of its own and the sandbox needs its own authorizer to be the only one. The file is
/// opened `SQLITE_OPEN_READONLY` and immutable (see below); ATTACH is limited to zero databases;
/// extension loading is off; defensive mode is on and the schema is untrusted; an authorizer lets
/// through reads and functions only; `sqlite3_stmt_readonly` must hold; exactly one statement is
/// accepted. `SandboxLimits` bounds sizes and memory, `SandboxFunctions` guards the built-ins
/// whose time does not follow from sizes, a progress handler enforces the per-statement time
/// limit and the caller's cancel button, and `SandboxWatchdog` interrupts a statement that does
/// not reach the progress handler in time.
///
/// Sidecar files: the file is opened with `immutable=1`, so SQLite reads the database file and
/// nothing else. It never opens a `-wal`, `-shm` or `-journal` beside it, takes no locks and
/// writes nothing. The alternative, checking each sidecar like the database file (link count,
/// owner, folder), cannot be made safe: SQLite opens the WAL after our check, at the first read,
/// so a tenant could hard-link another org's live `-wal` beside a stub in the gap, and SQLite
/// would read the other org's pages from it. With `immutable=1` there is no gap, because there is
/// no second file. The price: a source in WAL mode is read as of its last checkpoint (pages still
/// in its `-wal` are not seen), and a connection does not notice later changes to the file, so
/// the pool opens a new connection whenever the file's stamp (size, modification time) changes.
///
/// A connection is used by one thread at a time: the pool hands it to exactly one lease holder.
/// That is why it is `@unchecked Sendable`: it moves between threads, but is never shared.
public final class SandboxedConnection: @unchecked Sendable {
    /// The path that was opened (already resolved by the caller's path rules).
    public let path: String
    let handle: OpaquePointer
    let state: SandboxState
    let watchdog: SandboxWatchdog
    private var functions: SandboxFunctions?
    private var cache: [String: SandboxedStatement] = [:]
    private var cacheOrder: [String] = []
    private static let cacheLimit = 32
    /// SQLite virtual-machine instructions between two checks of the time limit and the cancel flag.
    static let progressPeriod: Int32 = 1_000

    /// Opens `path` read-only and installs the sandbox; throws a safe error when the file is not a usable database.
    public init(path: String) throws {
        try SidecarFiles.check(path)
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE | SQLITE_OPEN_URI
        let rc = sqlite3_open_v2(Self.immutableURI(path), &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            if let db { sqlite3_close_v2(db) }
            throw BulkheadError.sqlFailed(SQLiteErrorText.openFailure(rc))
        }
        self.path = path
        self.handle = db
        self.state = SandboxState()
        self.watchdog = SandboxWatchdog(handle: db)
        do {
            functions = try SandboxFunctions(handle: db, state: state)
            try configure()
        } catch {
            watchdog.close()
            functions?.close()
            sqlite3_close_v2(db)
            throw error as? BulkheadError ?? BulkheadError.internalFailure(code: "sandbox-config")
        }
    }

    deinit {
        watchdog.close()
        for statement in cache.values { statement.finalize() }
        sqlite3_close_v2(handle)
        functions?.close()
    }

    /// The `file:` URI that opens `path` read-only and immutable: every byte outside the URI's
    /// unreserved set is percent-encoded, so no character of a path can add a parameter.
    static func immutableURI(_ path: String) -> String {
        var encoded = "file:"
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded + "?mode=ro&immutable=1"
    }

    /// Table-valued functions the sandbox allows on purpose. SQLite builds each one's table the
    /// first time a connection uses it, and asks the authorizer to write the schema table while
    /// doing so; building them here, before the authorizer is installed, lets tenant SQL use them
    /// while any other virtual table is still refused.
    static let allowedTableFunctions = [
        "SELECT * FROM json_each('[]')", "SELECT * FROM json_tree('[]')",
        "SELECT * FROM pragma_table_info('sqlite_schema')", "SELECT * FROM pragma_table_xinfo('sqlite_schema')",
        "SELECT * FROM pragma_index_list('sqlite_schema')", "SELECT * FROM pragma_index_info('x')",
        "SELECT * FROM pragma_index_xinfo('x')", "SELECT * FROM pragma_foreign_key_list('sqlite_schema')",
    ]

    private func configure() throws {
        sqlite3_extended_result_codes(handle, 1)
        SandboxLimits.apply(to: handle)
        sqlite3_enable_load_extension(handle, 0)
        sqlite3_busy_timeout(handle, 1_000)
        // The first statements read the file's header and schema: a file that is not a database fails here.
        for setup in ["PRAGMA cache_size = -\(SandboxLimits.cacheKiB)"] + Self.allowedTableFunctions
        where sqlite3_exec(handle, setup, nil, nil, nil) != SQLITE_OK {
            throw BulkheadError.sqlFailed(SQLiteErrorText.openFailure(sqlite3_errcode(handle)))
        }
        let settings: [(Int32, Int32, Int32)] = [
            (BULKHEAD_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, 0),
            (BULKHEAD_DBCONFIG_DEFENSIVE, 1, 1),
            (BULKHEAD_DBCONFIG_TRUSTED_SCHEMA, 0, 0),
            (BULKHEAD_DBCONFIG_WRITABLE_SCHEMA, 0, 0),
            (BULKHEAD_DBCONFIG_ENABLE_TRIGGER, 0, 0),
        ]
        for (option, value, expected) in settings where bulkhead_sqlite_db_config_flag(handle, option, value) != expected {
            throw BulkheadError.internalFailure(code: "sandbox-config-\(option)")
        }
        let context = Unmanaged.passUnretained(state).toOpaque()
        guard sqlite3_set_authorizer(handle, sandboxAuthorizer, context) == SQLITE_OK else {
            throw BulkheadError.internalFailure(code: "sandbox-authorizer")
        }
        sqlite3_progress_handler(handle, Self.progressPeriod, sandboxProgress, context)
    }

    /// Prepares one statement under the sandbox (or reuses the cached one for the same text).
    ///
    /// Throws `sqlRefused` with one of our own sentences when the authorizer refuses something,
    /// when the statement is not read-only, or when more than one statement is given.
    public func prepare(_ sql: String) throws -> SandboxedStatement {
        if let cached = cache[sql] {
            touch(sql)
            return cached
        }
        let statement = try prepareFresh(sql)
        cache[sql] = statement
        cacheOrder.append(sql)
        if cacheOrder.count > Self.cacheLimit {
            let evicted = cacheOrder.removeFirst()
            cache.removeValue(forKey: evicted)?.finalize()
        }
        return statement
    }

    private func touch(_ sql: String) {
        if let index = cacheOrder.lastIndex(of: sql), index != cacheOrder.count - 1 {
            cacheOrder.remove(at: index)
            cacheOrder.append(sql)
        }
    }

    private func prepareFresh(_ sql: String) throws -> SandboxedStatement {
        state.refusal = nil
        var utf8 = Array(sql.utf8)
        utf8.append(0)
        let length = Int32(utf8.count - 1)
        return try utf8.withUnsafeBufferPointer { buffer -> SandboxedStatement in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(handle, base, length, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            guard rc == SQLITE_OK else {
                if let statement { sqlite3_finalize(statement) }
                throw error(rc, sql: sql)
            }
            guard let statement else {
                throw BulkheadError.invalidInput("the statement is empty")
            }
            let consumed = tail.map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? Int(length)
            guard SQLText.isBlank(buffer[consumed..<Int(length)]) else {
                sqlite3_finalize(statement)
                throw BulkheadError.sqlRefused("only one statement at a time")
            }
            guard sqlite3_stmt_readonly(statement) != 0 else {
                sqlite3_finalize(statement)
                throw BulkheadError.sqlRefused(SQLText.readOnlyRefusal(for: sql))
            }
            // A statement with no result columns is not a query (REINDEX of nothing, for one,
            // asks the authorizer nothing and counts as read-only); it has nothing to show.
            guard sqlite3_column_count(statement) > 0 else {
                sqlite3_finalize(statement)
                throw BulkheadError.sqlRefused(SQLText.refined("only queries that return rows are allowed", sql: sql))
            }
            return SandboxedStatement(statement: statement)
        }
    }

    /// Starts the clock and arms the cancel button for the next steps.
    func arm(timeLimit: Double, cancellation: QueryCancellation?) {
        state.stopReason = nil
        state.refusal = nil
        state.functionRefusal = nil
        state.cancellation = cancellation
        state.timeLimit = timeLimit
        let budget = timeLimit > 0 ? UInt64(timeLimit * 1_000_000_000) : UInt64.max / 2
        state.deadline = DispatchTime.now().uptimeNanoseconds &+ budget
        watchdog.arm(seconds: timeLimit)
    }

    /// Sets the deadline to `remaining` nanoseconds from now, for a cursor that resumes after a pause.
    func rearm(remainingNanoseconds remaining: UInt64) {
        state.stopReason = nil
        state.functionRefusal = nil
        state.deadline = DispatchTime.now().uptimeNanoseconds &+ remaining
        watchdog.arm(seconds: state.timeLimit > 0 ? Double(remaining) / 1_000_000_000 : 0)
    }

    /// Stops the watchdog while a cursor waits between pages (the pause does not count).
    func pauseWatchdog() {
        watchdog.disarm()
    }

    /// Drops the cancel button after a statement ends, so a stale one cannot stop the next tenant's statement.
    func disarm() {
        watchdog.disarm()
        state.cancellation = nil
        state.deadline = 0
        state.stopReason = nil
        state.functionRefusal = nil
    }

    /// Advances `statement` by one row: true when a row is ready, false when done.
    func step(_ statement: SandboxedStatement) throws -> Bool {
        let rc = sqlite3_step(statement.pointer)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw error(rc, sql: nil)
    }

    /// The safe error for a failed SQLite call, preferring the sandbox's own reason.
    func error(_ rc: Int32, sql: String?) -> BulkheadError {
        if let refusal = state.refusal {
            state.refusal = nil
            return .sqlRefused(sql.map { SQLText.refined(refusal, sql: $0) } ?? refusal)
        }
        if rc & 0xFF == SQLITE_INTERRUPT {
            switch state.stopReason {
            case .timeLimit: return .timeLimit(seconds: state.timeLimit)
            case .cancelled: return .cancelled
            case nil:
                // The watchdog stopped it: past the deadline, unless the cancel button was pressed.
                if state.cancellation?.isCancelled == true { return .cancelled }
                return .timeLimit(seconds: state.timeLimit)
            }
        }
        if rc & 0xFF == SQLITE_TOOBIG, let refusal = state.functionRefusal {
            state.functionRefusal = nil
            return .sqlFailed(refusal)
        }
        if rc & 0xFF == SQLITE_AUTH {
            return .sqlRefused("only read-only statements are allowed")
        }
        let message = sqlite3_errmsg(handle).map { String(cString: $0) } ?? ""
        return .sqlFailed(SQLiteErrorText.safe(code: rc, message: message))
    }
}

/// The state the C callbacks of one connection read and write.
///
/// The authorizer and the progress handler run on the thread that prepares or steps, which is
/// the lease holder's thread; only `cancellation` is read across threads, and it is atomic.
final class SandboxState {
    /// Why the statement was stopped by the progress handler.
    enum StopReason { case timeLimit, cancelled }

    var refusal: String?
    /// Why a guarded function refused its arguments (`SandboxFunctions`).
    var functionRefusal: String?
    var stopReason: StopReason?
    var deadline: UInt64 = 0
    var timeLimit: Double = 0
    var cancellation: QueryCancellation?
}

/// The progress handler: stops the statement when its deadline has passed or its cancel button was pressed.
private func sandboxProgress(_ context: UnsafeMutableRawPointer?) -> Int32 {
    guard let context else { return 1 }
    let state = Unmanaged<SandboxState>.fromOpaque(context).takeUnretainedValue()
    if let cancellation = state.cancellation, cancellation.isCancelled {
        state.stopReason = .cancelled
        return 1
    }
    if state.deadline != 0, DispatchTime.now().uptimeNanoseconds > state.deadline {
        state.stopReason = .timeLimit
        return 1
    }
    return 0
}

/// The authorizer: asks `SandboxPolicy` and records the refusal sentence for the caller.
private func sandboxAuthorizer(
    _ context: UnsafeMutableRawPointer?, _ action: Int32,
    _ first: UnsafePointer<CChar>?, _ second: UnsafePointer<CChar>?,
    _ database: UnsafePointer<CChar>?, _ trigger: UnsafePointer<CChar>?
) -> Int32 {
    guard let context else { return SQLITE_DENY }
    let state = Unmanaged<SandboxState>.fromOpaque(context).takeUnretainedValue()
    if let refusal = SandboxPolicy.decide(action: action, first: first, second: second) {
        if state.refusal == nil { state.refusal = refusal }
        return SQLITE_DENY
    }
    return SQLITE_OK
}

private extension String {
    /// The string with zeros in front, up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
