/// Comparisons whose other side is itself an aggregate: the average of every row ("genres whose
/// average song length is longer than the average length of all songs"), the average of the row's
/// own group ("penguins heavier than the average for their own species"), and the extreme of the
/// rows a value names ("Gentoo penguins heavier than the heaviest Chinstrap").
extension Reading {
    /// Words that may stand between "average" and the group or scope it is taken over.
    static let scopeFillers: Set<String> = ["of", "for", "in", "on", "within", "from", "among", "across", "the", "all", "every", "any"]
    /// Nouns for a whole collection of rows, not for a table: "the average across the whole group".
    static let collectiveNouns: Set<String> = ["group", "chain", "company", "business", "board", "lot", "set", "range", "database", "dataset", "catalog", "catalogue", "portfolio"]

    /// "an average song length longer than the average …": the aggregate said before the compared
    /// column makes the comparison one per subject row (a group), not per row.
    mutating func markGroupAggregate(_ intent: inout Intent) {
        // "whose total spending is above the average …": the aggregate of the money the subject's rows hold.
        if intent.columnSpan == nil, moneyAt != nil, let m = previous(intent.at, skipping: ["the", "is", "are", "was", "were", "has", "have"]),
           let noun = tokens[safe: m], Lexicon.genericMoneyNouns.contains(noun.stem) || Lexicon.moneyVerbs.contains(noun.stem),
           let p = previous(m), let w = word(p), let function = Self.aggregates[w] ?? (w == "total" ? "SUM" : nil), !consumed.contains(p) {
            intent.aggregate = function
            consumed.insert(p)
            // "… the average customer's total spending": the total said after is the compared one, not the answer.
            if let said = aggregate, said.at > intent.at, said.function == function {
                aggregate = nil
                aggregateAt.removeAll { $0 == said.at }
            }
            for k in spans.indices where spans[k].range.lowerBound >= p && tokens[spans[k].range].allSatisfy({ token in
                token.lower == "total" || Lexicon.genericMoneyNouns.contains(token.stem) || Lexicon.moneyVerbs.contains(token.stem)
            }) { used.insert(k) }
            return
        }
        // "customers who spent more than the average customer": each one's total spending against
        // the average of those totals (only verbs of spending; "cost more" compares a price per row).
        if intent.columnSpan == nil, intent.aggregate == nil, moneyAt != nil,
           let m = previous(intent.at, skipping: ["the", "is", "are", "was", "were", "has", "have", "had"]),
           ["spent", "spend", "spends", "paid", "pay", "pays"].contains(tokens[m].lower) {
            intent.aggregate = "SUM"
            // "… than the average customer's total spend": that total is the compared one, not the answer.
            if let said = aggregate, said.at > intent.at, said.function == "SUM" {
                aggregate = nil
                aggregateAt.removeAll { $0 == said.at }
                for k in spans.indices where spans[k].range.lowerBound >= said.at && tokens[spans[k].range].allSatisfy({ token in
                    token.lower == "total" || Lexicon.genericMoneyNouns.contains(token.stem) || Lexicon.moneyVerbs.contains(token.stem)
                }) { used.insert(k) }
            }
            return
        }
        // Only a column said before the comparison: "longer than the average distance" is per row.
        guard let k = intent.columnSpan, spans[k].range.upperBound <= intent.at else { return }
        guard let found = aggregateWord(before: k), let w = word(found.at), let function = Self.aggregates[w] ?? (w == "total" ? "SUM" : nil) else { return }
        intent.aggregate = function
        consumed.insert(found.at)
        releaseAggregate(at: found.at)
        used.formUnion(found.qualifiers)
    }

    /// The unconsumed aggregate word before the column span `k`, over the names that qualify the
    /// column ("an average song length", "an average bill depth" where "bill" also names columns).
    /// Returns the word's index and the column spans between (parts of the column's name, taken with it).
    func aggregateWord(before k: Int) -> (at: Int, qualifiers: [Int])? {
        var p = previous(spans[k].range.lowerBound)
        var qualifiers: [Int] = []
        while let q = p, qualifiers.count < 2, let s = spanEnding(q), !spans[s].isValue, spans[s].table != nil || !spans[s].columns.isEmpty {
            p = previous(spans[s].range.lowerBound)
            qualifiers.append(s)
        }
        guard let p, let w = word(p), Self.aggregates[w] != nil || w == "total" else { return nil }
        // "room types that average a review score above 8": the verb "average" (an article after it) is the comparison's.
        guard !consumed.contains(p) || aggregate?.at == p && ["a", "an"].contains(word(p + 1) ?? "") else { return nil }
        return (p, qualifiers.filter { spans[$0].table == nil })
    }

    /// Gives the answer's aggregate word at `p` to a comparison that took it.
    mutating func releaseAggregate(at p: Int) {
        guard aggregate?.at == p else { return }
        aggregate = nil
        aggregateAt.removeAll { $0 == p }
    }

    /// "weigh more than", "weighs less than": the verb names the compared measure as "heavier" would.
    mutating func verbHint(_ i: Int, _ w: String) -> String? {
        guard ["more", "less"].contains(w), let p = previous(i), let verb = word(p), ["weigh", "weighs", "weighed"].contains(verb) else { return nil }
        consumed.insert(p)
        return w == "more" ? "heaviest" : "lightest"
    }

    /// After "the average …": "of all songs" (every row) or "for their own species" (the row's own
    /// group, a table its rows refer to). Returns the index after the words it took.
    mutating func readAverageScope(_ intent: inout Intent, from start: Int) -> Int {
        var j = start
        // "the average bill depth" where "bill" and "depth" link apart: the rest of the column's name.
        while let k = spanStarting(j), !spans[k].isValue, !used.contains(k), let c = intent.columnSpan,
              !Set(spans[k].columns).isDisjoint(with: spans[c].columns) {
            used.insert(k)
            j = spans[k].range.upperBound
        }
        let afterColumn = j
        var taken: [Int] = []
        var spansTaken: [Int] = []
        var group: Int?
        while j < tokens.count {
            if let k = spanStarting(j), let table = spans[k].table, !used.contains(k) {
                spansTaken.append(k)
                j = spans[k].range.upperBound
                if taken.contains(where: { ["their", "its"].contains(word($0) ?? "") }) { group = table; break }
                continue
            }
            guard let w = word(j), Self.scopeFillers.contains(w) || ["their", "its", "own"].contains(w) else { break }
            taken.append(j)
            j += 1
        }
        // "across the whole group", "over the entire chain": every row, said of the whole collection.
        if spansTaken.isEmpty, ["whole", "entire"].contains(word(j) ?? ""), let noun = word(j + 1), Self.collectiveNouns.contains(noun),
           spanCovering(j + 1) == nil, !taken.isEmpty {
            consumed.formUnion(taken + [j, j + 1])
            return j + 2
        }
        // Nothing but fillers: leave them to the other passes.
        guard !spansTaken.isEmpty else { return afterColumn }
        if taken.contains(where: { ["their", "its"].contains(word($0) ?? "") }) && group == nil { return afterColumn }
        intent.ownGroup = group
        consumed.formUnion(taken)
        used.formUnion(spansTaken)
        return j
    }

    /// "heavier than the heaviest Chinstrap", "a higher melting point than the highest melting point
    /// of any alkali metal": the compared column's extreme over the rows the value names.
    mutating func readExtremeComparison(_ i: Int, op: String, hint: String?, after numberAt: Int, named: Int?) -> Int? {
        guard let s = following(numberAt - 1), let w = word(s), let superlative = Lexicon.superlatives[w] else { return nil }
        var j = s + 1
        var columnSpan: Int?
        var tableSpans: [Int] = []
        while j < tokens.count {
            if let k = spanStarting(j) {
                if case let .value(text, holders) = spans[k].meaning {
                    var intent = Intent(kind: .compareToRow(op: op, hint: hint ?? w, value: text, holders: holders), at: i)
                    intent.aggregate = superlative.descending ? "MAX" : "MIN"
                    intent.columnSpan = named ?? columnSpan ?? self.columnSpan(before: i)
                    if let c = intent.columnSpan { used.insert(c) }
                    used.formUnion(tableSpans)
                    intents.append(intent)
                    consumed.formUnion(i..<spans[k].range.upperBound)
                    if rank?.at == s { rank = nil }
                    if aggregate?.at == s { aggregate = nil }
                    return spans[k].range.upperBound - 1
                }
                if !spans[k].columns.isEmpty, columnSpan == nil { columnSpan = k } else if spans[k].table != nil { tableSpans.append(k) } else { return nil }
                j = spans[k].range.upperBound
                continue
            }
            guard let next = word(j), Self.scopeFillers.contains(next) || next == "a" || next == "an" else { return nil }
            j += 1
        }
        return nil
    }

    /// Settles a comparison with an average that is nested: per group, or over the row's own group.
    /// Returns false when the comparison is a plain one with the average of every row.
    mutating func resolveNestedAverage(_ intent: Intent, op: String, hint: String?, into plan: inout QueryPlan, near: [Int], subject: Int) throws -> Bool {
        if let counted = intent.countedTable { return try resolveCountAgainstAverage(intent, counted: counted, op: op, into: &plan, subject: subject) }
        if let group = intent.ownGroup {
            let target = try comparisonColumn(intent, unit: nil, hint: hint, near: near, subject: subject)
            guard let edge = graph.edges.first(where: { $0.child == target.table && $0.parent == group && $0.childColumns.count == 1 }) else {
                throw Refusal("\(tableName(target.table)) does not refer to \(tableName(group)) directly, so it cannot take the average of each one's own")
            }
            let key = ColumnRef(table: target.table, column: edge.childColumns[0])
            plan.conditions.append(.compareToOwnGroup(target, op: op, function: "AVG", key: key))
            notes.append("compared \(columnName(target)) with the average of the rows of the same \(tableName(group))")
            return true
        }
        guard let function = intent.aggregate else { return false }
        var measured: QueryPlan.Expr
        var table: Int
        if intent.columnSpan == nil, moneyAt != nil, let money = try measureByMeaning(anchors: [subject], quantity: false) {
            (measured, table) = (money.expr, money.table)
        } else {
            // "whose songs are on average longer than the average song": the column of the table averaged.
            let averaged = intent.columnSpan == nil ? intent.tableSpan.flatMap { spans[$0].table }.flatMap { $0 != subject ? $0 : nil } : nil
            let target = try comparisonColumn(intent, unit: nil, hint: hint, near: near, subject: averaged ?? subject)
            (measured, table) = (.column(target), target.table)
        }
        let name = measured.columns.map(columnName).joined(separator: ", ")
        let keys = graph.tables[subject].primaryKey.map { QueryPlan.Expr.column($0.ref) }
        guard table != subject, keys.count == 1, graph.distance(table, subject) != nil else {
            throw Refusal("it cannot tell which rows the \(function.lowercased()) of \(name) is taken over")
        }
        var overall = QueryPlan(base: table)
        if function == "AVG" {
            // The average of every row: "the average length of all songs".
            overall.outputs = [QueryPlan.Output(expr: .aggregate("AVG", measured))]
        } else {
            // "the average customer's total": the total over the rows, shared among the subjects that have any.
            let total = QueryPlan.Expr.scaled(.aggregate(function, measured), 1)
            overall.outputs = [QueryPlan.Output(expr: .arithmetic([total, .countDistinct(keys[0])], ["/"]))]
        }
        var sub = QueryPlan(base: table)
        sub.outputs = keys.map { QueryPlan.Output(expr: $0) }
        sub.groupBy = keys
        sub.having = [.compareToQuery(.aggregate(function, measured), op, overall)]
        plan.conditions.append(.inQuery(keys, sub, negated: false))
        notes.append("kept \(tableName(subject)) rows whose \(function) of \(name) is \(op) the average")
        return true
    }

    /// Settles "heavier than the heaviest Chinstrap": the compared column against its extreme over the rows the value names.
    mutating func resolveExtreme(_ intent: Intent, function: String, op: String, hint: String?, text: String, holders: [ColumnRef],
                                 into plan: inout QueryPlan, near: [Int], subject: Int) throws {
        let target = try comparisonColumn(intent, unit: nil, hint: hint, near: near, subject: subject)
        guard let holder = choose(holders.filter { graph.distance($0.table, target.table) != nil }, near: [target.table]) else {
            throw Refusal("'\(text)' is not related to \(tableName(target.table))")
        }
        var extreme = QueryPlan(base: target.table)
        extreme.outputs = [QueryPlan.Output(expr: .aggregate(function, .column(target)))]
        extreme.conditions = [.oneOf(.column(holder), [text], negated: false)]
        plan.conditions.append(.compareToQuery(.column(target), op, extreme))
        notes.append("compared \(columnName(target)) with the \(function) over '\(text)'")
    }

    /// "a higher melting point than", "a larger population than", "more at the box office than": a
    /// comparative whose column is named between it and "than". Returns that column's span.
    func comparedColumnBeforeThan(_ i: Int, _ w: String) -> Int? {
        guard Lexicon.comparatives[w] != nil, word(skippingAdverb(i + 1)) != "than", let n = following(i, skipping: ["the", "a", "an", "at", "in", "on"]),
              let k = spanStarting(n), !spans[k].columns.isEmpty, !spans[k].isValue, thanAfterColumn(k) != nil else { return nil }
        return k
    }

    /// Where "than" stands after a compared column, over "per <the column's table>" and an adverb
    /// ("more freight per order on average than").
    func thanAfterColumn(_ k: Int) -> Int? {
        var j = spans[k].range.upperBound
        // "a longer flipper length": the rest of the column's name, linked apart.
        while let m = spanStarting(j), !spans[m].isValue, !Set(spans[m].columns).isDisjoint(with: spans[k].columns) { j = spans[m].range.upperBound }
        if word(j) == "per", let t = spanStarting(j + 1), let table = spans[t].table, spans[k].columns.contains(where: { $0.table == table }) {
            j = spans[t].range.upperBound
        }
        j = skippingAdverb(j)
        return word(j) == "than" ? j : nil
    }

    /// Takes the "per <table>" after a compared column: the rows the column is already on, not a grouping.
    mutating func takePerTable(after k: Int) {
        var j = spans[k].range.upperBound
        while let m = spanStarting(j), !spans[m].isValue, !Set(spans[m].columns).isDisjoint(with: spans[k].columns) {
            used.insert(m)
            j = spans[m].range.upperBound
        }
        guard word(j) == "per", let t = spanStarting(j + 1), let table = spans[t].table, spans[k].columns.contains(where: { $0.table == table }) else { return }
        consumed.insert(j)
        used.insert(t)
    }

    // MARK: Adverbial aggregates

    /// Reads "in total" and "on average" said as adverbs of a comparison ("spent more in total than
    /// the average customer", "whose songs are on average longer than"): the comparison is of each
    /// subject row's aggregate. Only beside a comparative or "than"; elsewhere they stay words.
    mutating func readAdverbialAggregates() {
        for i in tokens.indices.dropLast() {
            guard let w = word(i), let a = word(i + 1) else { continue }
            let function: String
            switch (w, a) {
            case ("on", "average"): function = "AVG"
            case ("in", "total"): function = "SUM"
            default: continue
            }
            guard let next = word(i + 2), next == "than" || Lexicon.comparatives[next] != nil else { continue }
            adverbialAggregates[i] = function
            consumed.formUnion([i, i + 1])
        }
    }

    /// The index after an adverbial aggregate standing at `j`, else `j`.
    func skippingAdverb(_ j: Int) -> Int { adverbialAggregates[j] != nil ? j + 2 : j }

    /// The aggregate of an adverb said in the comparison from `start` (its comparative) to `end`
    /// (its other side), claimed once; and the table named just before an adverb that precedes the
    /// comparative ("whose songs are on average longer": the songs' column is compared).
    mutating func claimAdverb(from start: Int, to end: Int) -> (function: String, table: Int?)? {
        guard let at = adverbialAggregates.keys.sorted().first(where: { !claimedAdverbs.contains($0) && $0 >= start - 2 && $0 < end }) else { return nil }
        claimedAdverbs.insert(at)
        guard at < start, let p = previous(at, skipping: ["is", "are", "was", "were", "be", "that", "which", "who"]), let t = spanEnding(p), spans[t].table != nil, !used.contains(t) else {
            return (adverbialAggregates[at]!, nil)
        }
        return (adverbialAggregates[at]!, t)
    }

    /// Refuses an adverbial aggregate no comparison claimed: it would be a measure silently dropped.
    func checkAdverbsClaimed() throws {
        if let at = adverbialAggregates.keys.sorted().first(where: { !claimedAdverbs.contains($0) }) {
            throw Refusal("it cannot tell what \"\(tokens[at].text) \(tokens[at + 1].text)\" applies to")
        }
    }
}
