/// Stored states named by a verb: "lost", "won", "sold" as a status column's value.
extension Linker {
    /// The words a column's name uses when it holds the state a row is in (a shipment's status,
    /// a match's result), whose values are often participles ("Lost", "Returned", "Won").
    static let stateColumnWords: Set<String> = Set(["status", "state", "outcome", "result", "stage", "phase"].map(Lexicon.stem))

    /// Whether a column holds a row's state, so a participle spelling one of its values names that state.
    static func isStateColumn(_ column: SchemaGraph.Column) -> Bool {
        column.kind == .text && !column.isKey && !stateColumnWords.isDisjoint(with: column.words + column.ownWords)
    }

    /// Whether the word at `i` is a verb with more after it than a state: a date ("delivered in March",
    /// "lost on 3 May") tells when an event happened, and an object ("booked a single shipment",
    /// "won the cup") makes it an action on another thing, not the state a row is in.
    func followedByDate(_ i: Int) -> Bool {
        guard tokens.indices.contains(i + 1) else { return false }
        let next = tokens[i + 1]
        if ["in", "on", "before", "after", "since", "between", "during", "from", "until", "by", "last", "this",
            "a", "an", "any", "the", "single", "one", "their", "its", "his", "her", "our"].contains(next.lower) { return true }
        return graph.tables.contains { $0.words.last == next.stem }
    }

    /// Whether the word at `i` is said of the subject as its state ("issues that are done", "how many
    /// were sold"): a form of "be" before it, the whole of a state column's value, and nothing after
    /// it that makes it an event. A function word ("done") is then that value.
    func statePredicate(_ i: Int, value: String, column: SchemaGraph.Column) -> Bool {
        guard i > 0, tokens[i].lower == value.lowercased(), Self.isStateColumn(column), !followedByDate(i) else { return false }
        // "issues that are not done", "bills still unpaid", "no longer active": an adverb between "be" and the state.
        var j = i - 1
        if ["not", "still", "already", "now", "currently", "never"].contains(tokens[j].lower) { j -= 1 }
        else if tokens[j].lower == "longer", j >= 1, tokens[j - 1].lower == "no" { j -= 2 }
        guard j >= 0 else { return false }
        return ["is", "are", "was", "were", "been", "be", "being"].contains(tokens[j].lower)
    }
}
