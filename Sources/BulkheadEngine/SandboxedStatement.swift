import BulkheadCore
import Foundation
import GRDBSQLite

/// One prepared statement that passed the sandbox, cached on its connection and reused.
///
/// It belongs to exactly one `SandboxedConnection` and is used only by that connection's lease
/// holder. Reading a row decodes each column straight from SQLite's buffers into `SQLValue`.
public final class SandboxedStatement {
    let pointer: OpaquePointer
    /// The result column names, in order.
    public let columns: [String]
    private var finalized = false

    init(statement: OpaquePointer) {
        pointer = statement
        let count = sqlite3_column_count(statement)
        columns = (0..<count).map { index in
            sqlite3_column_name(statement, index).map { String(cString: $0) } ?? "column\(index + 1)"
        }
    }

    /// How many `?` parameters the statement takes.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(pointer)) }

    /// Binds positional parameters; throws when their number does not match the statement's.
    func bind(_ values: [SQLValue]) throws {
        guard values.count == parameterCount else {
            throw BulkheadError.invalidInput("the statement takes \(parameterCount) parameters, \(values.count) given")
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(pointer, index)
            case let .integer(number): rc = sqlite3_bind_int64(pointer, index, number)
            case let .real(number): rc = sqlite3_bind_double(pointer, index, number)
            case let .text(text): rc = sqlite3_bind_text(pointer, index, text, -1, sqliteTransient)
            case let .blob(data):
                rc = data.withUnsafeBytes { sqlite3_bind_blob(pointer, index, $0.baseAddress, Int32($0.count), sqliteTransient) }
            }
            guard rc == SQLITE_OK else { throw BulkheadError.sqlFailed("parameter \(index) could not be bound") }
        }
    }

    /// Decodes the current row.
    func row() -> [SQLValue] {
        let count = Int32(columns.count)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for index in 0..<count { values.append(value(at: index)) }
        return values
    }

    /// Decodes one column of the current row.
    @inline(__always)
    func value(at index: Int32) -> SQLValue {
        switch sqlite3_column_type(pointer, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(pointer, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(pointer, index))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(pointer, index) else { return .text("") }
            let length = Int(sqlite3_column_bytes(pointer, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite3_column_bytes(pointer, index))
            guard length > 0, let bytes = sqlite3_column_blob(pointer, index) else { return .blob(Data()) }
            return .blob(Data(bytes: bytes, count: length))
        default:
            return .null
        }
    }

    /// Makes the statement ready for its next use and forgets its parameters.
    func reset() {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
    }

    func finalize() {
        guard !finalized else { return }
        finalized = true
        sqlite3_finalize(pointer)
    }
}

/// SQLite's SQLITE_TRANSIENT: copy the bound bytes now.
var sqliteTransient: sqlite3_destructor_type { unsafeBitCast(Int(-1), to: sqlite3_destructor_type.self) }
