import BulkheadCore
import Foundation

/// One value of a result row, exactly as SQLite stored it.
///
/// Rows are kept in this small enum (not `Any`, not strings) so callers can render, compare and
/// encode them without guessing, and so the JSON of `query --json` keeps numbers as numbers.
public enum SQLValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// A 64-bit integer.
    case integer(Int64)
    /// A double-precision float.
    case real(Double)
    /// UTF-8 text.
    case text(String)
    /// Raw bytes.
    case blob(Data)

    /// The value as every display surface sees it (console, command-line tables, exports).
    public var display: DisplayValue {
        switch self {
        case .null: return .null
        case let .integer(value): return .integer(value)
        case let .real(value): return .real(value)
        case let .text(value): return .text(value)
        case let .blob(data): return .blob(data)
        }
    }

    /// A short rendering for the tenant's own screen (never for our logs), through `ValueFormatter`.
    public var displayText: String {
        ValueFormatter.text(display)
    }
}

extension SQLValue: Codable {
    /// Decodes JSON null, numbers and strings; a blob arrives as `{"base64": "..."}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let integer = try? container.decode(Int64.self) {
            self = .integer(integer)
        } else if let real = try? container.decode(Double.self) {
            self = .real(real)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            let wrapped = try container.decode([String: String].self)
            guard let encoded = wrapped["base64"], let data = Data(base64Encoded: encoded) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown SQL value")
            }
            self = .blob(data)
        }
    }

    /// Encodes NULL as null, numbers as numbers, text as a string and a blob as `{"base64": "..."}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .integer(value): try container.encode(value)
        case let .real(value): try container.encode(value)
        case let .text(value): try container.encode(value)
        case let .blob(data): try container.encode(["base64": data.base64EncodedString()])
        }
    }
}
