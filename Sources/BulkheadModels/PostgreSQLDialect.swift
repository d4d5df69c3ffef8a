/// PostgreSQL's spelling: quoted identifiers that keep their case, tables outside `public` named
/// `"schema"."table"`, `EXTRACT` for date parts (on dates, timestamps or ISO text alike),
/// `lower()` and `ILIKE` for case-insensitive comparisons.
public struct PostgreSQLDialect: SQLDialect {
    public init() {}

    public var name: String { "postgresql" }

    public var displayName: String { "PostgreSQL" }

    /// A quoted identifier: PostgreSQL folds unquoted names to lower case, so every name is quoted and keeps its case.
    public func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A table the introspector named `schema.table` (outside `public`) is quoted part by part.
    public func table(_ name: String) -> String {
        guard let dot = name.firstIndex(of: "."), dot != name.startIndex, name.index(after: dot) != name.endIndex else {
            return identifier(name)
        }
        return identifier(String(name[..<dot])) + "." + identifier(String(name[name.index(after: dot)...]))
    }

    /// A standard string literal (backslashes are plain characters with standard_conforming_strings, the default).
    public func literal(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    public func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// The part as an integer; the expression is read as a timestamp, so ISO text columns work too.
    public func datePart(_ part: DatePart, of expression: String) -> String {
        "EXTRACT(\(part == .weekday ? "DOW" : part.rawValue.uppercased()) FROM (\(expression))::timestamp)::int"
    }

    public func datePart(_ part: DatePart, of expression: String, equals value: Int) -> String {
        "\(datePart(part, of: expression)) = \(value)"
    }

    /// An untyped literal: PostgreSQL gives it the type of what it is compared with (date, timestamp or text).
    public func date(year: Int, month: Int, day: Int) -> String {
        "'" + String(format: "%04d-%02d-%02d", year, month, day) + "'"
    }

    public func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> String { "lower(\(lhs)) = lower(\(rhs))" }

    public func like(_ expression: String, pattern: String, negated: Bool) -> String {
        "(\(expression))::text \(negated ? "NOT ILIKE" : "ILIKE") \(literal(pattern)) ESCAPE '\\'"
    }

    /// Days as a number: the epoch seconds between the two timestamps, over a day's seconds.
    public func days(from start: String, to end: String) -> String {
        "EXTRACT(EPOCH FROM ((\(end))::timestamp - (\(start))::timestamp)) / 86400.0"
    }

    public func divide(_ expression: String, by divisor: Double) -> String {
        "(\(expression))::numeric / \(number(divisor))"
    }

    public func limit(_ count: Int) -> String { "LIMIT \(count)" }
}

extension SQLDialect where Self == PostgreSQLDialect {
    /// PostgreSQL, for PostgreSQL sources.
    public static var postgresql: PostgreSQLDialect { PostgreSQLDialect() }
}
