/// The first pass of the planner: what the question asks for (count, aggregate, top-N, list),
/// and which mentions are entities, groupings, qualifiers or counted things.
extension OfflinePlanner {
    typealias Token = QuestionReader.Token
    typealias Mention = QuestionReader.Mention
    typealias ColumnRef = SchemaIndex.ColumnRef

    /// A superlative or "top N" request.
    struct TopRequest {
        var count: Int?
        var descending: Bool
        let at: Int
        /// Column words to order by (longest → duration words); nil means a date column.
        var words: [String]?
        var wantsDate: Bool
        /// "highest"/"lowest" followed by a column.
        var explicitColumn: Bool
        /// "oldest" prefers a birth date.
        var preferBirth: Bool
    }

    /// The planner's working state for one question.
    struct ParseState {
        typealias ColumnRef = SchemaIndex.ColumnRef
        let planner: OfflinePlanner
        var index: SchemaIndex { planner.index }
        let tokens: [Token]
        var consumed: Set<Int> = []
        var mentions: [Mention] = []
        var isCount = false
        /// "distinct"/"different"/"unique": count the values of the column that follows.
        var distinctAt: Int?
        var aggregate: (function: String, at: Int)?
        var top: TopRequest?
        /// "most"/"fewest" (or "by number of") just before a counted table.
        var countMarkers: [Int: Bool] = [:]
        /// Mention indices by role.
        var entities: [Int] = []
        var qualifiers: [Int] = []
        var groups: [Int] = []
        var countTargets: [Int] = []
        var orderMention: Int?
        var used: Set<Int> = []
        /// Token indices a filter took as its value.
        var valueTokens: Set<Int> = []
        var filterIntents: [FilterIntent] = []
        var notes: [String] = []
        /// The column a superlative-per-group ("longest track per album") measures.
        var superlativeMeasure: ColumnRef?

        init(planner: OfflinePlanner) throws {
            self.planner = planner
            tokens = planner.tokens
            try scanIntent()
            mentions = planner.reader.mentions(index: planner.index, skip: consumed)
            mergeTableColumnPairs()
            assignRoles()
            try scanFilters()
            try checkUnknownWords()
        }

        // MARK: Helpers

        func lower(_ i: Int) -> String? { tokens.indices.contains(i) && tokens[i].value == nil ? tokens[i].lower : nil }

        /// The nearest token before `i` that is not in `skipping`.
        func previous(_ i: Int, skipping: Set<String> = ["the", "a", "an"]) -> Int? {
            var j = i - 1
            while j >= 0, let word = lower(j), skipping.contains(word) { j -= 1 }
            return j >= 0 ? j : nil
        }

        /// The nearest token after `i` that is not in `skipping`.
        func following(_ i: Int, skipping: Set<String> = ["the", "a", "an"]) -> Int? {
            var j = i + 1
            while j < tokens.count, let word = lower(j), skipping.contains(word) { j += 1 }
            return j < tokens.count ? j : nil
        }

        func mention(endingAt i: Int) -> Int? { mentions.firstIndex { $0.end - 1 == i } }
        func mention(startingAt i: Int) -> Int? { mentions.firstIndex { $0.start == i } }
        func mention(covering i: Int) -> Int? { mentions.firstIndex { $0.start <= i && i < $0.end } }
        /// A capitalised word that is no schema name, question word or sample value: a value the
        /// samples did not show, such as "Pop" in "the genre Pop".
        func isLooseValue(_ i: Int) -> Bool {
            guard i > 0, tokens.indices.contains(i), tokens[i].value == nil, tokens[i].number == nil,
                  let first = tokens[i].text.first, first.isUppercase, !Words.stopwords.contains(tokens[i].lower),
                  mention(covering: i) == nil, !consumed.contains(i) else { return false }
            return true
        }

        func isPlural(_ m: Mention) -> Bool { tokens[m.end - 1].lower != tokens[m.end - 1].norm }

        // MARK: Intent

        private mutating func scanIntent() throws {
            let writeVerbs: Set<String> = ["delete", "drop", "update", "insert", "remove", "create", "alter", "truncate", "modify", "rename"]
            var i = 0
            while i < tokens.count {
                defer { i += 1 }
                guard let word = lower(i) else { continue }
                let next = lower(i + 1)
                if writeVerbs.contains(word) && i == 0 { throw Refusal("it only writes read-only queries") }
                switch word {
                case "how" where next == "many" || next == "much":
                    if next == "many" { isCount = true }
                    consumed.formUnion([i, i + 1])
                case "number" where next == "of":
                    consumed.formUnion([i, i + 1])
                    if let p = previous(i), lower(p) == "by" || lower(p) == "most" || lower(p) == "highest" || lower(p) == "largest" {
                        countMarkers[i + 1] = lower(p) != "least"
                        consumed.insert(p)
                    } else {
                        isCount = true
                    }
                case "distinct", "different", "unique":
                    distinctAt = i
                    consumed.insert(i)
                case "count":
                    isCount = true
                    consumed.insert(i)
                    if next == "of" { consumed.insert(i + 1) }
                case "total" where aggregate == nil && !isCount && next != "number":
                    if (0..<i).allSatisfy({ OfflinePlanner.leadWords.contains(tokens[$0].lower) }) {
                        aggregate = ("SUM", i)
                        consumed.insert(i)
                    }
                case "sum", "average", "avg", "mean", "max", "maximum", "min", "minimum":
                    guard aggregate == nil else { continue }
                    let function = ["sum": "SUM", "average": "AVG", "avg": "AVG", "mean": "AVG",
                                    "max": "MAX", "maximum": "MAX", "min": "MIN", "minimum": "MIN"][word]!
                    aggregate = (function, i)
                    consumed.insert(i)
                    if next == "of" { consumed.insert(i + 1) }
                case "highest", "lowest":
                    top = TopRequest(count: numberBefore(i), descending: word == "highest", at: i, words: nil,
                                     wantsDate: false, explicitColumn: true, preferBirth: false)
                    consumed.insert(i)
                case "top", "bottom":
                    var count: Int?
                    if let n = tokens[safe: i + 1]?.number, n >= 1, n == n.rounded() {
                        count = Int(n)
                        consumed.insert(i + 1)
                    }
                    top = TopRequest(count: count, descending: word == "top", at: i, words: [], wantsDate: false,
                                     explicitColumn: false, preferBirth: false)
                    consumed.insert(i)
                case "most", "least", "fewest":
                    if next == "expensive" || next == "recent" {
                        let descending = word == "most"
                        top = TopRequest(count: numberBefore(i), descending: descending, at: i,
                                         words: next == "expensive" ? Words.superlatives["priciest"]!.words : nil,
                                         wantsDate: next == "recent", explicitColumn: false, preferBirth: false)
                        consumed.formUnion([i, i + 1])
                    } else {
                        countMarkers[i] = word == "most"
                        consumed.insert(i)
                    }
                default:
                    if let superlative = Words.superlatives[word] {
                        top = TopRequest(count: numberBefore(i), descending: superlative.descending, at: i,
                                         words: superlative.words, wantsDate: superlative.words == nil,
                                         explicitColumn: false, preferBirth: word == "oldest")
                        consumed.insert(i)
                    }
                }
            }
        }

        /// A number written just before a superlative ("the 3 longest"), consumed.
        private mutating func numberBefore(_ i: Int) -> Int? {
            guard let p = previous(i), let n = tokens[p].number, n >= 1, n == n.rounded(), n < 10_000 else { return nil }
            consumed.insert(p)
            return Int(n)
        }

        /// "customer country" → the Country column of Customer.
        private mutating func mergeTableColumnPairs() {
            var merged: [Mention] = []
            var k = 0
            while k < mentions.count {
                let current = mentions[k]
                if k + 1 < mentions.count, !current.tables.isEmpty, mentions[k + 1].start == current.end {
                    let next = mentions[k + 1]
                    let inTable = next.columns.filter { current.tables.contains($0.table) }
                    let allInTable = index.tables.filter { current.tables.contains($0.index) }.flatMap { table in
                        table.columns.filter { column in
                            !column.isKey && column.words.count >= tokens[next.start..<next.end].count
                                && Array(column.words.suffix(next.end - next.start)) == tokens[next.start..<next.end].map(\.norm)
                        }.map { ColumnRef(table: table.index, column: $0.index) }
                    }
                    let columns = inTable.isEmpty ? allInTable : inTable
                    if !columns.isEmpty {
                        merged.append(Mention(start: current.start, end: next.end, tables: [], columns: columns, strength: 3))
                        k += 2
                        continue
                    }
                }
                merged.append(current)
                k += 1
            }
            mentions = merged
        }

        // MARK: Roles

        private mutating func assignRoles() {
            for (k, m) in mentions.enumerated() {
                let p = previous(m.start)
                let before = p.flatMap(lower)
                let after = m.end < tokens.count ? tokens[m.end] : nil
                if !m.tables.isEmpty, let after, after.value != nil || after.lower == "named" || after.lower == "called" || isLooseValue(m.end) {
                    qualifiers.append(k)
                } else if let p, let marker = countMarkers[p], !m.tables.isEmpty {
                    _ = marker
                    countTargets.append(k)
                } else if before == "per" || before == "by" || before == "each" {
                    if before == "by", top != nil, !m.columns.isEmpty, orderMention == nil {
                        orderMention = k
                    } else {
                        groups.append(k)
                    }
                } else if !m.tables.isEmpty {
                    entities.append(k)
                }
            }
            used.formUnion(qualifiers + countTargets + groups + entities)
            if let orderMention { used.insert(orderMention) }
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
