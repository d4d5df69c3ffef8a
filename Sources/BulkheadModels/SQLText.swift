import Foundation

/// Quoting for the SQL the models write and the prompts show.
///
/// Identifiers are always double-quoted and string values single-quoted, with the quote
/// doubled inside, so a table named `Order` or a value such as `O'Brien` never changes the
/// statement's shape. (Written out by hand rather than with `replacingOccurrences`, which goes
/// through Foundation's slow path: every prompt quotes every column of every table.)
public enum SQLText {
    /// A double-quoted identifier.
    public static func identifier(_ name: String) -> String {
        "\"" + doubling(name, quote: UInt8(ascii: "\"")) + "\""
    }

    /// A single-quoted string literal.
    public static func literal(_ value: String) -> String {
        "'" + doubling(value, quote: UInt8(ascii: "'")) + "'"
    }

    /// `"table"."column"`.
    public static func qualified(_ table: String, _ column: String) -> String {
        identifier(table) + "." + identifier(column)
    }

    /// `text` with every `quote` byte written twice.
    private static func doubling(_ text: String, quote: UInt8) -> String {
        guard text.utf8.contains(quote) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 4)
        for byte in text.utf8 {
            bytes.append(byte)
            if byte == quote { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
