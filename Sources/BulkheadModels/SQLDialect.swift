/// How one SQL engine spells the few things that differ between engines: quoting, date parts,
/// case-insensitive comparison, pattern matching and row limits.
///
/// The offline planner decides on a query without knowing the engine, and renders it through a
/// dialect value; adding an engine means adding a dialect, never touching the planner.
public protocol SQLDialect: Sendable {
    /// The dialect's name (`sqlite`, `postgresql`).
    var name: String { get }
    /// A quoted identifier.
    func identifier(_ name: String) -> String
    /// A string literal.
    func literal(_ value: String) -> String
    /// A number literal: integers without a decimal point.
    func number(_ value: Double) -> String
    /// The year, month or day of a date or timestamp expression, as the engine returns it.
    func datePart(_ part: DatePart, of expression: String) -> String
    /// A condition that a date part equals a number (the month 3, the year 2024).
    func datePart(_ part: DatePart, of expression: String, equals value: Int) -> String
    /// An ISO date literal that compares correctly with the engine's dates.
    func date(year: Int, month: Int, day: Int) -> String
    /// `lhs = rhs` ignoring case.
    func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> String
    /// `expression` matches the `%`/`_` pattern (already escaped with a backslash), ignoring case.
    func like(_ expression: String, pattern: String, negated: Bool) -> String
    /// The number of days from the date `start` to the date `end` (a fraction for timestamps).
    func days(from start: String, to end: String) -> String
    /// A division that keeps fractions.
    func divide(_ expression: String, by divisor: Double) -> String
    /// The clause that keeps the first `count` rows.
    func limit(_ count: Int) -> String
    /// A table as the schema names it (for some engines `schema.table`), quoted.
    func table(_ name: String) -> String
    /// The engine's name as the prompt says it ("SQLite", "PostgreSQL").
    var displayName: String { get }
}

extension SQLDialect {
    /// A table is one identifier unless the dialect knows schemas.
    public func table(_ name: String) -> String { identifier(name) }
}

/// A part of a date.
public enum DatePart: String, Sendable, Hashable {
    case year, month, day
    /// The day of the week, 0 for Sunday to 6 for Saturday.
    case weekday
}

extension SQLDialect where Self == SQLiteDialect {
    /// SQLite, the engine of every source today.
    public static var sqlite: SQLiteDialect { SQLiteDialect() }
}

/// SQLite's spelling: `strftime` for date parts, `COLLATE NOCASE`, `LIKE … ESCAPE`.
public struct SQLiteDialect: SQLDialect {
    public init() {}

    public var name: String { "sqlite" }

    public var displayName: String { "SQLite" }

    public func identifier(_ name: String) -> String { SQLText.identifier(name) }

    public func literal(_ value: String) -> String { SQLText.literal(value) }

    public func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    public func datePart(_ part: DatePart, of expression: String) -> String {
        let format = ["year": "%Y", "month": "%m", "day": "%d", "weekday": "%w"][part.rawValue]!
        return "strftime('\(format)', \(expression))"
    }

    public func datePart(_ part: DatePart, of expression: String, equals value: Int) -> String {
        let text = part == .year ? String(format: "%04d", value) : part == .weekday ? String(value) : String(format: "%02d", value)
        return "\(datePart(part, of: expression)) = '\(text)'"
    }

    public func date(year: Int, month: Int, day: Int) -> String {
        "'" + String(format: "%04d-%02d-%02d", year, month, day) + "'"
    }

    public func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> String { "\(lhs) = \(rhs) COLLATE NOCASE" }

    public func like(_ expression: String, pattern: String, negated: Bool) -> String {
        "\(expression) \(negated ? "NOT LIKE" : "LIKE") \(literal(pattern)) ESCAPE '\\'"
    }

    public func days(from start: String, to end: String) -> String { "julianday(\(end)) - julianday(\(start))" }

    public func divide(_ expression: String, by divisor: Double) -> String {
        let text = number(divisor)
        return "\(expression) / " + (text.contains(".") ? text : text + ".0")
    }

    public func limit(_ count: Int) -> String { "LIMIT \(count)" }
}
