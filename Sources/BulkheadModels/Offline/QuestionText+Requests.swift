import Foundation

/// The question without the words that only wrap it: "Okay, so could you pull up every hotel in
/// Lisbon, please?" is read as "show every hotel in Lisbon?". The wrappers are read on the typed
/// text, where commas and sentence marks still show a pause, and only at a sentence's start or end
/// (see `Lexicon+Requests.swift`): the same words inside a sentence ("shipped quickly", "the right
/// price", "ordered again") stay, so that a word carrying a condition is never dropped.
extension QuestionText {
    /// One typed word and the text between it and the word before.
    private struct Piece {
        var gap: Substring
        var word: String
        var lower: String { word.lowercased() }
    }

    /// Characters that end a sentence where they stand between two words.
    private static let sentenceMarks: Set<Character> = [".", "?", "!", ";", ":"]
    /// Characters of a quoted string: a sentence holding one is left as typed.
    private static let quoteMarks: Set<Character> = ["'", "\"", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}"]

    /// `question` with its wrapping words dropped and its request verbs read plainly.
    static func unwrapped(_ question: String) -> String {
        var (pieces, tail) = Self.pieces(of: question)
        guard !pieces.isEmpty else { return question }
        pieces = spelledOut(pieces)
        var sentences: [[Piece]] = []
        for piece in pieces {
            if sentences.isEmpty || piece.gap.contains(where: { sentenceMarks.contains($0) }) && !piece.gap.allSatisfy({ $0 == "." }) {
                sentences.append([piece])
            } else {
                sentences[sentences.count - 1].append(piece)
            }
        }
        var kept: [Piece] = []
        var pendingGap: Substring?
        for sentence in sentences {
            var words = sentence
            // An opening quote stands right before a word; "the shippers' phones" has only a possessive.
            if !words.contains(where: { $0.gap.last.map(quoteMarks.contains) ?? false }) {
                words = closed(opened(words))
            }
            guard !words.isEmpty else {
                // A sentence of wrappers only ("Real quick:"): its place goes to the next sentence.
                pendingGap = pendingGap ?? sentence[0].gap
                continue
            }
            if let gap = pendingGap { words[0].gap = gap; pendingGap = nil }
            kept += words
        }
        guard !kept.isEmpty else { return question }
        return kept.map { String($0.gap) + $0.word }.joined() + tail
    }

    /// The words of `text`, each with the gap before it, and the text after the last word.
    private static func pieces(of text: String) -> ([Piece], String) {
        var pieces: [Piece] = []
        var index = text.startIndex
        var gapStart = index
        while index < text.endIndex {
            guard text[index].isLetter || text[index].isNumber else { index = text.index(after: index); continue }
            let start = index
            while index < text.endIndex {
                let c = text[index]
                if c.isLetter || c.isNumber { index = text.index(after: index); continue }
                // "I'd", "don't": an apostrophe between letters stays in the word.
                let next = text.index(after: index)
                if c == "'" || c == "\u{2019}", next < text.endIndex, text[next].isLetter, index > start { index = next; continue }
                break
            }
            pieces.append(Piece(gap: text[gapStart..<start], word: String(text[start..<index])))
            gapStart = index
        }
        return (pieces, String(text[gapStart...]))
    }

    /// "I'd" as "I would", "we'll" as "we will": a pronoun's contracted verb spelled out.
    private static func spelledOut(_ pieces: [Piece]) -> [Piece] {
        pieces.flatMap { piece -> [Piece] in
            let parts = piece.word.split(whereSeparator: { $0 == "'" || $0 == "\u{2019}" })
            guard parts.count == 2, Lexicon.contractedPronouns.contains(parts[0].lowercased()),
                  let verb = Lexicon.contractions[parts[1].lowercased()] else { return [piece] }
            return [Piece(gap: piece.gap, word: String(parts[0])), Piece(gap: " ", word: verb)]
        }
    }

    /// Whether a pause (a comma, a dash, a colon) follows the `n` first words of `words`.
    private static func pauseAfter(_ n: Int, in words: [Piece]) -> Bool {
        guard n < words.count else { return true }
        let gap = words[n].gap
        return gap.contains { [",", ";", ":", "\u{2013}", "\u{2014}", "\u{2026}", "("].contains($0) }
            || gap.contains("-") && gap.contains(" ")
    }

    /// The longest of `patterns` that `words` start with.
    private static func longest(_ patterns: [[String]], at words: [String]) -> [String]? {
        patterns.filter { words.starts(with: $0) }.max { $0.count < $1.count }
    }

    /// Whether a request (a verb of showing, a gerund of one, or a question) starts at `words`.
    private static func requestFollows(_ words: ArraySlice<String>) -> Bool {
        guard let first = words.first else { return false }
        return Lexicon.questionOpeners.contains(first) || Lexicon.requestGerunds[first] != nil
            || longest(Lexicon.requestWrappers, at: Array(words)).map { $0.count < words.count } == true
            || longest(Array(Lexicon.requestVerbs.keys), at: Array(words)) != nil
    }

    /// `words` without the openers and wrappers at their start, and with a request verb read plainly.
    private static func opened(_ sentence: [Piece]) -> [Piece] {
        var words = sentence
        var stripped = false
        func drop(_ n: Int) {
            let gap = words[0].gap
            words.removeFirst(n)
            if !words.isEmpty { words[0].gap = gap }
            stripped = true
        }
        while !words.isEmpty {
            let lower = words.map(\.lower)
            if let opener = longest(Lexicon.discourseOpeners, at: lower),
               opener.count == lower.count || pauseAfter(opener.count, in: words) || Lexicon.questionOpeners.contains(lower[opener.count]) {
                drop(opener.count)
            } else if let opener = longest(Lexicon.pausedOpeners, at: lower), pauseAfter(opener.count, in: words) {
                drop(opener.count)
            } else if let wrapper = longest(Lexicon.knowingWrappers, at: lower), wrapper.count < lower.count || pauseAfter(wrapper.count, in: words) {
                drop(wrapper.count)
            } else if let wrapper = longest(Lexicon.requestWrappers, at: lower), wrapper.count < lower.count,
                      requestFollows(lower[wrapper.count...]) {
                drop(wrapper.count)
            } else if stripped, let verb = Lexicon.requestGerunds[lower[0]] {
                // "would you mind listing …": the gerund is the request verb.
                words[0].word = verb
                stripped = false
            } else if let verb = longest(Array(Lexicon.requestVerbs.keys), at: lower), verb.count < lower.count,
                      let plain = Lexicon.requestVerbs[verb],
                      // A lone verb only before what it acts on ("grab the", "check which"): "Check-in dates"
                      // and "pull requests" are nouns.
                      verb.count > 1 || !words[1].gap.contains("-") && Lexicon.requestObjects.contains(lower[1]) {
                let gap = words[0].gap
                words.replaceSubrange(0..<verb.count, with: [Piece(gap: gap, word: plain == "total" ? adding(lower) : plain)])
                return words
            } else if lower[0] == "put", lower.count > 2, lower.dropFirst().contains(where: { ["order", "alphabetical", "alphabetically"].contains($0) }) {
                // "Put the names in alphabetical order": an ordering of what is shown.
                words[0].word = "show"
                return words
            } else {
                break
            }
        }
        return words
    }

    /// "tally up the cost" is its total, "tally the bookings" their count: a verb of adding up
    /// totals only where the sentence names an amount (a word of money or quantity, or a unit).
    private static func adding(_ words: [String]) -> String {
        let amounts = Set(Lexicon.moneyWords + Lexicon.quantityWords).union(Lexicon.genericMoneyNouns).union(Lexicon.genericQuantityNouns)
        return words.contains { amounts.contains(Lexicon.stem($0)) || Lexicon.units[$0] != nil || ["hours", "minutes", "distance", "weight"].contains($0) }
            ? "total" : "count"
    }

    /// Closings that need no pause before them: politeness that never carries a condition.
    private static let politeClosings: Set<[String]> = [
        ["please"], ["pls"], ["plz"], ["thanks"], ["thank", "you"], ["thanks", "a", "lot"], ["thank", "you", "very", "much"],
        ["thanks", "so", "much"], ["many", "thanks"], ["thx"], ["ty"], ["cheers"], ["for", "me"], ["for", "me", "please"],
        ["if", "you", "can"], ["if", "you", "could"], ["if", "possible"], ["if", "you", "do", "not", "mind"], ["if", "you", "don't", "mind"],
        ["if", "that", "is", "possible"], ["when", "you", "get", "a", "chance"], ["asap"], ["real", "quick"],
        ["please", "and", "thank", "you"], ["thanks", "in", "advance"],
    ]

    /// `words` without the closings at their end ("…, please", "thanks", "if you can").
    private static func closed(_ sentence: [Piece]) -> [Piece] {
        var words = sentence
        while words.count > 1 {
            let lower = words.map(\.lower)
            let candidates = Lexicon.closings.filter { $0.count < lower.count && lower.reversed().starts(with: $0.reversed()) }
            guard let closing = candidates.max(by: { $0.count < $1.count }),
                  politeClosings.contains(closing) || pauseAfter(lower.count - closing.count, in: words) else { break }
            words.removeLast(closing.count)
        }
        return words
    }
}
