import Foundation

/// Quoting for the SQL the models write and the prompts show.
///
/// Identifiers are always double-quoted and string values single-quoted, with the quote
/// doubled inside, so a table named `Order` or a value such as `O'Brien` never changes the
/// statement's shape.
public enum SQLText {
    /// A double-quoted identifier.
    public static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A single-quoted string literal.
    public static func literal(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `"table"."column"`.
    public static func qualified(_ table: String, _ column: String) -> String {
        identifier(table) + "." + identifier(column)
    }
}
