import BulkheadCore

/// Small lexical helpers the sandbox needs around SQLite's own parser.
///
/// SQLite parses the statement; these only look at what it left over (the tail after the first
/// statement) and pick the wording of a refusal. None of them decides what is allowed.
enum SQLText {
    /// True when `bytes` holds only whitespace, semicolons and comments, i.e. no second statement.
    static func isBlank(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B, 0x3B:
                index += 1
            case 0x2D where index + 1 < end && bytes[index + 1] == 0x2D:
                while index < end && bytes[index] != 0x0A { index += 1 }
            case 0x2F where index + 1 < end && bytes[index + 1] == 0x2A:
                index += 2
                while index < end && !(bytes[index] == 0x2A && index + 1 < end && bytes[index + 1] == 0x2F) { index += 1 }
                index = min(end, index + 2)
            default:
                return false
            }
        }
        return true
    }

    /// The refusal sentence for a statement that is not read-only (VACUUM has no authorizer code of its own).
    static func readOnlyRefusal(for sql: String) -> String {
        refined("only read-only statements are allowed", sql: sql)
    }

    /// Names the statement kind in a refusal when SQLite's first authorizer question was a generic write.
    ///
    /// ANALYZE first asks to create its statistics table, and VACUUM never asks at all; the
    /// authorizer (or `sqlite3_stmt_readonly`) has already refused, this only picks the sentence.
    static func refined(_ refusal: String, sql: String) -> String {
        switch firstKeyword(of: sql) {
        case "vacuum": return "VACUUM is not allowed"
        case "analyze", "reindex": return "REINDEX and ANALYZE are not allowed"
        default: return refusal
        }
    }

    /// The first word of the statement after comments and whitespace, lowercased.
    static func firstKeyword(of sql: String) -> String {
        var rest = Substring(sql)
        while true {
            rest = rest.drop { $0.isWhitespace || $0 == ";" }
            if rest.hasPrefix("--") {
                rest = rest.drop { $0 != "\n" }
            } else if rest.hasPrefix("/*") {
                if let close = rest.range(of: "*/") { rest = rest[close.upperBound...] } else { return "" }
            } else {
                break
            }
        }
        return String(rest.prefix { $0.isLetter }).lowercased()
    }

    /// The tenant's own identifier, shortened and stripped of anything that could look like a path.
    static func safeIdentifier(_ text: String) -> String {
        SafeText.identifier(text)
    }

    /// Quotes an identifier for SQLite (double quotes, inner quotes doubled).
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
