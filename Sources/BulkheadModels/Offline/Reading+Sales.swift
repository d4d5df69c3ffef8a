/// Counts of things sold: "how many pizzas were sold", "by number of pizzas sold". The rows of
/// the catalogue say what can be sold; the lines that refer to them, with a quantity, say how
/// many were, so the count is the sum of those quantities.
extension Reading {
    static let pastSaleVerbs: Set<String> = ["sold", "bought", "purchased", "ordered"]

    /// `SUM(quantity)` of the line table that refers directly to `table`, when the question counts
    /// that table's rows with a selling verb after them ("pizzas … sold", not "orders placed") or
    /// ranks them as best-selling; not when it asks what was never sold.
    /// Nil when the counted rows are themselves dated transactions, people, or carry a quantity.
    mutating func unitsSold(of table: Int, countedAt k: Int) -> Measure? {
        // The past tense only: "pizzas sold" counts sales, "products we sell" the catalogue.
        let soldAfter = tokens[spans[k].range.upperBound...].contains { Self.pastSaleVerbs.contains($0.lower) }
        guard quantityAt != nil, moneyAt == nil, negationAt.isEmpty, soldAfter || rank?.kind == .bestSelling,
              graph.quantityColumn(of: table) == nil, graph.dateColumns(of: table).isEmpty, !graph.isPersonTable(table) else { return nil }
        let lines = graph.edges.filter { $0.parent == table && $0.child != table }.compactMap { edge -> ColumnRef? in
            graph.quantityColumn(of: edge.child)?.ref
        }
        guard lines.count == 1, let quantity = lines.first else { return nil }
        notes.append("added up \(columnName(quantity)) for the \(tableName(table)) sold (from \(quoted(k)))")
        return .expression(function: "SUM", expr: .aggregate("SUM", .column(quantity)), table: quantity.table, condition: nil)
    }
}

extension Reading {
    /// "On average, how many pizzas are there in an order": the units on the lines divided by the
    /// number of distinct parent rows those lines belong to (`SUM(quantity) / COUNT(DISTINCT order_id)`).
    /// A count under an average that has no such lines and parent refuses rather than counting all rows.
    mutating func averageCountPerParent(of table: Int, countedAt k: Int) throws -> Measure {
        let refusal = Refusal("it cannot take the average of a count per \(tableName(table)) group")
        guard let line = graph.edges.first(where: { $0.parent == table && $0.child != table && graph.quantityColumn(of: $0.child) != nil })?.child,
              let quantity = graph.quantityColumn(of: line)?.ref else { return try averageCountPerGroup(of: table, countedAt: k) ?? { throw refusal }() }
        for p in spans.indices where p != k {
            guard let parent = spans[p].table, parent != table,
                  let edge = graph.edges.first(where: { $0.child == line && $0.parent == parent }), edge.childColumns.count == 1 else { continue }
            used.insert(p)
            groupSpans.removeAll { $0 == p }
            let key = ColumnRef(table: line, column: edge.childColumns[0])
            notes.append("divided the \(columnName(quantity)) of \(tableName(table)) by the number of \(tableName(parent)) rows (from \(quoted(p)))")
            let expr: QueryPlan.Expr = .arithmetic([.scaled(.aggregate("SUM", .column(quantity)), 1), .countDistinct(.column(key))], ["/"])
            return .expression(function: "AVG", expr: expr, table: line, condition: nil)
        }
        return try averageCountPerGroup(of: table, countedAt: k) ?? { throw refusal }()
    }

    /// "The average number of tracks per album": the rows counted, divided by the number of groups
    /// they fall in (`COUNT(AlbumId) / COUNT(DISTINCT AlbumId)`; a row in no group is in no average), the average of the per-album counts), when
    /// each counted row belongs to one group (its keys lead up to the group's table) or to groups
    /// through a linking table (each pair counted once).
    mutating func averageCountPerGroup(of table: Int, countedAt k: Int) -> Measure? {
        for p in groupSpans where p != k {
            guard let group = spans[p].table, group != table, let path = graph.path(from: table, to: group), !path.isEmpty,
                  graph.tables[group].primaryKey.count == 1 else { continue }
            let key: ColumnRef
            if path.count == 2, graph.junction(path[0].child) != nil, path[0].child == path[1].child, path[1].childColumns.count == 1 {
                // "movies per genre" through movie_genres: each (movie, genre) pair once, over the genres named in it.
                key = ColumnRef(table: path[1].child, column: path[1].childColumns[0])
            } else if !graph.fansOut(from: table, along: path) {
                key = path.count == 1 && path[0].childColumns.count == 1 ? ColumnRef(table: table, column: path[0].childColumns[0])
                    : graph.tables[group].primaryKey[0].ref
            } else { continue }
            groupSpans.removeAll { $0 == p }
            used.insert(p)
            notes.append("divided the number of \(tableName(table)) rows by the number of \(tableName(group)) rows they belong to (from \(quoted(p)))")
            return .expression(function: "AVG", expr: .arithmetic([.scaled(.aggregate("COUNT", .column(key)), 1), .countDistinct(.column(key))], ["/"]),
                               table: table, condition: nil)
        }
        return nil
    }

    /// "the average number of tracks per album": an average of a count, read as a count averaged
    /// over its groups (`averageCountPerGroup`), unless the words name a column of counts ("seats").
    mutating func readAverageOfCounts() {
        guard let (function, at) = aggregate, function == "AVG", countAt == nil, word(at + 1) == "number", word(at + 2) == "of",
              let n = following(at + 2), let k = spanStarting(n), spans[k].table != nil, !Self.isColumnOfCounts(spans[k], graph: graph) else { return }
        countAt = at + 1
    }
}
