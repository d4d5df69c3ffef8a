/// The second pass: conditions in the question (values, names, "containing", comparisons,
/// years), recorded as intents and resolved to columns once the subject table is known.
extension OfflinePlanner {
    /// A condition found in the question, before its column is settled.
    struct FilterIntent {
        enum Kind {
            case value(QuestionReader.Value, contains: Bool)
            case named(String)
            case contains(String)
            case compare(op: String, value: Double, hint: [String]?)
            case between(Double, Double)
            case dates(from: String?, to: String?, wording: String)
            case havingCount(table: Int, op: String, value: Double)
        }
        let kind: Kind
        /// A column mention next to the condition.
        var columnMention: Int?
        /// A table mention next to the condition.
        var tableMention: Int?
        let at: Int
    }
}

extension OfflinePlanner.ParseState {
    static let comparators: [String: String] = [
        "greater": ">", "more": ">", "higher": ">", "larger": ">", "bigger": ">", "longer": ">",
        "less": "<", "fewer": "<", "lower": "<", "smaller": "<", "shorter": "<", "cheaper": "<",
    ]
    static let bareComparators: [String: String] = ["over": ">", "above": ">", "exceeding": ">", "under": "<", "below": "<"]
    static let containsWords: Set<String> = ["containing", "contains", "contain", "like", "including", "includes", "include"]
    static let nameStop: Set<String> = ["and", "with", "in", "from", "by", "who", "that", "which", "whose", "per", "for", "on"]

    private func isYear(_ value: Double?) -> Bool {
        guard let value else { return false }
        return value == value.rounded() && value >= 1000 && value <= 2999
    }

    /// Whether mention `k` names a column of this kind.
    private func has(_ k: Int, _ kind: SchemaIndex.Kind) -> Bool {
        mentions[k].tables.isEmpty && mentions[k].columns.contains { index.column($0).kind == kind }
    }

    /// The column mention just before `i` (over filler words), if any.
    private func columnMention(before i: Int) -> Int? {
        guard let p = previous(i, skipping: OfflinePlanner.fillers.union(["the", "a", "an"])), let k = mention(endingAt: p) else { return nil }
        return k
    }

    mutating func scanFilters() throws {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            let token = tokens[i]
            if let value = token.value, !valueTokens.contains(i) {
                valueTokens.insert(i)
                let p = previous(i)
                let contains = p.flatMap(lower).map(Self.containsWords.contains) ?? false
                var intent = OfflinePlanner.FilterIntent(kind: .value(value, contains: contains), at: i)
                let before = previous(i, skipping: OfflinePlanner.fillers.union(Self.containsWords).union(["named", "called", "the", "a", "an"]))
                if let b = before, let k = mention(endingAt: b) {
                    if mentions[k].tables.isEmpty { intent.columnMention = k; used.insert(k) } else { intent.tableMention = k }
                }
                if intent.columnMention == nil, let n = following(i, skipping: ["in", "the", "as", "a", "its", "their"]), let k = mention(startingAt: n), mentions[k].tables.isEmpty {
                    intent.columnMention = k
                    used.insert(k)
                }
                if intent.tableMention == nil {
                    intent.tableMention = mentions.indices.last { mentions[$0].end <= i && mentions[$0].end >= i - 4 && !mentions[$0].tables.isEmpty }
                }
                filterIntents.append(intent)
                continue
            }
            guard let word = lower(i) else { continue }
            // "the genre Pop", "country Norway": a capitalised value right after a table or a
            // text column, which the samples did not show.
            if isLooseValue(i), !valueTokens.contains(i), let p = previous(i), let k = mention(endingAt: p),
               !mentions[k].tables.isEmpty || has(k, .text) {
                var words: [String] = []
                var j = i
                while j < tokens.count, isLooseValue(j) {
                    words.append(tokens[j].text)
                    valueTokens.insert(j)
                    j += 1
                }
                var intent = OfflinePlanner.FilterIntent(kind: .named(words.joined(separator: " ")), at: i)
                if mentions[k].tables.isEmpty { intent.columnMention = k; used.insert(k) } else { intent.tableMention = k }
                filterIntents.append(intent)
                i = j - 1
                continue
            }
            if (word == "named" || word == "called"), let n = tokens[safe: i + 1], n.value == nil {
                var words: [String] = []
                var j = i + 1
                while j < tokens.count, tokens[j].value == nil, !Self.nameStop.contains(tokens[j].lower) {
                    words.append(tokens[j].text)
                    valueTokens.insert(j)
                    j += 1
                }
                guard !words.isEmpty else { continue }
                var intent = OfflinePlanner.FilterIntent(kind: .named(words.joined(separator: " ")), at: i)
                if let k = columnMention(before: i) {
                    if mentions[k].tables.isEmpty { intent.columnMention = k; used.insert(k) } else { intent.tableMention = k }
                }
                filterIntents.append(intent)
                i = j - 1
                continue
            }
            if Self.containsWords.contains(word), let n = tokens[safe: i + 1], n.value == nil {
                valueTokens.insert(i + 1)
                var intent = OfflinePlanner.FilterIntent(kind: .contains(n.text), at: i)
                if let k = columnMention(before: i) {
                    if mentions[k].tables.isEmpty { intent.columnMention = k; used.insert(k) } else { intent.tableMention = k }
                }
                filterIntents.append(intent)
                i += 1
                continue
            }
            // Years: in / during / after / since / before / until, between Y and Y, from Y to Y.
            if ["in", "during", "after", "since", "before", "until", "from", "between"].contains(word),
               let n = tokens[safe: i + 1], isYear(n.number), let year = n.number.map({ Int($0) }) {
                var from: String?
                var to: String?
                var last = i + 1
                switch word {
                case "after": from = "\(year + 1)-01-01"
                case "since": from = "\(year)-01-01"
                case "before": to = "\(year)-01-01"
                case "until": to = "\(year + 1)-01-01"
                case "between", "from":
                    if let joiner = lower(i + 2), joiner == "and" || joiner == "to" || joiner == "through",
                       let end = tokens[safe: i + 3], isYear(end.number), let endYear = end.number.map({ Int($0) }) {
                        from = "\(min(year, endYear))-01-01"
                        to = "\(max(year, endYear) + 1)-01-01"
                        last = i + 3
                    } else if word == "from" {
                        from = "\(year)-01-01"
                        to = "\(year + 1)-01-01"
                    } else {
                        continue
                    }
                default:
                    from = "\(year)-01-01"
                    to = "\(year + 1)-01-01"
                }
                var intent = OfflinePlanner.FilterIntent(kind: .dates(from: from, to: to, wording: tokens[i...last].map(\.text).joined(separator: " ")), at: i)
                if let k = columnMention(before: i), has(k, .date) { intent.columnMention = k; used.insert(k) }
                filterIntents.append(intent)
                valueTokens.formUnion(i...last)
                i = last
                continue
            }
            // Numbers: greater than, over, at least, between N and M.
            var op: String?
            var hint: [String]?
            var numberAt = i + 1
            if let symbol = Self.comparators[word], lower(i + 1) == "than" {
                op = symbol
                numberAt = i + 2
                if word == "longer" || word == "shorter" { hint = Words.superlatives["longest"]!.words }
                if word == "cheaper" { hint = Words.superlatives["cheapest"]!.words }
            } else if (word == "more" || word == "less"), lower(i + 1) == "expensive", lower(i + 2) == "than" {
                op = word == "more" ? ">" : "<"
                hint = Words.superlatives["priciest"]!.words
                numberAt = i + 3
            } else if let symbol = Self.bareComparators[word] {
                op = symbol
            } else if word == "at", let next = lower(i + 1), next == "least" || next == "most" {
                op = next == "least" ? ">=" : "<="
                numberAt = i + 2
            } else if word == "between", let low = tokens[safe: i + 1]?.number, lower(i + 2) == "and", let high = tokens[safe: i + 3]?.number {
                var intent = OfflinePlanner.FilterIntent(kind: .between(min(low, high), max(low, high)), at: i)
                try attachComparisonColumn(&intent, before: i, after: i + 4)
                filterIntents.append(intent)
                valueTokens.formUnion(i...(i + 3))
                i += 3
                continue
            }
            guard let symbol = op, let value = tokens[safe: numberAt]?.number else { continue }
            valueTokens.formUnion(i...numberAt)
            if let k = mention(startingAt: numberAt + 1), !mentions[k].tables.isEmpty, mentions[k].tables.count == 1 {
                used.insert(k)
                entities.removeAll { $0 == k }
                filterIntents.append(.init(kind: .havingCount(table: mentions[k].tables[0], op: symbol, value: value), at: i))
            } else {
                var intent = OfflinePlanner.FilterIntent(kind: .compare(op: symbol, value: value, hint: hint), at: i)
                try attachComparisonColumn(&intent, before: i, after: numberAt + 1)
                filterIntents.append(intent)
            }
            i = numberAt
        }
    }

    /// The column of a comparison: a column named just before the comparator or just after the
    /// number. An unknown word in that place ends the plan rather than be ignored.
    private mutating func attachComparisonColumn(_ intent: inout OfflinePlanner.FilterIntent, before: Int, after: Int) throws {
        if let k = columnMention(before: before), has(k, .numeric) {
            intent.columnMention = k
            used.insert(k)
            return
        }
        if let k = mention(startingAt: after), has(k, .numeric) {
            intent.columnMention = k
            used.insert(k)
            valueTokens.insert(after)
            return
        }
        if let p = previous(before, skipping: OfflinePlanner.fillers.union(["the", "a", "an"])), mention(covering: p) == nil,
           let word = lower(p), !Words.stopwords.contains(word), !Words.stopwords.contains(tokens[p].norm), tokens[p].number == nil {
            throw OfflinePlanner.Refusal("no column matches \"\(tokens[p].text)\"")
        }
    }

    /// Refuses a capitalised word that is neither a schema name nor a sample value (it is
    /// probably a value the planner cannot place), and a grouping by something unknown.
    mutating func checkUnknownWords() throws {
        // Every word that carries meaning must name something in the schema, be a value, or be
        // one of the neutral verbs; an unknown word ("unpaid", "specialty") is a condition or a
        // column the planner would otherwise silently drop.
        for i in tokens.indices {
            let token = tokens[i]
            guard token.value == nil, token.number == nil, !consumed.contains(i), !valueTokens.contains(i),
                  mention(covering: i) == nil, !Words.stopwords.contains(token.lower), !Words.stopwords.contains(token.norm),
                  !Words.neutral.contains(token.lower), !Words.genericMeasures.contains(token.norm) else { continue }
            throw OfflinePlanner.Refusal("nothing in the schema or its sample values matches \"\(token.text)\"")
        }
        for i in tokens.indices where ["per", "by", "each"].contains(lower(i) ?? "") && !consumed.contains(i) {
            guard let n = following(i), tokens[n].value == nil, tokens[n].number == nil, !consumed.contains(n),
                  mention(covering: n) == nil else { continue }
            throw OfflinePlanner.Refusal("no table or column matches \"\(tokens[n].text)\" to group by")
        }
    }
}
