/// Links runs of a question's tokens to what they name: a table, columns, a stored value, or a
/// business term of the org's notes.
///
/// Values are placed first, longest first, from the columns' known values (samples and the value
/// index's matches), so "Let There Be Rock" stays one album title and is not read as words. The
/// remaining words are matched, longest phrase first, against the stems of table and column
/// names, their synonyms, and the notes' terms.
struct Linker {
    /// What a run of tokens names.
    enum Meaning {
        case table(Int)
        /// Columns the words name, strongest first.
        case columns([SchemaGraph.ColumnRef])
        /// A stored value, spelled as stored, and the columns that hold it.
        case value(String, [SchemaGraph.ColumnRef])
        /// A quoted string that no known value matches.
        case quoted(String)
        case metric(Int)
        case condition(Int)
        case threshold(Int)
    }

    /// A run of tokens and its meaning.
    struct Span {
        let range: Range<Int>
        var meaning: Meaning
        /// How well the words match: 6 for a business term, 5 a table's whole name, 4 a column's
        /// whole name, 3 a table's synonym, 2 a column's last words or synonym, 1 weaker.
        var strength: Int
        /// The match strength of each candidate column.
        var columnStrengths: [SchemaGraph.ColumnRef: Int] = [:]
        /// For a table named by a foreign key's role ("support rep"): the key's edge.
        var edge: Int?

        // Not inlined: the 6.3 optimizer's ownership verifier trips on these switches when they are
        // inlined into long callers (a compiler crash in release builds).
        var table: Int? {
            @inline(never) get { if case let .table(t) = meaning { return t }; return nil }
        }
        var columns: [SchemaGraph.ColumnRef] {
            @inline(never) get { if case let .columns(c) = meaning { return c }; return [] }
        }
        var isValue: Bool {
            @inline(never) get {
                switch meaning {
                case .value, .quoted: return true
                default: return false
                }
            }
        }
    }

    let graph: SchemaGraph
    let terms: BusinessTerms
    let tokens: [QuestionText.Token]
    private(set) var spans: [Span] = []

    /// Places the question's values; `linkNames(skipping:)` then places the names.
    init(tokens: [QuestionText.Token], graph: SchemaGraph, terms: BusinessTerms) {
        self.graph = graph
        self.terms = terms
        self.tokens = tokens
        spans = valueSpans(taken: [])
    }

    /// The tokens inside a value or a business term: placed before any other reading.
    var valueTokens: Set<Int> {
        Set(spans.filter { span in
            switch span.meaning {
            case .value, .quoted, .metric, .condition, .threshold: return true
            default: return false
            }
        }.flatMap(\.range))
    }

    /// Gives span `k` another meaning (a table's name that is also its measured column's).
    mutating func retype(_ k: Int, as meaning: Meaning) {
        spans[k].meaning = meaning
    }

    /// Links the words not in a value nor in `skip` to tables, columns and terms.
    mutating func linkNames(skipping skip: Set<Int>) {
        let found = nameSpans(taken: skip.union(valueTokens))
        spans = (spans + found).sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    func span(covering i: Int) -> Int? { spans.firstIndex { $0.range.contains(i) } }
    func span(startingAt i: Int) -> Int? { spans.firstIndex { $0.range.lowerBound == i } }
    func span(endingAt i: Int) -> Int? { spans.firstIndex { $0.range.upperBound - 1 == i } }

    // MARK: Values

    /// Every schema word, so a lowercase word that names a table or column is not taken for a value.
    private var schemaStems: Set<String> {
        Set(graph.tables.flatMap { $0.words + $0.columns.flatMap(\.words) })
    }

    private func valueSpans(taken: Set<Int>) -> [Span] {
        var candidates: [(range: Range<Int>, value: String, column: SchemaGraph.ColumnRef)] = []
        let lowered = tokens.map(\.lower)
        let schemaStems = self.schemaStems
        for table in graph.tables {
            for column in table.columns where column.kind == .text || column.kind == .other || (column.isKey && !column.values.isEmpty) {
                for value in column.values {
                    let words = QuestionText.words(of: value)
                    guard !words.isEmpty, words.count <= tokens.count, Double(value) == nil else { continue }
                    var start = 0
                    while start + words.count <= tokens.count {
                        defer { start += 1 }
                        let typed = Array(lowered[start..<(start + words.count)])
                        // The last word may be written in the plural ("no-shows" for no_show).
                        let same = typed == words || words.count > 1 && typed.dropLast() == words.dropLast()
                            && (typed.last == words.last! + "s" || typed.last == words.last! + "es") && words.last!.count > 2
                        guard same, !(start..<(start + words.count)).contains(where: { taken.contains($0) || tokens[$0].quoted }) else { continue }
                        if words.count == 1, !acceptsSingleWord(tokens[start], value: value, schemaStems: schemaStems, at: start, column: column) { continue }
                        if words.allSatisfy({ Lexicon.fillers.contains($0) }) { continue }
                        candidates.append(((start..<(start + words.count)), value, column.ref))
                    }
                    // "LaGuardia" for "La Guardia": one typed word that is the value's words run together.
                    if words.count > 1, let glued = Optional(words.joined()), glued.count > 5 {
                        for (i, word) in lowered.enumerated() where word == glued && !taken.contains(i) && !tokens[i].quoted {
                            candidates.append(((i..<(i + 1)), value, column.ref))
                        }
                    }
                }
            }
        }
        var spans: [Span] = []
        // Quoted strings: the value they spell, in whichever columns hold it.
        for (i, token) in tokens.enumerated() where token.quoted && !taken.contains(i) {
            var holders: [SchemaGraph.ColumnRef] = []
            var spelling: String?
            for table in graph.tables {
                for column in table.columns {
                    if let match = column.values.first(where: { $0.caseInsensitiveCompare(token.text) == .orderedSame }) {
                        holders.append(column.ref)
                        spelling = spelling ?? match
                    }
                }
            }
            spans.append(Span(range: i..<(i + 1), meaning: holders.isEmpty ? .quoted(token.text) : .value(spelling!, holders), strength: 5))
        }
        candidates.sort { ($0.range.count, -$0.range.lowerBound, $0.column) > ($1.range.count, -$1.range.lowerBound, $1.column) }
        for candidate in candidates {
            if let existing = spans.firstIndex(where: { $0.range == candidate.range }), case let .value(text, columns) = spans[existing].meaning {
                if !columns.contains(candidate.column), text.caseInsensitiveCompare(candidate.value) == .orderedSame {
                    spans[existing].meaning = .value(text, columns + [candidate.column])
                }
                continue
            }
            if spans.contains(where: { $0.range.overlaps(candidate.range) }) { continue }
            spans.append(Span(range: candidate.range, meaning: .value(candidate.value, [candidate.column]), strength: 5))
        }
        return spans
    }

    /// A one-word value counts unless it is a common word written in lowercase that means
    /// something else here: a schema word, a function word, or a verb naming a date column.
    private func acceptsSingleWord(_ token: QuestionText.Token, value: String, schemaStems: Set<String>, at i: Int,
                                   column: SchemaGraph.Column) -> Bool {
        if token.text == value, token.isCode || value.count > 2 && token.capitalized { return true }
        if value.count <= 2 { return token.text == value && token.isCode }
        if Lexicon.fillers.contains(token.lower) { return false }
        // A person's name is written with a capital: "league" is not Mr League.
        let nameWords: Set<String> = ["first", "last", "given", "middle", "family", "sur", "surnam"]
        if !token.capitalized, column.words.contains("nam"), !nameWords.isDisjoint(with: column.words) { return false }
        // A word that names a table of the schema ("players" for People) is that table, not a value.
        if !token.capitalized, Self.personNouns.contains(token.stem), graph.tables.contains(where: { !Set($0.words).isDisjoint(with: Self.personTables) }) {
            return false
        }
        if !token.capitalized, graph.tables.contains(where: { table in table.words.count == 1 && (Lexicon.synonyms[table.words[0]]?.contains(token.stem) ?? false) }) {
            return false
        }
        // A lowercase word that shapes the question ("seconds", "most", "total") is that word.
        if !token.capitalized || i == 0, Self.shapingWords.contains(token.lower) || Lexicon.units[token.lower] != nil
            || Lexicon.superlatives[token.lower] != nil || Lexicon.comparatives[token.lower] != nil || Lexicon.months[token.lower] != nil {
            return token.text == value
        }
        if token.capitalized && i > 0 { return true }
        if schemaStems.contains(token.stem) {
            // "scheduled in 2024" names the date column; "how many are scheduled" the status.
            let dateWords = Set(graph.tables.flatMap { $0.columns.filter { $0.kind == .date }.flatMap(\.words) })
            if dateWords.contains(token.stem) {
                let next = tokens.indices.contains(i + 1) ? tokens[i + 1].lower : ""
                return !["in", "on", "before", "after", "since", "between", "during", "from", "until", "by", "for"].contains(next)
            }
            return graph.tables.allSatisfy { $0.words != [token.stem] }
                && !graph.tables.flatMap(\.columns).contains { $0.ownWords == [token.stem] && !$0.values.contains(value) }
        }
        return true
    }

    /// Words that shape a question, never taken for a one-word value when written in lowercase.
    static let shapingWords: Set<String> = [
        "average", "total", "sum", "count", "number", "most", "least", "top", "bottom", "first", "last", "per", "each", "every",
        "never", "none", "without", "not", "no", "between", "over", "under", "above", "below", "than", "before", "after",
        "since", "until", "during", "year", "month", "day", "common", "popular", "best", "worst", "all", "any", "distinct",
        "different", "unique", "named", "called", "containing", "contains", "like", "more", "less", "fewer", "max", "min",
        "maximum", "minimum", "mean", "highest", "lowest", "new", "old",
    ]

    /// A word that shapes questions (a filler, a comparative, a superlative, a unit, a month): never a
    /// guessed column.
    static func isQuestionWord(_ word: String) -> Bool {
        Lexicon.fillers.contains(word) || shapingWords.contains(word) || Lexicon.comparatives[word] != nil
            || Lexicon.superlatives[word] != nil || Lexicon.units[word] != nil || Lexicon.months[word] != nil
            || Lexicon.numberWords[word] != nil
    }

    /// Nouns for people, and the table names that hold people.
    static let personNouns = Lexicon.stems(["player", "players", "user", "member", "person", "people", "individual", "athlete",
                                            "actor", "author", "driver", "pilot", "student", "resident", "participant", "competitor",
                                            "candidate", "applicant", "guest", "visitor", "passenger", "contact"])
    static let personTables = Lexicon.stems(["people", "person", "persons", "user", "users", "member", "members", "individual", "contact"])

    /// Whether `short` (2 to 4 letters, a column's word) abbreviates `word`: same first letter, and
    /// its letters appear in order in the word ("lg" of league, "qty" of quantity, "dept" of department).
    static func abbreviates(_ short: String, _ word: String) -> Bool {
        // An abbreviation drops vowels: "date" or "age" is a word of its own, not a short "department" or "average".
        guard (2...4).contains(short.count), word.count > short.count + 1, short.first == word.first,
              short.allSatisfy(\.isLetter), short.dropFirst().filter({ "aeiou".contains($0) }).count <= (short.count == 4 ? 1 : 0)
                  || short.count <= 3 && short.filter({ "aeiou".contains($0) }).count <= 1 && !short.hasSuffix("e") else { return false }
        var rest = Substring(word)
        for char in short {
            guard let found = rest.firstIndex(of: char) else { return false }
            rest = rest[rest.index(after: found)...]
        }
        return true
    }

    // MARK: Business terms

    /// The notes' terms, placed with the values before any cue word is read ("no-shows" is a term, not a negation).
    mutating func linkTerms() {
        let dictionary = termDictionary()
        var found: [Span] = []
        var taken = Set(spans.flatMap(\.range))
        var i = 0
        while i < tokens.count {
            var matched = false
            for length in stride(from: 4, through: 1, by: -1) where i + length <= tokens.count {
                let range = i..<(i + length)
                guard range.allSatisfy({ !taken.contains($0) && tokens[$0].number == nil && !tokens[$0].quoted }),
                      let target = dictionary[range.map { tokens[$0].stem }] else { continue }
                found.append(Span(range: range, meaning: target.meaning, strength: target.strength))
                taken.formUnion(range)
                i += length
                matched = true
                break
            }
            if !matched { i += 1 }
        }
        spans = (spans + found).sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    private func termDictionary() -> [[String]: (meaning: Meaning, strength: Int)] {
        var dictionary: [[String]: (meaning: Meaning, strength: Int)] = [:]
        for (m, metric) in terms.metrics.enumerated() where !metric.words.isEmpty { dictionary[metric.words] = (.metric(m), 6) }
        for (c, condition) in terms.conditions.enumerated() where !condition.words.isEmpty { dictionary[condition.words] = (.condition(c), 6) }
        for (h, threshold) in terms.thresholds.enumerated() where !threshold.words.isEmpty {
            dictionary[threshold.words + graph.tables[threshold.table].words] = (.threshold(h), 7)
            dictionary[threshold.words] = dictionary[threshold.words] ?? (.threshold(h), 6)
        }
        return dictionary
    }

    // MARK: Names

    private struct Target {
        let table: Int?
        let column: SchemaGraph.ColumnRef?
        let metric: Int?
        let condition: Int?
        let threshold: Int?
        let strength: Int
        var edge: Int? = nil
    }

    private func dictionary() -> [[String]: [Target]] {
        var dictionary: [[String]: [Target]] = [:]
        func add(_ key: [String], _ target: Target) {
            guard !key.isEmpty else { return }
            dictionary[key, default: []].append(target)
        }
        for table in graph.tables {
            add(table.words, Target(table: table.index, column: nil, metric: nil, condition: nil, threshold: nil, strength: 5))
            if table.words.count > 1 {
                for word in Set([table.words[0], table.words[table.words.count - 1]]) where !graph.tables.contains(where: { $0.words == [word] })
                    && !Lexicon.fillers.contains(word) {
                    add([word], Target(table: table.index, column: nil, metric: nil, condition: nil, threshold: nil, strength: 2))
                }
            }
            if table.words.count == 1 {
                for synonym in Lexicon.synonyms[table.words[0]] ?? [] where !graph.tables.contains(where: { $0.words == [synonym] }) {
                    add([synonym], Target(table: table.index, column: nil, metric: nil, condition: nil, threshold: nil, strength: 3))
                }
            }
            for column in table.columns where !column.isPrimaryKey || column.kind == .text || !column.isForeignKey && column.words.count > 1 {
                let full = Target(table: nil, column: column.ref, metric: nil, condition: nil, threshold: nil, strength: 4)
                add(column.words, full)
                if column.ownWords != column.words { add(column.ownWords, full) }
                for start in 1..<max(1, column.ownWords.count) {
                    add(Array(column.ownWords[start...]), Target(table: nil, column: column.ref, metric: nil, condition: nil, threshold: nil, strength: 2))
                }
                // "support rep" for SupportRepId: the table the key refers to, entered by that key.
                if column.isForeignKey, let last = column.ownWords.last, Lexicon.stems(["id", "key", "code", "no", "number", "num"]).contains(last), column.ownWords.count > 1,
                   let edge = graph.edges.first(where: { $0.child == table.index && $0.childColumns == [column.ref.column] }),
                   edge.parent != table.index, Array(column.ownWords.dropLast()) != graph.tables[edge.parent].words {
                    add(Array(column.ownWords.dropLast()), Target(table: edge.parent, column: nil, metric: nil, condition: nil, threshold: nil,
                                                                  strength: 4, edge: edge.id))
                }
                if column.ownWords.count > 1 {
                    for word in column.ownWords.dropLast() where word.count > 2 && !Lexicon.fillers.contains(word) && word != "id" {
                        add([word], Target(table: nil, column: column.ref, metric: nil, condition: nil, threshold: nil, strength: 1))
                    }
                }
                if column.ownWords.count == 1 {
                    for synonym in Lexicon.synonyms[column.ownWords[0]] ?? [] {
                        add([synonym], Target(table: nil, column: column.ref, metric: nil, condition: nil, threshold: nil, strength: 2))
                    }
                } else if let last = column.ownWords.last {
                    for synonym in Lexicon.synonyms[last] ?? [] {
                        add([synonym], Target(table: nil, column: column.ref, metric: nil, condition: nil, threshold: nil, strength: 1))
                    }
                }
            }
        }
        return dictionary
    }

    private func nameSpans(taken: Set<Int>) -> [Span] {
        let dictionary = self.dictionary()
        var result: [Span] = []
        var i = 0
        while i < tokens.count {
            var matched = false
            // "time zone" for tzone: the initials of the first word and the whole last word.
            if i + 1 < tokens.count, !taken.contains(i), !taken.contains(i + 1), tokens[i].number == nil, tokens[i + 1].number == nil,
               !tokens[i].quoted, !tokens[i + 1].quoted, !Lexicon.fillers.contains(tokens[i].lower), let initial = tokens[i].lower.first {
                let abbreviation = String(initial) + tokens[i + 1].lower
                let initials = String(initial) + String(tokens[i + 1].lower.first ?? " ")
                // "time zone" for tzone; else "home runs" for HR (the initials, as the column's whole name).
                let columns = graph.tables.flatMap(\.columns)
                var found = columns.filter { $0.name.lowercased().filter { $0.isLetter } == abbreviation }
                if found.isEmpty, !Lexicon.fillers.contains(tokens[i + 1].lower) {
                    found = columns.filter { $0.name.count == 2 && $0.name.lowercased() == initials }
                }
                if found.count == 1, dictionary[[tokens[i].stem, tokens[i + 1].stem]] == nil {
                    result.append(Span(range: i..<(i + 2), meaning: .columns([found[0].ref]), strength: 2, columnStrengths: [found[0].ref: 2]))
                    i += 2
                    continue
                }
            }
            for length in stride(from: 4, through: 1, by: -1) where i + length <= tokens.count {
                let range = i..<(i + length)
                guard range.allSatisfy({ !taken.contains($0) && tokens[$0].number == nil && !tokens[$0].quoted }) else { continue }
                let key = range.map { tokens[$0].stem }
                // One-word keys never come from a function word ("name" alone is a column only next to a table).
                let questionWord = length == 1 && Self.isQuestionWord(tokens[i].lower)
                    && !["name", "names", "number", "total", "amount", "value", "year", "month", "day", "count", "first", "last"].contains(tokens[i].lower)
                guard var targets = dictionary[key] ?? synonymTargets(key, dictionary) else { continue }
                // A word that shapes questions ("milliseconds", "named") names a column only when it is that column's whole name.
                if questionWord {
                    let typed = tokens[i].lower
                    targets = targets.filter { target in
                        guard target.strength >= 4, let column = target.column else { return false }
                        return SchemaGraph.rawWords(of: graph.column(column).name).joined() == typed
                    }
                }
                if targets.isEmpty { continue }
                let best = targets.map(\.strength).max() ?? 0
                let top = targets.filter { $0.strength == best }
                var span: Span
                if let metric = top.compactMap(\.metric).first {
                    span = Span(range: range, meaning: .metric(metric), strength: best)
                } else if let threshold = top.compactMap(\.threshold).first {
                    span = Span(range: range, meaning: .threshold(threshold), strength: best)
                } else if let condition = top.compactMap(\.condition).first {
                    span = Span(range: range, meaning: .condition(condition), strength: best)
                } else if let table = top.compactMap(\.table).first {
                    span = Span(range: range, meaning: .table(table), strength: best)
                    span.edge = top.first { $0.table == table }?.edge
                    // A table's name that is also a column's whole name keeps the columns as a fallback.
                    let columns = targets.compactMap(\.column)
                    for column in columns { span.columnStrengths[column] = targets.first { $0.column == column }?.strength ?? 0 }
                } else {
                    var strengths: [SchemaGraph.ColumnRef: Int] = [:]
                    for target in targets { if let column = target.column { strengths[column] = max(strengths[column] ?? 0, target.strength) } }
                    let columns = strengths.keys.sorted { (strengths[$0]!, $1) > (strengths[$1]!, $0) }
                    span = Span(range: range, meaning: .columns(columns), strength: best, columnStrengths: strengths)
                }
                result.append(span)
                i += length
                matched = true
                break
            }
            // "players" for a People table: a person noun names the table of persons when no table has its name.
            if !matched, !taken.contains(i), Self.personNouns.contains(tokens[i].stem),
               let persons = Optional(graph.tables.filter { !Set($0.words).isDisjoint(with: Self.personTables) }), persons.count == 1 {
                result.append(Span(range: i..<(i + 1), meaning: .table(persons[0].index), strength: 2))
                i += 1
                continue
            }
            // "league" for lgID, "quantity" for qty: a column word that abbreviates the typed word.
            if !matched, !taken.contains(i), tokens[i].number == nil, !tokens[i].quoted, tokens[i].lower.count >= 4,
               !Self.isQuestionWord(tokens[i].lower) {
                let typed = tokens[i].lower
                let abbreviated = graph.tables.flatMap(\.columns).filter { column in
                    SchemaGraph.rawWords(of: column.name).contains { Self.abbreviates($0, typed) }
                }
                if !abbreviated.isEmpty, Set(abbreviated.map { SchemaGraph.rawWords(of: $0.name).first { Self.abbreviates($0, typed) }! }).count == 1 {
                    var strengths: [SchemaGraph.ColumnRef: Int] = [:]
                    for column in abbreviated { strengths[column.ref] = 1 }
                    result.append(Span(range: i..<(i + 1), meaning: .columns(abbreviated.map(\.ref)), strength: 1, columnStrengths: strengths))
                    i += 1
                    continue
                }
            }
            if !matched {
                // A word inside one column's name ("zone" of tzone): that column, weakly.
                if !taken.contains(i), tokens[i].number == nil, !tokens[i].quoted, tokens[i].lower.count >= 4,
                   !Self.isQuestionWord(tokens[i].lower) {
                    let inside = graph.tables.flatMap(\.columns).filter { column in
                        let glued = column.name.lowercased().filter { $0.isLetter }
                        return glued.count > tokens[i].lower.count && glued.contains(tokens[i].lower)
                    }
                    if inside.count == 1 {
                        result.append(Span(range: i..<(i + 1), meaning: .columns([inside[0].ref]), strength: 1, columnStrengths: [inside[0].ref: 1]))
                    }
                }
                i += 1
            }
        }
        return mergingTableColumnPairs(result)
    }

    /// The targets of a phrase with one word replaced by a synonym ("departure delay" → dep_delay).
    private func synonymTargets(_ key: [String], _ dictionary: [[String]: [Target]]) -> [Target]? {
        guard key.count > 1 else { return nil }
        for (index, word) in key.enumerated() {
            for synonym in (Lexicon.synonyms[word] ?? []).sorted() {
                var variant = key
                variant[index] = synonym
                if let found = dictionary[variant] {
                    return found.map { Target(table: $0.table, column: $0.column, metric: $0.metric, condition: $0.condition,
                                              threshold: $0.threshold, strength: max(1, $0.strength - 1), edge: $0.edge) }
                }
            }
        }
        return nil
    }

    /// "customer country" → the Country column of Customer; "album title" → Album.Title.
    private func mergingTableColumnPairs(_ spans: [Span]) -> [Span] {
        var merged: [Span] = []
        var k = 0
        while k < spans.count {
            let current = spans[k]
            // "park name": a text column followed by the word "name" is that column.
            if k + 1 < spans.count, spans[k + 1].range.lowerBound == current.range.upperBound, spans[k + 1].range.count == 1,
               ["name", "names"].contains(tokens[spans[k + 1].range.lowerBound].lower),
               case let .columns(columns) = current.meaning,
               let text = columns.first(where: { graph.column($0).kind == .text && !graph.column($0).words.contains("nam") }) {
                merged.append(Span(range: current.range.lowerBound..<spans[k + 1].range.upperBound, meaning: .columns([text]),
                                   strength: current.strength, columnStrengths: [text: current.strength]))
                k += 2
                continue
            }
            if let next = pairedColumn(at: k, in: spans) {
                merged.append(next.span)
                k = next.after
                continue
            }
            merged.append(current)
            k += 1
        }
        return merged
    }

    /// The table mention at `k` with the column mention right after it ("album title", "customer's
    /// email") as one mention of that table's column, and the index after the pair.
    private func pairedColumn(at k: Int, in spans: [Span]) -> (span: Span, after: Int)? {
        let current = spans[k]
        guard let table = current.table, current.edge == nil, k + 1 < spans.count else { return nil }
        let end = current.range.upperBound
        var nextIndex = k + 1
        let possessive = spans[nextIndex].range.lowerBound == end + 1 && tokens[end].lower == "s"
        if !possessive {
            guard spans[nextIndex].range.lowerBound == end else { return nil }
            // "tracks cost" is a sentence, "track length" a column: only a singular table word pairs.
            let last = tokens[end - 1]
            if last.lower != last.stem && last.lower.hasSuffix("s") { return nil }
        }
        let next = spans[nextIndex]
        guard !next.isValue else { return nil }
        var own = next.columns.filter { $0.table == table }
        if let other = next.table {
            let words = graph.tables[other].words
            own += graph.tables[table].columns.filter { $0.ownWords == words || $0.words == words }.map(\.ref)
        }
        guard !own.isEmpty else { return nil }
        var span = Span(range: current.range.lowerBound..<next.range.upperBound, meaning: .columns(own), strength: 4)
        for column in own { span.columnStrengths[column] = 4 }
        nextIndex += 1
        return (span, nextIndex)
    }
}
