import Foundation
import PostgresNIO

/// Turns a PostgreSQL result cell into the engine's `SQLValue`, as close as possible to what the same data reads as in SQLite.
///
/// Integers and booleans become integers, floating-point and numeric become reals, text types
/// and UUIDs become text, bytea becomes a blob, dates and timestamps become ISO text like
/// SQLite's ("2021-01-01 00:00:00", in UTC for timestamptz), JSON becomes its text. A type with
/// no faithful decoding here (intervals, arrays, geometric types) reads as a short note asking
/// for a cast to text, never as raw binary bytes.
enum PostgresValues {
    static func value(_ cell: PostgresCell) -> SQLValue {
        guard cell.bytes != nil else { return .null }
        do {
            switch cell.dataType {
            case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
            case .int2, .int4, .int8, .oid: return .integer(Int64(try cell.decode(Int.self)))
            case .float4, .float8: return .real(try cell.decode(Double.self))
            case .numeric: return .real(NSDecimalNumber(decimal: try cell.decode(Decimal.self)).doubleValue)
            case .text, .varchar, .bpchar, .name, .uuid, .json, .jsonb: return .text(try cell.decode(String.self))
            case .bytea: return .blob(Data(buffer: try cell.decode(ByteBuffer.self)))
            case .timestamp, .timestamptz: return .text(format(try cell.decode(Date.self), dateOnly: false))
            case .date: return .text(format(try cell.decode(Date.self), dateOnly: true))
            default: return .text(unsupported)
            }
        } catch {
            return .text(unsupported)
        }
    }

    /// What a cell of a type without a decoding reads as.
    static let unsupported = "(value of an unsupported type; cast it to text)"

    private static func format(_ date: Date, dateOnly: Bool) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        if dateOnly { return day }
        return day + String(format: " %02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// Binds the engine's values as query parameters.
    static func bindings(_ values: [SQLValue]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case let .integer(number): bindings.append(Int(number))
            case let .real(number): bindings.append(number)
            case let .text(text): bindings.append(text)
            case let .blob(data): bindings.append(ByteBuffer(bytes: data))
            }
        }
        return bindings
    }
}
