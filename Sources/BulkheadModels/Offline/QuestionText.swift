/// A question cut into tokens: words, numbers (with a currency or unit beside them) and quoted
/// strings. Values are matched later on these tokens, so "AC/DC", "no-show" and "no_show" all
/// meet as the same run of words.
struct QuestionText {
    /// One unit of the question.
    struct Token: Equatable {
        /// The text as typed (for a quoted string: its inside).
        let text: String
        /// Lowercased text.
        let lower: String
        /// The stem (see `Lexicon.stem`).
        let stem: String
        /// The number it denotes, when it is one ("5", "1,000", "2.5", "five").
        let number: Double?
        /// Whether it was written in quotes.
        let quoted: Bool
        /// Whether a currency sign stood before it ("$5").
        let currency: Bool
        /// Whether it starts with a capital letter as typed.
        var capitalized: Bool { text.first?.isUppercase ?? false }
        /// Whether it is all capitals and at least two characters (a code such as JFK).
        var isCode: Bool { text.count >= 2 && text.allSatisfy { $0.isUppercase || $0.isNumber } && text.contains { $0.isLetter } }
    }

    let tokens: [Token]

    init(_ question: String) {
        tokens = Self.tokenize(Self.unwrapped(question))
    }

    private static let quotePairs: [Character: Character] = ["'": "'", "\"": "\"", "\u{201C}": "\u{201D}", "\u{2018}": "\u{2019}"]

    /// The words of a stored value, lowercased, as the question's tokens would spell them.
    static func words(of value: String) -> [String] {
        asciiWords(of: value) ?? tokenize(value, stemming: false).map(\.lower)
    }

    /// The tokens of `text`; without `stemming` (for stored values, read once per ask each, of
    /// which only the lowercased words are used) every token's stem is its lowercased text.
    static func tokenize(_ text: String, stemming: Bool = true) -> [Token] {
        let chars = Array(text)
        var tokens: [Token] = []
        var i = 0
        var currency = false
        while i < chars.count {
            let char = chars[i]
            // A quoted string: an opening quote at a word start, closed before a word end.
            if let close = quotePairs[char], i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber) {
                var j = i + 1
                while j < chars.count, chars[j] != close { j += 1 }
                if j < chars.count, j > i + 1, j + 1 == chars.count || !(chars[j + 1].isLetter || chars[j + 1].isNumber) {
                    let inside = String(chars[(i + 1)..<j])
                    tokens.append(Token(text: inside, lower: inside.lowercased(), stem: inside.lowercased(), number: nil, quoted: true, currency: false))
                    i = j + 1
                    continue
                }
            }
            if "$€£".contains(char) { currency = true; i += 1; continue }
            guard char.isLetter || char.isNumber else { i += 1; currency = false; continue }
            var end = i
            while end < chars.count {
                let c = chars[end]
                if c.isLetter || c.isNumber { end += 1; continue }
                // Keep 1,000 and 1.5 whole, and O'Brien.
                if (c == "," || c == ".") && end + 1 < chars.count && chars[end - 1].isNumber && chars[end + 1].isNumber { end += 1; continue }
                if (c == "'" || c == "\u{2019}") && end + 1 < chars.count && chars[end - 1].isLetter && chars[end + 1].isLetter
                    && !(end + 2 == chars.count || !(chars[end + 2].isLetter)) { end += 1; continue }
                break
            }
            var word = String(chars[i..<end])
            // "customer's" → "customer" and "s".
            var possessive = false
            if end + 1 < chars.count, chars[end] == "'" || chars[end] == "\u{2019}", chars[end + 1] == "s",
               end + 2 == chars.count || !chars[end + 2].isLetter {
                possessive = true
            }
            let lowered = word.lowercased()
            var number = Double(lowered.contains(",") ? lowered.filter { $0 != "," } : lowered)
            // "5k", "2m": thousands and millions.
            if number == nil, lowered.count > 1, let base = Double(lowered.dropLast()) {
                if lowered.hasSuffix("k") { number = base * 1000 } else if lowered.hasSuffix("m") { number = base * 1_000_000 }
            }
            if number == nil, let small = Lexicon.numberWords[lowered] { number = Double(small) }
            if number != nil, word.contains(",") { word = word.filter { $0 != "," } }
            // "… per playlist? Show the name": a function word opening a later sentence is no proper noun.
            if !tokens.isEmpty, Lexicon.fillers.contains(lowered) || Lexicon.sentenceVerbs.contains(lowered),
               let mark = chars[..<i].last(where: { !$0.isWhitespace }), ".?!;:".contains(mark) {
                word = lowered
            }
            tokens.append(Token(text: word, lower: lowered, stem: number == nil && stemming ? Lexicon.stem(lowered) : lowered,
                                number: number, quoted: false, currency: currency && number != nil))
            currency = false
            i = end
            if possessive {
                tokens.append(Token(text: "s", lower: "s", stem: "s", number: nil, quoted: false, currency: false))
                i = end + 2
            }
        }
        return stemming ? quotingTermsBeforeVaguePlace(multiplied(tokens)) : multiplied(tokens)
    }

    /// Words that multiply the number before them ("5 million", "one billion", "2.5 thousand").
    static let multipliers: [String: Double] = ["thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000]

    /// "200 million" as one number.
    private static func multiplied(_ tokens: [Token]) -> [Token] {
        var result: [Token] = []
        var i = 0
        while i < tokens.count {
            if let number = tokens[i].number, i + 1 < tokens.count, let factor = multipliers[tokens[i + 1].lower] {
                let value = number * factor
                let text = value == value.rounded() ? String(Int64(value)) : String(value)
                result.append(Token(text: text, lower: text, stem: text, number: value, quoted: false, currency: tokens[i].currency))
                i += 2
                continue
            }
            result.append(tokens[i])
            i += 1
        }
        return result
    }
}
