import BulkheadCore
import Foundation
import GRDB
import PostgresNIO

/// How one tenant table's columns travel between PostgreSQL and a backup's SQLite payload.
///
/// Columns are matched by name; `vector_items.position` travels as the SQLite rowid (the graph a
/// backup carries names rows by it); columns only one side has (`next_vector_position`, SQLite's
/// `singleton`) stay behind and take their defaults.
struct ArchiveTable: Sendable {
    let name: String
    /// The columns both sides have, with their PostgreSQL kind.
    let columns: [ArchiveColumn]

    /// The expression list that reads the columns from PostgreSQL as the kinds `ArchiveValue` decodes.
    var selectList: String {
        columns.map { column in
            let name = "\"\(column.postgresName)\""
            switch column.kind {
            case .text: return name
            case .json: return "\(name)::text"
            case .timestamp: return "to_char(\(name) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS')"
            case .boolean: return "\(name)::int4::int8"
            case .integer: return "\(name)::int8"
            case .double: return "\(name)::float8"
            case .bytes: return name
            }
        }.joined(separator: ", ")
    }
}

/// One column of an `ArchiveTable`.
struct ArchiveColumn: Sendable {
    let postgresName: String
    /// Its name in the SQLite payload (`rowid` for the position of a vector item).
    let sqliteName: String
    let kind: ArchiveKind
}

/// The PostgreSQL types of tenant columns, as the archive moves them.
enum ArchiveKind: String, Sendable {
    case text, json, timestamp, boolean, integer, double, bytes

    init?(dataType: String) {
        switch dataType {
        case "text", "character varying": self = .text
        case "jsonb", "json": self = .json
        case "timestamp with time zone": self = .timestamp
        case "boolean": self = .boolean
        case "integer", "bigint", "smallint": self = .integer
        case "double precision", "real", "numeric": self = .double
        case "bytea": self = .bytes
        default: return nil
        }
    }

    /// The cast a bound parameter takes on its way into a column of this kind.
    var cast: String {
        switch self {
        case .text: return "text"
        case .json: return "jsonb"
        case .timestamp: return "timestamptz"
        case .boolean: return "boolean"
        case .integer: return "int8"
        case .double: return "float8"
        case .bytes: return "bytea"
        }
    }
}

/// One value on its way through the archive, in a form that crosses threads.
enum ArchiveValue: Sendable {
    case null
    case text(String)
    case integer(Int64)
    case double(Double)
    case bytes(Data)
    case date(Date)

    /// Reads a cell of a row selected with `ArchiveTable.selectList`.
    init(_ cell: PostgresCell, kind: ArchiveKind) throws {
        switch kind {
        case .text, .json, .timestamp: self = try cell.decode(String?.self).map(ArchiveValue.text) ?? .null
        case .boolean, .integer: self = try cell.decode(Int64?.self).map(ArchiveValue.integer) ?? .null
        case .double: self = try cell.decode(Double?.self).map(ArchiveValue.double) ?? .null
        case .bytes: self = try cell.decode(ByteBuffer?.self).map { ArchiveValue.bytes(Data(buffer: $0)) } ?? .null
        }
    }

    /// Reads a payload value for a column of `kind` (dates are parsed here, where GRDB's formats are known).
    init(_ value: DatabaseValue, kind: ArchiveKind) throws {
        if value.isNull { self = .null; return }
        switch kind {
        case .text, .json:
            guard let text = String.fromDatabaseValue(value) else { throw BulkheadError.integrity("the backup holds a value of the wrong type") }
            self = .text(text)
        case .timestamp:
            guard let date = Date.fromDatabaseValue(value) else { throw BulkheadError.integrity("the backup holds a value of the wrong type") }
            self = .date(date)
        case .boolean, .integer:
            guard let number = Int64.fromDatabaseValue(value) else { throw BulkheadError.integrity("the backup holds a value of the wrong type") }
            self = .integer(number)
        case .double:
            guard let number = Double.fromDatabaseValue(value) else { throw BulkheadError.integrity("the backup holds a value of the wrong type") }
            self = .double(number)
        case .bytes:
            guard let data = Data.fromDatabaseValue(value) else { throw BulkheadError.integrity("the backup holds a value of the wrong type") }
            self = .bytes(data)
        }
    }

    /// The value for a SQLite statement argument.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case let .text(text): return text.databaseValue
        case let .integer(number): return number.databaseValue
        case let .double(number): return number.databaseValue
        case let .bytes(data): return data.databaseValue
        case let .date(date): return date.databaseValue
        }
    }

    /// Appends the value to PostgreSQL bindings for a column of `kind`.
    func bind(into bindings: inout PostgresBindings, kind: ArchiveKind) {
        switch (self, kind) {
        case (.null, _): bindings.appendNull()
        case let (.integer(number), .boolean): bindings.append(number != 0)
        case let (.integer(number), _): bindings.append(number)
        case let (.double(number), _): bindings.append(number)
        case let (.text(text), _): bindings.append(text)
        case let (.bytes(data), _): bindings.append(ByteBuffer(data: data))
        case let (.date(date), _): bindings.append(date)
        }
    }
}
