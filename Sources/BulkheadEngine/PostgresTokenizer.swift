/// Splits PostgreSQL text into tokens: words, quoted names, literals, symbols and semicolons.
///
/// It knows PostgreSQL's lexical rules that matter for finding words and statement ends:
/// '…' strings with '' inside, E'…' strings with backslash escapes, $tag$…$tag$ dollar quotes,
/// "…" names with "" inside, -- line comments and nested /* */ comments. Literals and comments
/// are dropped (only their presence matters), so nothing inside them is mistaken for a word.
enum PostgresTokenizer {
    /// A token's class.
    enum Kind: Equatable {
        case word, quotedName, literal, symbol, semicolon
    }

    /// One token: its class, its text (a quoted name unquoted) and where it ends in the source.
    struct Token {
        let kind: Kind
        let text: String
        let end: String.Index
    }

    static func tokens(_ sql: String) -> [Token] {
        var tokens: [Token] = []
        var index = sql.startIndex
        func peek(_ offset: Int) -> Character? {
            var at = index
            for _ in 0..<offset {
                guard at < sql.endIndex else { return nil }
                at = sql.index(after: at)
            }
            return at < sql.endIndex ? sql[at] : nil
        }
        func advance(_ count: Int = 1) {
            for _ in 0..<count where index < sql.endIndex { index = sql.index(after: index) }
        }
        while index < sql.endIndex {
            let character = sql[index]
            if character.isWhitespace {
                advance()
            } else if character == "-", peek(1) == "-" {
                while index < sql.endIndex, sql[index] != "\n" { advance() }
            } else if character == "/", peek(1) == "*" {
                skipBlockComment(sql, &index)
            } else if character == "'" || ((character == "E" || character == "e") && peek(1) == "'") {
                let escapes = character != "'"
                if escapes { advance() }
                skipString(sql, &index, backslashEscapes: escapes)
                tokens.append(Token(kind: .literal, text: "", end: index))
            } else if character == "\"" {
                let name = readQuotedName(sql, &index)
                tokens.append(Token(kind: .quotedName, text: name, end: index))
            } else if character == "$", let tag = dollarTag(sql, at: index) {
                skipDollarQuote(sql, &index, tag: tag)
                tokens.append(Token(kind: .literal, text: "", end: index))
            } else if character.isLetter || character == "_" {
                let start = index
                while index < sql.endIndex, sql[index].isLetter || sql[index].isNumber || sql[index] == "_" || sql[index] == "$" { advance() }
                tokens.append(Token(kind: .word, text: String(sql[start..<index]), end: index))
            } else if character.isNumber {
                while index < sql.endIndex, sql[index].isNumber || sql[index] == "." || sql[index].isLetter { advance() }
                tokens.append(Token(kind: .literal, text: "", end: index))
            } else {
                advance()
                tokens.append(Token(kind: character == ";" ? .semicolon : .symbol, text: String(character), end: index))
            }
        }
        return tokens
    }

    private static func skipBlockComment(_ sql: String, _ index: inout String.Index) {
        var depth = 0
        while index < sql.endIndex {
            let next = sql.index(after: index)
            if sql[index] == "/", next < sql.endIndex, sql[next] == "*" {
                depth += 1
                index = sql.index(after: next)
            } else if sql[index] == "*", next < sql.endIndex, sql[next] == "/" {
                depth -= 1
                index = sql.index(after: next)
                if depth == 0 { return }
            } else {
                index = next
            }
        }
    }

    private static func skipString(_ sql: String, _ index: inout String.Index, backslashEscapes: Bool) {
        index = sql.index(after: index)
        while index < sql.endIndex {
            let character = sql[index]
            index = sql.index(after: index)
            if backslashEscapes, character == "\\" {
                if index < sql.endIndex { index = sql.index(after: index) }
            } else if character == "'" {
                if index < sql.endIndex, sql[index] == "'" { index = sql.index(after: index) } else { return }
            }
        }
    }

    private static func readQuotedName(_ sql: String, _ index: inout String.Index) -> String {
        var name = ""
        index = sql.index(after: index)
        while index < sql.endIndex {
            let character = sql[index]
            index = sql.index(after: index)
            if character == "\"" {
                if index < sql.endIndex, sql[index] == "\"" {
                    name.append("\"")
                    index = sql.index(after: index)
                } else {
                    return name
                }
            } else {
                name.append(character)
            }
        }
        return name
    }

    /// The `$tag$` opening at `index`, when there is one (a `$1` parameter is not).
    private static func dollarTag(_ sql: String, at index: String.Index) -> String? {
        var end = sql.index(after: index)
        while end < sql.endIndex, sql[end].isLetter || sql[end] == "_" || (sql[end].isNumber && end != sql.index(after: index)) {
            end = sql.index(after: end)
        }
        guard end < sql.endIndex, sql[end] == "$" else { return nil }
        return String(sql[index...end])
    }

    private static func skipDollarQuote(_ sql: String, _ index: inout String.Index, tag: String) {
        let bodyStart = sql.index(index, offsetBy: tag.count)
        if let close = sql.range(of: tag, range: bodyStart..<sql.endIndex) {
            index = close.upperBound
        } else {
            index = sql.endIndex
        }
    }
}
