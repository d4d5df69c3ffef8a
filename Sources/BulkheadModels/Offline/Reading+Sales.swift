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
