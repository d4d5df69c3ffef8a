/// Phrases of several words that carry no condition: a preposition of place used for "with"
/// ("next to"), an emphatic "every single", a verb of outcome ("ended up", "ended with"), and the whole table
/// named as a collection ("across the range", "the whole group"). Each word alone may mean
/// something; only the phrase is empty.
extension Lexicon {
    /// Collective nouns that name every row at once when said as "the (whole) X" after a
    /// preposition of scope, or after "whole", "entire" or "full".
    static let collectionNouns: Set<String> = [
        "range", "group", "lot", "set", "collection", "selection", "lineup", "portfolio", "board", "chain", "estate", "fleet",
        "roster", "bunch",
    ]

    /// Prepositions before "the whole X": the scope of a figure.
    private static let scopePrepositions: Set<String> = ["across", "over", "throughout", "in", "for", "of", "among", "on", "within", "from"]

    /// Words that say "every one": "whole", "entire".
    private static let wholeWords: Set<String> = ["whole", "entire", "full", "complete"]

    /// Words asking for a share, after which "account for" adds nothing.
    private static let shareWords: Set<String> = ["percentage", "percent", "share", "proportion", "fraction"]

    /// Whether the word after a business noun ("the company") may be a noun it qualifies ("company
    /// names" is a column the schema must have): anything but the end of the question, a function
    /// word or an aggregate ("the company average").
    static func nounFollows(_ next: String) -> Bool {
        if next.isEmpty || ["average", "mean", "median", "total", "overall", "wide", "as", "than"].contains(next) { return false }
        return !fillers.contains(next) || ["name", "names", "number", "numbers", "details", "info", "information", "data", "value", "values"].contains(next)
    }

    /// The indices of the tokens inside an empty phrase.
    static func emptyPhraseTokens(_ tokens: [QuestionText.Token]) -> Set<Int> {
        var empty: Set<Int> = []
        let words = tokens.map { $0.quoted || $0.number != nil ? "" : $0.lower }
        func at(_ i: Int) -> String { words.indices.contains(i) ? words[i] : "" }
        for i in words.indices {
            switch words[i] {
            // "each employee next to the name of their manager": beside, i.e. with.
            case "next" where at(i + 1) == "to":
                empty.formUnion([i, i + 1])
            // "every single order": "single" only insists. ("bought a single track" means exactly one,
            // and "not a single" needs the negation read whole, so those stay unexplained.)
            case "single" where at(i - 1) == "every":
                empty.insert(i)
            // "bookings that ended up cancelled": the outcome is the state after it.
            case "up" where ["end", "ended", "ends", "ending", "wound", "finished", "wind", "winds"].contains(at(i - 1)):
                empty.formUnion([i - 1, i])
            // "enrollments that ended with an A", "stays that ended in May": the verb, never the noun
            // ("the end of 2023"), whose value or date beside it is the condition.
            case "ended":
                empty.insert(i)
            // "customers without a company on file", "a birth year on record": kept, i.e. stored.
            case _ where ["file", "record", "records"].contains(words[i]) && at(i - 1) == "on":
                empty.formUnion([i - 1, i])
            // "the biggest single donation": after a superlative, "single" only insists; so after a
            // negation ("never bought a single track"), where the negation itself is read.
            case "single" where superlatives[at(i - 1)] != nil
                || at(i - 1) == "a" && words[max(0, i - 6)..<i].contains { Reading.negations.contains($0) }:
                empty.insert(i)
            // "what percentage of the total does it account for": the share is the figure asked.
            case "account" where at(i + 1) == "for" && words[..<i].contains { shareWords.contains($0) }:
                empty.formUnion([i, i + 1])
            // "Show their rate too.": at the end of a sentence, "too" is "also".
            case "too" where i + 1 == words.count || tokens[i + 1].capitalized:
                empty.insert(i)
            // "on hold right now": the present, which every stored state already is.
            case "right" where at(i + 1) == "now":
                empty.insert(i)
            // "the albums they put out" (released), "the hours they put in" (worked): the verb the schema's rows already record.
            case _ where ["put", "puts", "putting"].contains(words[i]) && ["out", "in"].contains(at(i + 1)):
                empty.formUnion([i, i + 1])
            // "joined the company", "above the company average": the whole business, not a thing stored in it.
            case _ where Reading.businessNouns.contains(words[i]) && ["the", "our", "this"].contains(at(i - 1)) && !nounFollows(at(i + 1)):
                empty.insert(i)
            // "the highest mileage on the clock": the odometer's reading, i.e. the distance already named.
            case "clock" where at(i - 1) == "the" && at(i - 2) == "on" && words[..<i].contains { $0.hasSuffix("age") || ["miles", "kilometres", "kilometers", "hours"].contains($0) }:
                empty.formUnion([i - 2, i - 1, i])
            // "been on the top plan at some point", "at any time": "ever", which any stored row already is.
            case _ where ["point", "stage", "time"].contains(words[i]) && ["some", "any", "one"].contains(at(i - 1)) && at(i - 2) == "at":
                empty.formUnion([i - 2, i - 1, i])
            // "the most in history", "the biggest ever in history": every row, as "of all time".
            case "history" where at(i - 1) == "in" && words[..<i].contains { superlatives[$0] != nil || ["most", "least", "top", "ever"].contains($0) }:
                empty.formUnion([i - 1, i])
            // "break down the total by month": a grouping, read from its "by".
            case "break" where at(i + 1) == "down" || at(i + 2) == "down":
                empty.insert(i)
            default:
                break
            }
            // "across the range", "above the average across the whole group": every row.
            guard collectionNouns.contains(words[i]), at(i + 1) != "of" else { continue }
            var j = i - 1
            var whole = false
            while wholeWords.contains(at(j)) { whole = true; j -= 1 }
            let scoped = at(j) == "the" && scopePrepositions.contains(at(j - 1))
            if whole && ["the", "a"].contains(at(j)) || scoped { empty.insert(i) }
        }
        return empty
    }
}
