/// A count per subject row against the average of those counts: "artists with more albums than
/// the average artist", "pizza types that sold more pizzas than the average pizza type". Each
/// subject row's count (or units sold) is compared with the total shared among the subject rows
/// that have any: the average of the per-row counts, without a derived table.
extension Reading {
    /// Reads "more <table> than the average <subject>" at `i` (`w` is "more", "fewer" or "less").
    mutating func readCountAgainstAverage(_ i: Int, _ w: String) -> Int? {
        guard ["more", "fewer", "less"].contains(w), let op = Lexicon.comparatives[w], let k = spanStarting(i + 1), let counted = spans[k].table,
              word(spans[k].range.upperBound) == "than", let n = following(spans[k].range.upperBound, skipping: ["the", "a", "an"]),
              ["average", "avg", "mean", "typical"].contains(word(n) ?? ""), let g = spanStarting(n + 1), let group = spans[g].table,
              group != counted, graph.distance(counted, group) != nil else { return nil }
        var intent = Intent(kind: .compareToAverage(op: op, hint: nil), at: i)
        intent.countedTable = counted
        intent.tableSpan = g
        intents.append(intent)
        used.formUnion([k, g])
        consumed.formUnion(i..<spans[g].range.upperBound)
        return spans[g].range.upperBound - 1
    }

    /// `subject key IN (… GROUP BY key HAVING count > total / COUNT(DISTINCT key))`: the count is of
    /// the counted rows, or the units on the lines that sell them when the question sells them.
    mutating func resolveCountAgainstAverage(_ intent: Intent, counted: Int, op: String, into plan: inout QueryPlan, subject: Int) throws -> Bool {
        let keys = graph.tables[subject].primaryKey.map { QueryPlan.Expr.column($0.ref) }
        guard keys.count == 1, subject != counted, graph.distance(counted, subject) != nil else {
            throw Refusal("it cannot tell which \(tableName(subject)) rows the \(tableName(counted)) rows are counted for")
        }
        var base = counted
        var measured = QueryPlan.Expr.count
        var name = "\(tableName(counted)) rows"
        if quantityAt != nil, moneyAt == nil,
           let line = graph.edges.first(where: { $0.parent == counted && $0.child != counted && graph.quantityColumn(of: $0.child) != nil })?.child,
           let quantity = graph.quantityColumn(of: line)?.ref {
            // "sold more pizzas": the units on the lines, not the catalogue's rows.
            (base, measured, name) = (line, .aggregate("SUM", .column(quantity)), columnName(quantity))
        } else if let key = graph.tables[counted].primaryKey.first, graph.tables[counted].primaryKey.count == 1 {
            measured = .countDistinct(.column(key.ref))
        }
        var overall = QueryPlan(base: base)
        // The total of the per-row counts: every (counted, subject) pair once.
        let total: QueryPlan.Expr = base == counted ? .count : measured
        overall.outputs = [QueryPlan.Output(expr: .arithmetic([.scaled(total, 1), .countDistinct(keys[0])], ["/"]))]
        var sub = QueryPlan(base: base)
        sub.outputs = keys.map { QueryPlan.Output(expr: $0) }
        sub.groupBy = keys
        sub.having = [.compareToQuery(measured, op, overall)]
        plan.conditions.append(.inQuery(keys, sub, negated: false))
        notes.append("kept \(tableName(subject)) rows whose \(name) are \(op) the average per \(tableName(subject))")
        return true
    }
}

/// Rows of one table counted per row of the same table: "courses that are a prerequisite for at
/// least three other courses", "countries that border more than 5 other countries". The pairs are
/// the rows of the one table whose two keys both refer to the subject's table.
extension Reading {
    /// `key IN (SELECT side FROM pairs GROUP BY side HAVING COUNT(*) op value)`. The subject's side
    /// is the key a word of the question names ("prerequisite" → `prereq_code`), else the key named
    /// like the table's own; nil when no single pair table or side is clear.
    mutating func selfPairCount(subject: Int, op: String, value: Double) -> QueryPlan.Condition? {
        let graph = self.graph
        let keys = graph.tables[subject].primaryKey
        guard keys.count == 1 else { return nil }
        let pairs = graph.tables.indices.filter { t in
            t != subject && graph.edges.filter { $0.child == t }.count == 2
                && graph.edges.filter { $0.child == t && $0.parent == subject && $0.childColumns.count == 1 }.count == 2
        }
        guard pairs.count == 1, let pair = pairs.first else { return nil }
        let edges = graph.edges.filter { $0.child == pair && $0.parent == subject }
        let own = graph.column(keys[0].ref).words
        let stems = tokens.map(\.stem).filter { $0.count >= 4 }
        func words(_ edge: SchemaGraph.Edge) -> [String] { graph.tables[pair].columns[edge.childColumns[0]].words }
        let named = edges.filter { edge in
            words(edge).filter { !own.contains($0) && $0.count >= 4 }.contains { w in stems.contains { $0.hasPrefix(w) || w.hasPrefix($0) } }
        }
        let plain = edges.filter { words($0) == own }
        guard let side = named.count == 1 ? named[0] : named.isEmpty && plain.count == 1 ? plain[0] : nil else { return nil }
        let column = QueryPlan.Expr.column(ColumnRef(table: pair, column: side.childColumns[0]))
        var sub = QueryPlan(base: pair)
        sub.outputs = [QueryPlan.Output(expr: column)]
        sub.groupBy = [column]
        sub.having = [.compare(.count, op, .number(value))]
        for k in spans.indices where spans[k].table == pair { used.insert(k) }
        notes.append("counted \(tableName(pair)) rows per \(graph.name(ColumnRef(table: pair, column: side.childColumns[0])))")
        return .inQuery([.column(keys[0].ref)], sub, negated: false)
    }
}
