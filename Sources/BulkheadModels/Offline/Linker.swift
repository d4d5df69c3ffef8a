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

    /// Makes `column` the strongest of span `k`'s columns (the rows' own column where a synonym
    /// also reached it).
    mutating func prefer(_ k: Int, _ column: SchemaGraph.ColumnRef) {
        let strongest = spans[k].columnStrengths.values.max() ?? spans[k].strength
        spans[k].columnStrengths[column] = strongest + 1
        spans[k].meaning = .columns([column] + spans[k].columns.filter { $0 != column })
    }

    /// Enters span `k`'s table by the foreign key `edge`.
    mutating func setEdge(_ k: Int, _ edge: Int) {
        spans[k].edge = edge
    }

    /// Forgets span `k` (a verb that names a linking table: the joins go through it, nothing else).
    mutating func remove(_ k: Int) {
        spans.remove(at: k)
    }

    /// Links the words not in a value nor in `skip` to tables, columns and terms.
    mutating func linkNames(skipping skip: Set<Int>) {
        let found = nameSpans(taken: skip.union(valueTokens))
        spans = (spans + found).sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    func span(covering i: Int) -> Int? { spans.firstIndex { $0.range.contains(i) } }
    func span(startingAt i: Int) -> Int? { spans.firstIndex { $0.range.lowerBound == i } }
    func span(endingAt i: Int) -> Int? { spans.firstIndex { $0.range.upperBound - 1 == i } }

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
}
