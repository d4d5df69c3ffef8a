import Foundation

/// One value of a result as people see it: in the console's grid, the command line's tables and
/// exported files.
///
/// The engine's `SQLValue` also binds parameters and is stored in request logs; this type is the
/// small, storage-free view every display surface shares, so the console (which may not import
/// the engine) and the command line format a value the same way, through `ValueFormatter`.
public enum DisplayValue: Sendable, Hashable {
    /// SQL NULL: shown as `∅`, never as an empty string.
    case null
    /// A whole number.
    case integer(Int64)
    /// A floating-point number (money and averages land here).
    case real(Double)
    /// Text, exactly as stored.
    case text(String)
    /// Raw bytes; shown by size, exported as base64.
    case blob(Data)

    /// Whether the value is a number, so its column may right-align and chart.
    public var isNumber: Bool {
        switch self {
        case .integer, .real: return true
        default: return false
        }
    }

    /// The value as a double, for charts and sorting; nil for NULL, text and bytes.
    public var number: Double? {
        switch self {
        case let .integer(value): return Double(value)
        case let .real(value): return value
        default: return nil
        }
    }
}

extension DisplayValue: Comparable {
    /// SQLite's order of storage classes: NULL, then numbers (by value), then text, then bytes.
    public static func < (lhs: DisplayValue, rhs: DisplayValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return false
        case (.null, _): return true
        case (_, .null): return false
        default: break
        }
        if let left = lhs.number, let right = rhs.number { return left < right }
        switch (lhs, rhs) {
        case (.integer, _), (.real, _): return true
        case (_, .integer), (_, .real): return false
        case let (.text(left), .text(right)): return left < right
        case (.text, .blob): return true
        case (.blob, .text): return false
        case let (.blob(left), .blob(right)): return left.lexicographicallyPrecedes(right)
        default: return false
        }
    }
}
