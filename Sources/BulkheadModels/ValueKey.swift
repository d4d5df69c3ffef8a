/// How stored values and questions meet: both are cut into the same lowercase words, so
/// "no_show", "no-show" and "No show" are one key, and "AC/DC" is "ac dc".
///
/// The context layer indexes each source's values by `of(_:)` and looks up `phrases(in:)` of a
/// question; the offline planner places values on the same words.
public enum ValueKey {
    /// The key a stored value is indexed by: its words, lowercased, one space apart.
    public static func of(_ value: String) -> String {
        QuestionText.words(of: value).joined(separator: " ")
    }

    /// Every key a stored value is found by: its words, and for a value of two or three words the
    /// words run together ("LaGuardia" finds "La Guardia").
    public static func keys(of value: String) -> [String] {
        let words = QuestionText.words(of: value)
        guard !words.isEmpty else { return [] }
        var keys = [words.joined(separator: " ")]
        if (2...3).contains(words.count), words.joined().count > 5 { keys.append(words.joined()) }
        return keys
    }

    /// Words after which a plural names a kind of the rows ("are students", "registered as students").
    static let copulas: Set<String> = ["are", "were", "be", "being", "been", "as"]

    /// The keys of every run of 1 to `maxWords` words of a question, and of its quoted strings, with
    /// the singulars a plural after "are" or "as" may stand for.
    public static func phrases(in question: String, maxWords: Int = 10) -> Set<String> {
        // Only the lowercased words are used, so the stemmer (and its first-use tables) is skipped.
        let tokens = QuestionText.tokenize(question, stemming: false)
        var keys: Set<String> = []
        for token in tokens where token.quoted { keys.insert(of(token.text)) }
        let words = tokens.filter { !$0.quoted }.map(\.lower)
        for start in words.indices {
            // Each run grows the one before it by a word, so it is appended to, not joined again.
            var run = ""
            for word in words[start..<min(words.count, start + maxWords)] {
                if !run.isEmpty { run += " " }
                run += word
                keys.insert(run)
            }
            // "Which members are students?": a plural said of the rows names a kind of them, which a
            // stored value may spell in the singular ('Student'). Only after "are", "were", "be" or
            // "as": elsewhere a plural is a count ("5 Oscars", "how many times"), not a kind.
            let word = words[start]
            if start > 0, Self.copulas.contains(words[start - 1]), word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") {
                keys.insert(String(word.dropLast()))
                if word.hasSuffix("es") { keys.insert(String(word.dropLast(2))) }
                if word.hasSuffix("ies") { keys.insert(word.dropLast(3) + "y") }
            }
        }
        keys.remove("")
        return keys
    }
}
