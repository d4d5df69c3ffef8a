import Dispatch
import GRDBSQLite

/// Guarded stand-ins for the built-in functions whose running time does not follow from the size
/// limits, registered on every sandboxed connection under the built-ins' own names.
///
/// - `printf` and `format`: `%c` repeats its character once per unit of precision, in a loop
///   that never returns to SQLite's checks (`printf('%.*c', 2000000000, 'x')` takes seconds even
///   when its result is refused). A width, or a building precision, over the length limit is
///   refused at once as "result too large", and so is a `%c` that would fill more than half of
///   it (see `FormatWidths`).
/// - `instr`, `replace`, `trim`, `ltrim` and `rtrim` compare in time proportional to the text
///   times the pattern; a call whose product is over its budget is refused.
///
/// Each stand-in first checks the statement's clock and cancel button (the app's own functions
/// check the clock, since SQLite cannot while they run), then its rule, and then calls SQLite's
/// own implementation, unchanged, through a private in-memory connection where the built-in
/// name still means the built-in. The stand-ins are innocuous and deterministic, like the
/// built-ins, so views in an untrusted schema may still use them.
final class SandboxFunctions {
    /// What a stand-in checks before calling the built-in.
    enum Rule {
        /// Widths and precisions of the format (the first argument) within the length limit.
        case formatWidths
        /// The byte lengths of the first two arguments, multiplied, within `budget`.
        case product(budget: Int64)
    }

    /// One guarded built-in.
    struct Guarded {
        let name: String
        let arity: Int32
        let rule: Rule
    }

    /// Byte comparisons allowed in one call: memcmp-based searches (`instr`, `replace`) run
    /// near 40 GB/s, so 2^34 is under half a second; `trim` compares one character at a time.
    static let guarded: [Guarded] = [
        Guarded(name: "printf", arity: -1, rule: .formatWidths),
        Guarded(name: "format", arity: -1, rule: .formatWidths),
        Guarded(name: "instr", arity: 2, rule: .product(budget: 1 << 34)),
        Guarded(name: "replace", arity: 3, rule: .product(budget: 1 << 34)),
        Guarded(name: "trim", arity: 2, rule: .product(budget: 1 << 28)),
        Guarded(name: "ltrim", arity: 2, rule: .product(budget: 1 << 28)),
        Guarded(name: "rtrim", arity: 2, rule: .product(budget: 1 << 28)),
    ]

    /// One registration: what the C callback finds through `sqlite3_user_data`.
    final class Entry {
        let guarded: Guarded
        unowned let owner: SandboxFunctions
        init(_ guarded: Guarded, owner: SandboxFunctions) {
            self.guarded = guarded
            self.owner = owner
        }
    }

    let state: SandboxState
    private var entries: [Entry] = []
    private var builtIns: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]

    /// Registers every stand-in on `handle`; the stand-ins read `state` for the clock and cancel button.
    init(handle: OpaquePointer, state: SandboxState) throws {
        self.state = state
        entries = Self.guarded.map { Entry($0, owner: self) }
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
        for entry in entries {
            let context = Unmanaged.passUnretained(entry).toOpaque()
            let rc = sqlite3_create_function_v2(handle, entry.guarded.name, entry.guarded.arity, flags, context,
                                                guardedFunction, nil, nil, nil)
            guard rc == SQLITE_OK else { throw SandboxConfigurationError() }
        }
    }

    deinit { close() }

    /// Closes the private connection (the sandboxed connection is closed first, so no call is running).
    func close() {
        for statement in statements.values { sqlite3_finalize(statement) }
        statements.removeAll()
        if let builtIns { sqlite3_close_v2(builtIns) }
        builtIns = nil
    }

    /// Runs a stand-in: clock, rule, then the built-in.
    fileprivate func call(_ entry: Entry, _ context: OpaquePointer?, _ arguments: [OpaquePointer?]) {
        if let cancellation = state.cancellation, cancellation.isCancelled {
            state.stopReason = .cancelled
            sqlite3_result_error_code(context, SQLITE_INTERRUPT)
            return
        }
        if state.deadline != 0, DispatchTime.now().uptimeNanoseconds > state.deadline {
            state.stopReason = .timeLimit
            sqlite3_result_error_code(context, SQLITE_INTERRUPT)
            return
        }
        if let refusal = refusal(entry.guarded, arguments) {
            state.functionRefusal = refusal
            sqlite3_result_error_toobig(context)
            return
        }
        callBuiltIn(entry.guarded, context, arguments)
    }

    /// Why the call may not run, or nil.
    private func refusal(_ guarded: Guarded, _ arguments: [OpaquePointer?]) -> String? {
        switch guarded.rule {
        case .formatWidths:
            guard let format = arguments.first, sqlite3_value_type(format) == SQLITE_TEXT,
                  let text = sqlite3_value_text(format) else { return nil }
            let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(format)))
            let rest = arguments.dropFirst()
            let fits = FormatWidths.fit(bytes, limit: Int64(SandboxLimits.length), argument: { index in
                let position = rest.startIndex + index
                return position < rest.endIndex ? sqlite3_value_int64(rest[position]) : 0
            }, characterBytes: { index in
                let position = rest.startIndex + index
                guard position < rest.endIndex, let text = sqlite3_value_text(rest[position]) else { return 1 }
                return FormatWidths.characterBytes(UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(rest[position]))))
            })
            return fits ? nil : "result too large: \(guarded.name)() was asked for a width or precision too large for the \(SandboxLimits.lengthDescription) limit"
        case let .product(budget):
            guard arguments.count >= 2 else { return nil }
            let work = Self.byteLength(arguments[0]).multipliedReportingOverflow(by: Self.byteLength(arguments[1]))
            guard work.overflow || work.partialValue > budget else { return nil }
            return "\(guarded.name)() on values this large would take too long; search or trim smaller values"
        }
    }

    /// The bytes a text or blob argument holds; numbers and NULL are short whatever they are.
    private static func byteLength(_ value: OpaquePointer?) -> Int64 {
        switch sqlite3_value_type(value) {
        case SQLITE_TEXT, SQLITE_BLOB: return Int64(sqlite3_value_bytes(value))
        default: return 32
        }
    }

    /// Calls SQLite's own function with the same arguments on the private connection.
    private func callBuiltIn(_ guarded: Guarded, _ context: OpaquePointer?, _ arguments: [OpaquePointer?]) {
        guard let statement = statement(guarded.name, count: arguments.count) else {
            sqlite3_result_error_nomem(context)
            return
        }
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (offset, argument) in arguments.enumerated() {
            guard sqlite3_bind_value(statement, Int32(offset + 1), argument) == SQLITE_OK else {
                sqlite3_result_error_toobig(context)
                return
            }
        }
        let rc = sqlite3_step(statement)
        guard rc == SQLITE_ROW else {
            let code = sqlite3_errcode(builtIns) & 0xFF
            if code == SQLITE_TOOBIG {
                sqlite3_result_error_toobig(context)
            } else if code == SQLITE_NOMEM {
                sqlite3_result_error_nomem(context)
            } else {
                sqlite3_result_error(context, sqlite3_errmsg(builtIns), -1)
            }
            return
        }
        sqlite3_result_value(context, sqlite3_column_value(statement, 0))
    }

    /// The prepared `SELECT name(?1, ..., ?n)` on the private connection, made on first use.
    private func statement(_ name: String, count: Int) -> OpaquePointer? {
        let key = "\(name)/\(count)"
        if let cached = statements[key] { return cached }
        guard let connection = openBuiltIns() else { return nil }
        let placeholders = (0..<count).map { "?\($0 + 1)" }.joined(separator: ", ")
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(connection, "SELECT \(name)(\(placeholders))", -1, UInt32(SQLITE_PREPARE_PERSISTENT),
                                 &statement, nil) == SQLITE_OK, let statement else { return nil }
        statements[key] = statement
        return statement
    }

    /// The private in-memory connection where the built-ins keep their own names.
    private func openBuiltIns() -> OpaquePointer? {
        if let builtIns { return builtIns }
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE
        guard sqlite3_open_v2(":memory:", &connection, flags, nil) == SQLITE_OK, let connection else {
            if let connection { sqlite3_close_v2(connection) }
            return nil
        }
        SandboxLimits.apply(to: connection)
        builtIns = connection
        return connection
    }
}

/// A sandbox setting SQLite refused to take; the connection is not used.
struct SandboxConfigurationError: Error {}

/// The C entry point of every stand-in: finds its entry and runs it.
private func guardedFunction(_ context: OpaquePointer?, _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let pointer = sqlite3_user_data(context) else {
        sqlite3_result_error_nomem(context)
        return
    }
    let entry = Unmanaged<SandboxFunctions.Entry>.fromOpaque(pointer).takeUnretainedValue()
    let arguments = (0..<Int(count)).map { values?[$0] }
    entry.owner.call(entry, context, arguments)
}
