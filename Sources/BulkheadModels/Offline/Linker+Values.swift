/// Placing the question's values: runs of words that spell a stored value, and the words that
/// must not be taken for one.
extension Linker {
    // MARK: Values

    /// Every schema word, so a lowercase word that names a table or column is not taken for a value.
    private var schemaStems: Set<String> {
        Set(graph.tables.flatMap { $0.words + $0.columns.flatMap(\.words) })
    }

    func valueSpans(taken: Set<Int>) -> [Span] {
        var candidates: [(range: Range<Int>, value: String, column: SchemaGraph.ColumnRef)] = []
        let lowered = tokens.map(\.lower)
        let schemaStems = self.schemaStems
        // Column names of two words or more ("atomic number"): a lowercase word that starts or ends one is that name, not a value.
        let columnPhrases = Set(graph.tables.flatMap { $0.columns.flatMap { [$0.words, $0.ownWords] } }.filter { $0.count > 1 })
        func insideColumnName(_ i: Int) -> Bool {
            guard !tokens[i].capitalized || i == 0 else { return false }
            return columnPhrases.contains { phrase in
                (0..<phrase.count).contains { offset in
                    let start = i - offset
                    guard start >= 0, start + phrase.count <= tokens.count else { return false }
                    return (0..<phrase.count).allSatisfy { tokens[start + $0].stem == phrase[$0] }
                }
            }
        }
        // The roots of the words that may name a stored state in another word class ("cancellations" for 'cancelled').
        let roots: [Set<String>?] = tokens.indices.map { derivedValueWord($0, taken: taken, schemaStems: schemaStems) ? Lexicon.roots(lowered[$0]) : nil }
        let rootPrefixes = Set(tokens.indices.filter { roots[$0] != nil }.map { String(lowered[$0].prefix(2)) })
        for table in graph.tables {
            for column in table.columns where column.kind == .text || column.kind == .other || (column.isKey && !column.values.isEmpty) {
                for value in column.values {
                    let words = QuestionText.words(of: value)
                    guard !words.isEmpty, words.count <= tokens.count, Double(value) == nil else { continue }
                    if !rootPrefixes.isEmpty, words.count == 1, rootPrefixes.contains(String(words[0].prefix(2))), let i = derivedMatch(of: words[0], roots: roots, lowered: lowered),
                       acceptsSingleWord(tokens[i], value: value, schemaStems: schemaStems, at: i, column: column), !insideColumnName(i) {
                        candidates.append(((i..<(i + 1)), value, column.ref))
                    }
                    var start = 0
                    while start + words.count <= tokens.count {
                        defer { start += 1 }
                        let typed = Array(lowered[start..<(start + words.count)])
                        // The last word may be written in the plural ("no-shows" for no_show).
                        let same = typed == words || typed.dropLast() == words.dropLast() && Self.isPlural(typed.last!, of: words.last!)
                        guard same, !(start..<(start + words.count)).contains(where: { taken.contains($0) || tokens[$0].quoted }) else { continue }
                        if words.count == 1, !acceptsSingleWord(tokens[start], value: value, schemaStems: schemaStems, at: start, column: column)
                            || insideColumnName(start) { continue }
                        // "issues marked Done": a function word capitalised mid-sentence as a stored value spells it is that value.
                        // A second sentence may open with one ("…? Show the name", "…. What is …"): those stay function words.
                        let spelledAsValue = words.count == 1 && start > 0 && value.count > 2 && tokens[start].text == value && tokens[start].capitalized
                            && !Lexicon.sentenceVerbs.contains(tokens[start].lower) && !Self.sentenceOpeners.contains(tokens[start].lower)
                        if words.allSatisfy({ Lexicon.fillers.contains($0) }), !spelledAsValue, !statePredicate(start, value: value, column: column) { continue }
                        // "at the box office": a lowercase title ("The Box") whose last word begins a column's name is that name.
                        if words.count > 1, insideColumnName(start + words.count - 1),
                           !tokens[start..<(start + words.count)].contains(where: { $0.capitalized && $0.lower != "the" }) { continue }
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
        // "California" where a column holds CA: a region named in full, stored as its code.
        var regional: Set<Range<Int>> = []
        for (name, code) in Lexicon.regionCodes {
            let words = name.split(separator: " ").map(String.init)
            for start in tokens.indices where start + words.count <= tokens.count && tokens[start].capitalized
                && Array(lowered[start..<(start + words.count)]) == words && !(start..<(start + words.count)).contains(where: { taken.contains($0) }) {
                for table in graph.tables {
                    for column in table.columns where column.kind == .text && (column.values.contains(code) || Self.holdsRegionCodes(column))
                        && !column.values.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) {
                        candidates.append(((start..<(start + words.count)), code, column.ref))
                        regional.insert(start..<(start + words.count))
                    }
                }
            }
        }
        // "left-handed", "right-handed": a column of one-letter hands (L, R, and B or S for both).
        for i in tokens.indices.dropLast() where ["left", "right"].contains(lowered[i]) && lowered[i + 1] == "handed"
            && !taken.contains(i) && !taken.contains(i + 1) {
            let code = lowered[i] == "left" ? "L" : "R"
            for table in graph.tables {
                for column in table.columns where column.kind == .text && column.values.contains(code)
                    && column.values.allSatisfy({ ["L", "R", "B", "S"].contains($0) }) {
                    candidates.append(((i..<(i + 2)), code, column.ref))
                }
            }
        }
        // "European", "Canadian", "Japanese": a capitalised adjective of a stored place name.
        for (i, token) in tokens.enumerated() where token.capitalized && !token.quoted && !taken.contains(i)
            && !candidates.contains(where: { $0.range.contains(i) }) {
            let forms = Self.placeForms(of: token.lower)
            guard !forms.isEmpty else { continue }
            for table in graph.tables {
                for column in table.columns where column.kind == .text {
                    if let value = column.values.first(where: { forms.contains($0.lowercased()) }) {
                        candidates.append(((i..<(i + 1)), value, column.ref))
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
        // "Texas" beside a lowercase id 'texas': the state code wins over a value spelt in another case.
        let typed = { (range: Range<Int>) in self.tokens[range].map(\.text).joined(separator: " ") }
        let rank = { (c: (range: Range<Int>, value: String, column: SchemaGraph.ColumnRef)) -> Int in
            !regional.contains(c.range) || c.value.count == 2 || c.value == typed(c.range) ? 1 : 0
        }
        candidates.sort { ($0.range.count, -$0.range.lowerBound, rank($0), $0.column) > ($1.range.count, -$1.range.lowerBound, rank($1), $1.column) }
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

    /// Whether the word at `i` may name a stored state through its root: a lowercase content word
    /// that names nothing in the schema and is no word that shapes or links a question.
    private func derivedValueWord(_ i: Int, taken: Set<Int>, schemaStems: Set<String>) -> Bool {
        let token = tokens[i]
        guard !taken.contains(i), !token.quoted, token.number == nil, token.lower.count > 3, token.lower.allSatisfy(\.isLetter),
              !token.capitalized || i == 0 else { return false }
        return !schemaStems.contains(token.stem) && !Self.isQuestionWord(token.lower) && !Lexicon.neutralVerbs.contains(token.stem)
            && !Lexicon.fillers.contains(token.stem) && !Lexicon.sentenceVerbs.contains(token.lower)
    }

    /// The token that names a one-word stored value in another form of the same root, but not
    /// spelled as it ("cancellations" for 'cancelled', "completion" for 'completed'); nil when
    /// none does, or when the value is spelled in the question as it is (the plain match reads it).
    private func derivedMatch(of value: String, roots: [Set<String>?], lowered: [String]) -> Int? {
        guard value.count > 3, value.allSatisfy(\.isLetter), !lowered.contains(value.lowercased()) else { return nil }
        let prefix = value.lowercased().prefix(2)
        let near = roots.indices.filter { roots[$0] != nil && lowered[$0].hasPrefix(prefix) && lowered[$0] != value.lowercased()
            && !Self.isPlural(lowered[$0], of: value.lowercased()) }
        guard !near.isEmpty else { return nil }
        let root = Lexicon.roots(value)
        return near.first { !(roots[$0]?.isDisjoint(with: root) ?? true) }
    }

    /// Whether a column's sampled values are (nearly) all state or province codes, so a region named
    /// in full meets it even when the sample missed that region's code.
    static func holdsRegionCodes(_ column: SchemaGraph.Column) -> Bool {
        guard column.values.count >= 3, column.values.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isUppercase) }) else { return false }
        return Double(column.values.filter { regionCodeSet.contains($0) }.count) >= 0.8 * Double(column.values.count)
    }

    private static let regionCodeSet = Set(Lexicon.regionCodes.values)

    /// The place names an adjective may come from, by the usual English endings: "European" →
    /// Europe, "African" → Africa, "Canadian" → Canada, "Italian" → Italy, "German" → Germany,
    /// "Japanese" → Japan, "Brazilian" → Brazil.
    static func placeForms(of adjective: String) -> Set<String> {
        guard adjective.count > 4, adjective.allSatisfy(\.isLetter) else { return [] }
        var forms: Set<String> = []
        if adjective.hasSuffix("ean") { forms.insert(String(adjective.dropLast(2))) }
        if adjective.hasSuffix("ian") {
            let root = String(adjective.dropLast(3))
            forms.formUnion([root, root + "a", root + "y", root + "ia"])
        }
        if adjective.hasSuffix("an") { forms.formUnion([String(adjective.dropLast()), adjective + "y", String(adjective.dropLast(2)) + "a"]) }
        if adjective.hasSuffix("ese") { forms.insert(String(adjective.dropLast(3))) }
        forms.remove(adjective)
        return forms.filter { $0.count > 3 }
    }

    /// "no-shows" for no_show, "gases" for gas, "categories" for category: a value written in the plural.
    static func isPlural(_ typed: String, of value: String) -> Bool {
        guard value.count > 2 else { return false }
        return typed == value + "s" || typed == value + "es" || value.hasSuffix("y") && typed == value.dropLast() + "ies"
    }

    /// A one-word value counts unless it is a common word written in lowercase that means
    /// something else here: a schema word, a function word, or a verb naming a date column.
    func acceptsSingleWord(_ token: QuestionText.Token, value: String, schemaStems: Set<String>, at i: Int,
                                   column: SchemaGraph.Column) -> Bool {
        if token.text == value, token.isCode || value.count > 2 && token.capitalized { return true }
        // "rated R": a one-letter code right after a word of its column's name.
        if value.count <= 2 {
            return token.text == value && (token.isCode || i > 0 && column.words.contains(tokens[i - 1].stem))
        }
        if Lexicon.fillers.contains(token.lower) { return statePredicate(i, value: value, column: column) }
        // "ordered only once", "visited twice", "always late": an adverb of how often or how much is never a stored title ('Once').
        if !token.capitalized || i == 0, Self.adverbs.contains(token.lower) { return false }
        // "? Sort from highest to lowest": an imperative opening a sentence is no value.
        if !token.capitalized, token.text != value, Lexicon.sentenceVerbs.contains(token.lower) { return false }
        // "never made a horror movie": a lowercase verb is that verb, not a capitalised title ("Made").
        // "how many shipments have we lost": the verb spelling a state column's value ('Lost') is that state; it is not
        // read so when a date follows ("delivered in March" names when, not which state).
        if !token.capitalized, value.first?.isUppercase == true, Lexicon.neutralVerbs.contains(token.stem) {
            return token.lower == value.lowercased() && Self.isStateColumn(column) && !followedByDate(i)
        }
        // A person's name is written with a capital: "league" is not Mr League.
        let nameWords: Set<String> = ["first", "last", "given", "middle", "family", "sur", "surnam"]
        if !token.capitalized, column.words.contains("nam"), !nameWords.isDisjoint(with: column.words) { return false }
        // A word that names a table of the schema ("players" for People) is that table, not a value.
        if !token.capitalized, Self.personNouns.contains(token.stem), graph.tables.contains(where: { !Set($0.words).isDisjoint(with: Self.personTables) }),
           !namesPersonTableElsewhere(i) {
            return false
        }
        if !token.capitalized, graph.tables.contains(where: { table in table.words.count == 1 && (Lexicon.synonyms[table.words[0]]?.contains(token.stem) ?? false) }) {
            return false
        }
        // "the music genres": a word qualifying a table's noun is not a value of a table far from it.
        if modifiesDistantTable(i, holder: column.ref.table) { return false }
        // A lowercase word inside an empty phrase ("never bought a single track") is not a value ('Single').
        if !token.capitalized, Lexicon.emptyPhraseTokens(tokens).contains(i) { return false }
        // A lowercase word that shapes the question ("seconds", "most", "total") is that word.
        if !token.capitalized || i == 0, Self.shapingWords.contains(token.lower) || Lexicon.units[token.lower] != nil
            || Lexicon.superlatives[token.lower] != nil || Lexicon.comparatives[token.lower] != nil || Lexicon.months[token.lower] != nil
            || Lexicon.genericMoneyNouns.contains(token.stem) {
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

    /// Adverbs of frequency and degree, and quantifiers: they say how often or how much, never
    /// which row, so a lowercase one is not a stored value that happens to spell it.
    static let adverbs: Set<String> = [
        "once", "twice", "thrice", "again", "always", "never", "often", "sometimes", "seldom", "rarely", "usually", "frequently",
        "ever", "already", "still", "yet", "even", "only", "just", "alone", "together", "mostly", "mainly", "entirely", "fully",
        "partly", "nearly", "almost", "exactly", "more", "less", "most", "least", "much", "many", "few", "several", "enough",
        "too", "very", "quite", "rather", "anymore", "later", "soon", "recently", "previously", "currently",
    ]

    /// The words that open a question or a request, and so may open a second sentence capitalised.
    static let sentenceOpeners: Set<String> = ["what", "which", "who", "whom", "whose", "how", "where", "when", "why", "is", "are", "do", "does",
                                                "did", "can", "could", "show", "list", "give", "find", "get", "tell", "display", "return", "fetch",
                                                "retrieve", "provide", "please", "also", "and", "then", "for", "include", "name", "names"]

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

    /// Whether a word other than the one at `i` names a table of persons by the table's own name:
    /// then a person noun at `i` ("Which members are students?") says a kind of them, which a
    /// stored value must spell, and is not the table again.
    func namesPersonTableElsewhere(_ i: Int) -> Bool {
        let persons = graph.tables.filter { !Set($0.words).isDisjoint(with: Self.personTables) }
        return tokens.indices.contains { j in j != i && persons.contains { $0.words.contains(tokens[j].stem) } }
    }

    /// Whether `short` (2 to 4 letters, a column's word) abbreviates `word`: same first letter, and
    /// its letters appear in order in the word ("lg" of league, "qty" of quantity, "dept" of department).
    static func abbreviates(_ short: String, _ word: String) -> Bool {
        // An abbreviation drops vowels: "date" or "age" is a word of its own, not a short "department" or "average".
        // A function word in a name ("is" of is_airport, "has" of has_pool) abbreviates nothing, and
        // neither does "id", the word of every key, which "injured" or "invented" would otherwise name.
        guard (2...4).contains(short.count), word.count > short.count + 1, short.first == word.first, !Lexicon.fillers.contains(short), short != "id",
              short.allSatisfy(\.isLetter), short.dropFirst().filter({ "aeiou".contains($0) }).count <= (short.count == 4 ? 1 : 0)
                  || short.count <= 3 && short.filter({ "aeiou".contains($0) }).count <= 1 && !short.hasSuffix("e") else { return false }
        var rest = Substring(word)
        for char in short {
            guard let found = rest.firstIndex(of: char) else { return false }
            rest = rest[rest.index(after: found)...]
        }
        return true
    }
}
