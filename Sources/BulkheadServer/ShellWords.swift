/// Splits an SSH exec request's command line into words, the way a POSIX shell would for plain
/// words and quotes: `'…'` keeps everything literally, `"…"` and bare words honour `\` escapes.
///
/// Nothing is expanded or run: no variables, globs, pipes or substitutions. The words only feed
/// ``ExecCommand``'s allowlist, and a command line with `;`, `|`, `&`, `<`, `>`, a backtick or `$`
/// outside quotes is refused there, so nobody can believe a pipeline ran.
enum ShellWords {
    /// Why a command line could not be split.
    enum Problem: Error, Equatable {
        case unterminatedQuote
        case shellSyntax(Character)
    }

    static func split(_ line: String) throws(Problem) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "'" { closed = true; break }
                    current.append(next)
                }
                if !closed { throw .unterminatedQuote }
            case "\"":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "\"" { closed = true; break }
                    if next == "\\", let escaped = iterator.next() {
                        if !["\"", "\\", "$", "`"].contains(escaped) { current.append("\\") }
                        current.append(escaped)
                        continue
                    }
                    if next == "$" || next == "`" { throw .shellSyntax(next) }
                    current.append(next)
                }
                if !closed { throw .unterminatedQuote }
            case "\\":
                inWord = true
                if let escaped = iterator.next() { current.append(escaped) }
            case ";", "|", "&", "<", ">", "`", "$", "(", ")":
                throw .shellSyntax(character)
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
