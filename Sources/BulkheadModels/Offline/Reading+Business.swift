/// The business itself named as a noun ("the company average", "joined the company"): it names no
/// table or column, only the whole of the rows.
extension Reading {
    /// Nouns for the business a schema's data belongs to.
    static let businessNouns: Set<String> = ["company", "firm", "organisation", "organization", "business"]

    /// The index after a business noun at `n` that nothing in the schema names ("the company
    /// average" is the average of every row), else `n` itself.
    func skippingBusinessNoun(_ n: Int) -> Int {
        guard let w = word(n), Self.businessNouns.contains(w), spanCovering(n) == nil, n + 1 < tokens.count else { return n }
        return n + 1
    }

    /// "employees who joined the company" where customers have a `company` column: said with "the"
    /// (or "our") and qualifying no noun after it, the word is the business itself, not that
    /// column. A table named so is still linked, and so is a column of a table the question names
    /// ("customers … and the company" they work for).
    mutating func readBusinessNouns() {
        let named = mentionedTables(Set(tokens.map(\.stem)))
        for i in tokens.indices {
            let stems = (Lexicon.synonyms[tokens[i].stem] ?? []).union([tokens[i].stem])
            if named.contains(where: { t in graph.tables[t].columns.contains { !stems.isDisjoint(with: $0.ownWords) } }) { continue }
            guard let w = word(i), Self.businessNouns.contains(w), i > 0, ["the", "our", "this"].contains(tokens[i - 1].lower),
                  !Lexicon.nounFollows(i + 1 < tokens.count ? (word(i + 1) ?? "") : ""),
                  !graph.tables.contains(where: { $0.words.contains(tokens[i].stem) }) else { continue }
            consumed.insert(i)
        }
    }
}
