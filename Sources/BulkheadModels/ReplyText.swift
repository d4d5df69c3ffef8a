import Foundation

/// Reads the SQL and the explanation out of a model's free-text answer.
///
/// Models are asked for a ```sql fenced block; some answer with a bare statement instead, so
/// a reply that is one statement and nothing else is taken whole. Anything else is a reply
/// without SQL, and the model's words become the explanation.
public enum ReplyText {
    /// The refusal sentence every provider uses, so callers can recognise it.
    public static let refusal = "I can't answer that from this schema"

    /// Splits `text` into the SQL it proposes (if any) and the rest.
    public static func parse(_ text: String) -> (sql: String?, explanation: String, refused: Bool) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let block = fencedBlock(in: trimmed) {
            let sql = block.code.trimmingCharacters(in: .whitespacesAndNewlines)
            let rest = block.rest.trimmingCharacters(in: .whitespacesAndNewlines)
            return (sql.isEmpty ? nil : sql, rest, sql.isEmpty)
        }
        if looksLikeOneStatement(trimmed) {
            return (trimmed, "", false)
        }
        let refused = trimmed.lowercased().contains("can't answer") || trimmed.lowercased().contains("cannot answer")
        return (nil, trimmed, refused || trimmed.isEmpty)
    }

    /// The first fenced code block (preferring one tagged `sql`), and the text around it.
    static func fencedBlock(in text: String) -> (code: String, rest: String)? {
        let fence = "```"
        var searchStart = text.startIndex
        var firstAny: (code: String, rest: String)?
        while let open = text.range(of: fence, range: searchStart..<text.endIndex) {
            guard let lineEnd = text[open.upperBound...].firstIndex(of: "\n") else { break }
            let tag = text[open.upperBound..<lineEnd].trimmingCharacters(in: .whitespaces).lowercased()
            let bodyStart = text.index(after: lineEnd)
            guard let close = text.range(of: fence, range: bodyStart..<text.endIndex) else { break }
            let code = String(text[bodyStart..<close.lowerBound])
            let rest = String(text[..<open.lowerBound]) + String(text[close.upperBound...])
            if tag == "sql" || tag == "sqlite" { return (code, rest) }
            if firstAny == nil && tag.isEmpty { firstAny = (code, rest) }
            searchStart = close.upperBound
        }
        return firstAny
    }

    /// Whether `text` is a single SELECT or WITH statement (an optional trailing semicolon aside).
    static func looksLikeOneStatement(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("select") || lowered.hasPrefix("with") else { return false }
        var body = Substring(text)
        if body.hasSuffix(";") { body = body.dropLast() }
        return !body.contains(";")
    }
}
