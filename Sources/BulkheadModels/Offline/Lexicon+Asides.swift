/// Asides of spoken English that a question about data carries without a condition: adverbs of
/// emphasis ("really in Lisbon"), a pronoun with its verb contracted ("the city they're in"), "else"
/// after an indefinite pronoun the reading placed ("referred by someone else"), and "at some point"
/// (ever). Each is read only in the shape listed, so a word that might carry meaning elsewhere
/// still makes the planner refuse there. ("Stuff" as a head noun is left out on purpose: "the stuff
/// we send" names a table the reading cannot place, and dropping it answered about another.)
extension Lexicon {
    /// Adverbs and contracted pronouns that never name a column, a value or a condition.
    static let asideWords: Set<String> = [
        "really", "basically", "honestly", "literally",
        "they're", "you're", "i'm", "i'd", "we'd", "you'd", "that's", "there's", "here's", "who's", "he's", "she's",
    ]

    /// Indefinite pronouns after which "else" only says "another one", a link the schema already holds.
    static let indefinitePronouns: Set<String> = [
        "someone", "somebody", "anyone", "anybody", "something", "anything", "everyone", "everybody",
    ]

    /// Determiners of "point" or "time" in "at some point", "at any time": said of an event, "ever".
    private static let indefiniteDeterminers: Set<String> = ["some", "any", "one"]

    /// Nouns of a request that "quick" or "brief" may qualify ("a quick count", "a brief summary").
    private static let quickNouns: Set<String> = ["count", "list", "look", "summary", "rundown", "overview", "breakdown", "tally", "total", "check"]

    /// Whether a word ranks rows: a superlative, or "most", "least", "top".
    private static func ranks(_ word: String) -> Bool {
        superlatives[word] != nil || ["most", "least", "top", "fewest"].contains(word)
    }

    /// The indices of the tokens that are asides.
    static func asideTokens(_ tokens: [QuestionText.Token]) -> Set<Int> {
        var found: Set<Int> = []
        let words = tokens.map { $0.quoted || $0.number != nil ? "" : $0.lower }
        func at(_ i: Int) -> String { words.indices.contains(i) ? words[i] : "" }
        for i in words.indices {
            let w = words[i]
            if asideWords.contains(w), !(i > 0 && tokens[i].capitalized) {
                found.insert(i)
            } else if ["point", "time", "stage"].contains(w), indefiniteDeterminers.contains(at(i - 1)), at(i - 2) == "at" {
                found.formUnion([i - 2, i - 1, i])
            } else if superlativeEmphasis.contains(w), ranks(at(i + 1)), !(i > 0 && tokens[i].capitalized) {
                // "the single longest", "the very first", "the absolute best": emphasis of the ranking.
                found.insert(i)
            } else if ["quick", "brief", "rough"].contains(w), ["a", "the"].contains(at(i - 1)), quickNouns.contains(at(i + 1)) {
                // "a quick count of the patrons", "a brief list": the manner of the request, not of the rows.
                found.insert(i)
            } else if w == "course", at(i - 1) == "the", ["over", "in", "during", "throughout"].contains(at(i - 2)), at(i + 1) == "of" {
                // "over the course of 2023": during, read from the "of" before the date.
                found.formUnion([i - 2, i - 1, i])
            } else if w == "far", at(i - 1) == "by", ranks(at(i + 1)) || at(i + 1) == "the" && ranks(at(i + 2))
                        || words[max(0, i - 6)..<(i - 1)].contains(where: ranks) {
                // "by far the largest", "the busiest station by far": emphasis, not a grouping by "far".
                found.formUnion([i - 1, i])
            } else if w == "date", at(i - 1) == "to", at(i - 2) != "up", at(i + 1) != "of", tokens[safe: i + 1]?.number == nil,
                      !words[..<i].contains(where: { ["from", "between", "since"].contains($0) }) {
                // "how many orders to date": every row so far, which every stored row already is.
                found.formUnion([i - 1, i])
            }
        }
        return found
    }

    /// Superlatives that rank by a count of rows rather than by a measure ("the busiest station" has
    /// the most trips, "the quietest month" the fewest bookings), and whether each ranks from the most.
    static let countingSuperlatives: [String: Bool] = ["busiest": true, "quietest": false]
}
