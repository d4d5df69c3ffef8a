/// Reads a question against a schema: words, numbers, quoted strings, sample values found in
/// the text, and mentions of tables and columns.
///
/// Sample values are matched on the raw text first, longest first, so "AC/DC" or "Rock And
/// Roll" stay whole and are not read as words; what is left is split into words and matched,
/// longest phrase first, against the words of table and column names.
struct QuestionReader {
    /// One unit of the question.
    struct Token {
        /// The text as typed (for a value: the value as the schema spells it, or as quoted).
        let text: String
        /// Lowercased text.
        let lower: String
        /// Lowercased singular form, for matching schema words.
        let norm: String
        /// The number it denotes, when it is one.
        let number: Double?
        /// The value it denotes, when it is a sample value or a quoted string.
        let value: Value?
    }

    /// A value found in the question.
    struct Value {
        /// The value as the schema's samples spell it, or as the user quoted it.
        let text: String
        /// The text columns whose samples hold it (empty for a quoted string no sample holds).
        let columns: [SchemaIndex.ColumnRef]
        /// Whether the user wrote it in quotes.
        let quoted: Bool
    }

    /// A run of tokens that names tables or columns.
    struct Mention {
        let start: Int
        var end: Int
        /// Tables named by the phrase.
        var tables: [Int]
        /// Columns named by the phrase, strongest first.
        var columns: [SchemaIndex.ColumnRef]
        /// 4 for a table, 3 for a column's full name, lower for a name's last words only.
        var strength: Int
        /// The strength of each column's match.
        var strengths: [SchemaIndex.ColumnRef: Int] = [:]
    }

    let tokens: [Token]

    init(question: String, index: SchemaIndex) {
        tokens = Self.tokenize(question, index: index)
    }

    // MARK: Tokens

    private static let quotePairs: [Character: Character] = ["'": "'", "\"": "\"", "\u{201C}": "\u{201D}", "\u{2018}": "\u{2019}"]

    private static func tokenize(_ question: String, index: SchemaIndex) -> [Token] {
        let chars = Array(question)
        let lower = chars.map { Character(String($0).lowercased().first.map(String.init) ?? String($0)) }
        var spans: [(range: Range<Int>, value: Value)] = []

        // Quoted strings.
        var i = 0
        while i < chars.count {
            if let close = quotePairs[chars[i]], i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber) {
                var j = i + 1
                while j < chars.count, chars[j] != close { j += 1 }
                if j < chars.count, j > i + 1, j + 1 == chars.count || !(chars[j + 1].isLetter || chars[j + 1].isNumber) {
                    let text = String(chars[(i + 1)..<j])
                    let columns = columnsHolding(text, index: index)
                    spans.append(((i..<(j + 1)), Value(text: columns.spelling ?? text, columns: columns.refs, quoted: true)))
                    i = j + 1
                    continue
                }
            }
            i += 1
        }

        // Sample values, longest first, never overlapping a quoted string or each other.
        let schemaWords = Set(index.tables.flatMap { $0.words + $0.columns.flatMap(\.words) })
        var found: [(range: Range<Int>, text: String, ref: SchemaIndex.ColumnRef)] = []
        for table in index.tables {
            for column in table.columns where column.kind == .text {
                for sample in table.schema.sampleValues[column.name] ?? [] {
                    let needle = Array(sample.lowercased())
                    guard needle.count >= 2, Double(sample) == nil, needle.count <= chars.count else { continue }
                    var start = 0
                    while start + needle.count <= chars.count {
                        if Array(lower[start..<(start + needle.count)]) == needle,
                           start == 0 || !(chars[start - 1].isLetter || chars[start - 1].isNumber),
                           start + needle.count == chars.count || !(chars[start + needle.count].isLetter || chars[start + needle.count].isNumber) {
                            found.append(((start..<(start + needle.count)), sample, SchemaIndex.ColumnRef(table: table.index, column: column.index)))
                        }
                        start += 1
                    }
                }
            }
        }
        found.sort { ($0.range.count, -$0.range.lowerBound) > ($1.range.count, -$1.range.lowerBound) }
        for candidate in found {
            let typed = String(chars[candidate.range])
            let isOneWord = !typed.contains(" ")
            // A lowercase single word that is also a schema or question word is that word, not a value.
            if isOneWord && Words.stopwords.contains(typed.lowercased()) { continue }
            if isOneWord && typed == typed.lowercased() {
                let norm = Words.singular(typed)
                if schemaWords.contains(norm) || Words.stopwords.contains(norm) || Words.stopwords.contains(typed) { continue }
            }
            if let existing = spans.firstIndex(where: { $0.range == candidate.range && !$0.value.quoted }) {
                let old = spans[existing].value
                if !old.columns.contains(candidate.ref) {
                    spans[existing].value = Value(text: old.text, columns: old.columns + [candidate.ref], quoted: false)
                }
                continue
            }
            if spans.contains(where: { $0.range.overlaps(candidate.range) }) { continue }
            spans.append((candidate.range, Value(text: candidate.text, columns: [candidate.ref], quoted: false)))
        }
        spans.sort { $0.range.lowerBound < $1.range.lowerBound }

        // Words and numbers between the spans.
        var tokens: [Token] = []
        var position = 0
        var spanIndex = 0
        while position < chars.count {
            if spanIndex < spans.count, spans[spanIndex].range.lowerBound == position {
                let value = spans[spanIndex].value
                tokens.append(Token(text: value.text, lower: value.text.lowercased(), norm: value.text.lowercased(), number: nil, value: value))
                position = spans[spanIndex].range.upperBound
                spanIndex += 1
                continue
            }
            let char = chars[position]
            guard char.isLetter || char.isNumber else { position += 1; continue }
            var end = position
            let limit = spanIndex < spans.count ? spans[spanIndex].range.lowerBound : chars.count
            while end < limit {
                let c = chars[end]
                if c.isLetter || c.isNumber { end += 1; continue }
                // Keep 1,000 and 1.5 whole, and O'Brien.
                if (c == "," || c == ".") && end + 1 < limit && chars[end - 1].isNumber && chars[end + 1].isNumber { end += 1; continue }
                if c == "'" && end + 1 < limit && chars[end - 1].isLetter && chars[end + 1].isLetter { end += 1; continue }
                break
            }
            let text = String(chars[position..<end])
            let lowered = text.lowercased()
            var number = Double(text.replacingOccurrences(of: ",", with: ""))
            if number == nil, let word = Words.numberWords[lowered] { number = Double(word) }
            tokens.append(Token(text: text, lower: lowered, norm: Words.singular(lowered), number: number, value: nil))
            position = end
        }
        return tokens
    }

    /// The text columns whose samples hold `text` (case-insensitively), and the samples' spelling.
    private static func columnsHolding(_ text: String, index: SchemaIndex) -> (refs: [SchemaIndex.ColumnRef], spelling: String?) {
        var refs: [SchemaIndex.ColumnRef] = []
        var spelling: String?
        for table in index.tables {
            for column in table.columns where column.kind == .text {
                if let match = (table.schema.sampleValues[column.name] ?? []).first(where: { $0.caseInsensitiveCompare(text) == .orderedSame }) {
                    refs.append(SchemaIndex.ColumnRef(table: table.index, column: column.index))
                    spelling = spelling ?? match
                }
            }
        }
        return (refs, spelling)
    }

    // MARK: Mentions

    /// Mentions of tables and columns among the tokens not in `skip`, longest phrase first.
    func mentions(index: SchemaIndex, skip: Set<Int>) -> [Mention] {
        var dictionary: [[String]: [(table: Int?, column: SchemaIndex.ColumnRef?, strength: Int)]] = [:]
        for table in index.tables {
            dictionary[table.words, default: []].append((table.index, nil, 4))
            for column in table.columns where !column.isKey {
                for start in 0..<column.words.count {
                    let key = Array(column.words[start...])
                    let strength = start == 0 ? 3 : (key.count > 1 ? 2 : 1)
                    if strength == 1, let word = key.first, Words.stopwords.contains(word) { continue }
                    dictionary[key, default: []].append((nil, SchemaIndex.ColumnRef(table: table.index, column: column.index), strength))
                }
            }
        }
        var result: [Mention] = []
        var i = 0
        while i < tokens.count {
            var matched = false
            for length in stride(from: 4, through: 1, by: -1) where i + length <= tokens.count {
                let range = i..<(i + length)
                guard range.allSatisfy({ !skip.contains($0) && tokens[$0].value == nil && tokens[$0].number == nil }) else { continue }
                let key = range.map { tokens[$0].norm }
                guard let targets = dictionary[key] else { continue }
                let best = targets.map(\.strength).max() ?? 0
                let tables = targets.filter { $0.strength == best }.compactMap(\.table)
                let ranked = targets.filter { $0.column != nil }.sorted { $0.strength > $1.strength }
                let columns = tables.isEmpty ? ranked.compactMap(\.column) : []
                var strengths: [SchemaIndex.ColumnRef: Int] = [:]
                for target in ranked { if let column = target.column { strengths[column] = target.strength } }
                result.append(Mention(start: i, end: i + length, tables: tables, columns: columns, strength: best, strengths: strengths))
                i += length
                matched = true
                break
            }
            if !matched { i += 1 }
        }
        return result
    }
}
