extension QuestionText {
    /// Adverbs of vague place that, between a typed term and "in" a column, ask for the term
    /// anywhere inside that column's text ("with Clapton somewhere in the composer", "Tea anywhere in
    /// the name").
    static let vaguePlaces: Set<String> = ["somewhere", "anywhere"]

    /// "with Grand somewhere in the name": the capitalised words before the adverb become one quoted
    /// term (which the reading already matches inside a column named after "in"), and the adverb is
    /// dropped. A lowercase word before it ("data somewhere in the title") is left as typed, so the
    /// unexplained adverb makes the planner refuse rather than drop the term.
    static func quotingTermsBeforeVaguePlace(_ tokens: [Token]) -> [Token] {
        var result = tokens
        var i = result.count - 2
        while i >= 1 {
            defer { i -= 1 }
            guard vaguePlaces.contains(result[i].lower), result[i + 1].lower == "in" else { continue }
            var start = i
            while start - 1 >= 1, result[start - 1].capitalized, !result[start - 1].quoted, result[start - 1].number == nil { start -= 1 }
            guard start < i else { continue }
            let text = result[start..<i].map(\.text).joined(separator: " ")
            let term = Token(text: text, lower: text.lowercased(), stem: text.lowercased(), number: nil, quoted: true, currency: false)
            result.replaceSubrange(start...i, with: [term])
            i = start
        }
        return result
    }
}
