import Foundation

/// The one way Bulkhead turns a result value into text for people: the console's grid, the
/// command line's tables, the chart labels and the Markdown export all go through it.
///
/// - Numbers right-align; a column of numbers shows one number of decimals, so points line up.
/// - Reals are rounded for reading: exact up to two decimals (money), else two decimals from 1
///   up and four significant decimals below it; huge and tiny values use an exponent.
/// - NULL is `∅`, never blank, so it cannot be mistaken for an empty string (which stays blank).
/// - Bytes show their size. Exact text (copy, CSV, JSON) comes from `plain`, never rounded.
public enum ValueFormatter {
    /// What NULL looks like on screen and in tables.
    public static let nullSymbol = "∅"

    /// How a column is laid out, decided once from a sample of its values.
    public struct Column: Sendable, Hashable {
        /// True when every non-NULL value of the sample is a number.
        public var numeric: Bool
        /// Decimals shown for reals in this column (nil: each value picks its own).
        public var decimals: Int?

        /// Makes a column layout.
        public init(numeric: Bool, decimals: Int?) {
            self.numeric = numeric
            self.decimals = decimals
        }

        /// A text column: left-aligned, no rounding rule.
        public static let text = Column(numeric: false, decimals: nil)
    }

    /// The layout of a column from a sample of its values (the first page is enough).
    public static func column<S: Sequence>(of values: S) -> Column where S.Element == DisplayValue {
        var sawNumber = false
        var decimals: Int?
        for value in values {
            switch value {
            case .null: continue
            case .integer: sawNumber = true
            case let .real(real):
                sawNumber = true
                if let wanted = Self.decimals(for: real) { decimals = max(decimals ?? 0, wanted) }
            case .text, .blob: return .text
            }
        }
        return Column(numeric: sawNumber, decimals: decimals)
    }

    /// The column layouts of a table given its rows (a sample), one per column.
    public static func columns(count: Int, rows: [[DisplayValue]]) -> [Column] {
        (0..<count).map { index in column(of: rows.lazy.map { index < $0.count ? $0[index] : .null }) }
    }

    /// The value as shown in a table cell of `column`.
    public static func text(_ value: DisplayValue, in column: Column = .text) -> String {
        switch value {
        case .null: return nullSymbol
        case let .integer(integer): return String(integer)
        case let .real(real): return format(real, decimals: column.decimals ?? decimals(for: real))
        case let .text(text): return text
        case let .blob(data): return "<\(data.count) bytes>"
        }
    }

    /// The value exactly, for copying and machine formats: full precision, no grouping; NULL is empty.
    public static func plain(_ value: DisplayValue) -> String {
        switch value {
        case .null: return ""
        case let .integer(integer): return String(integer)
        case let .real(real): return "\(real)"
        case let .text(text): return text
        case let .blob(data): return data.base64EncodedString()
        }
    }

    /// How many decimals a real needs to read well, or nil when it takes an exponent.
    ///
    /// Values exact to two decimals keep what they need (0, 1 or 2); others get two from 1 up and
    /// four below it. Non-finite, huge (≥ 10^15) and tiny (< 10^-4) values use an exponent.
    public static func decimals(for real: Double) -> Int? {
        guard real.isFinite else { return nil }
        let magnitude = abs(real)
        if magnitude >= 1e15 || (magnitude > 0 && magnitude < 1e-4) { return nil }
        for places in 0...2 {
            let scaled = real * pow(10, Double(places))
            if abs(scaled - scaled.rounded()) <= 1e-9 * max(1, abs(scaled)) { return places }
        }
        return magnitude >= 1 ? 2 : 4
    }

    /// A real with `decimals` places (nil: an exponent with three significant digits); values of
    /// 10,000 and more get thousands separators (years and ids, stored as integers, do not).
    public static func format(_ real: Double, decimals: Int?) -> String {
        guard real.isFinite else { return real.isNaN ? "NaN" : (real < 0 ? "-∞" : "∞") }
        guard let decimals, abs(real) < 1e15 else { return exponent(real) }
        let scale = pow(10, Double(decimals))
        let rounded = (abs(real) * scale).rounded() / scale
        if rounded == 0, real != 0, decimals < 4 {
            return format(real, decimals: Self.decimals(for: real) == nil ? nil : 4)
        }
        let whole = UInt64(rounded.rounded(.down))
        let fraction = UInt64(((rounded - Double(whole)) * scale).rounded())
        var text = String(whole)
        if whole >= 10_000 { text = grouped(text) }
        if decimals > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: max(0, decimals - digits.count)) + digits
        }
        return real < 0 && rounded != 0 ? "-" + text : text
    }

    /// Three significant digits and an exponent, e.g. `1.23e-5`.
    static func exponent(_ real: Double) -> String {
        guard real != 0 else { return "0" }
        var power = Int(floor(log10(abs(real))))
        var mantissa = real / pow(10, Double(power))
        mantissa = (mantissa * 100).rounded() / 100
        if abs(mantissa) >= 10 { mantissa /= 10; power += 1 }
        var digits = String(format: "%.2f", mantissa)
        while digits.hasSuffix("0") { digits.removeLast() }
        if digits.hasSuffix(".") { digits.removeLast() }
        return digits + "e" + String(power)
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ digits: String) -> String {
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}
