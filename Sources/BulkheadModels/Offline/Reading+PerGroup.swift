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
