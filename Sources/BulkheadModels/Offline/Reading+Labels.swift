/// Names borrowed from the row a table refers to: a table with no name of its own ("pizzas", each a
/// type in a size, keyed by a code) is named by the most specific row it points to (its type), so
/// "the names of the pizzas" shows the types' names rather than the codes.
extension Reading {
    /// The parent whose name names the rows of `table`, the edge to it and its name columns; nil when
    /// the table has a name of its own or no parent has one.
    func borrowedName(of table: Int) -> (parent: Int, edge: Int, labels: [ColumnRef])? {
        let isName = { (ref: ColumnRef) in
            let words = graph.column(ref).ownWords
            return !graph.column(ref).isKey && (words.contains("nam") || words.contains("titl"))
        }
        guard !graph.labelColumns(of: table).contains(where: isName) else { return nil }
        let candidates = graph.edges.filter { edge in
            edge.child == table && edge.parent != table && graph.labelColumns(of: edge.parent).allSatisfy(isName)
        }
        // The most specific row: the parent with the most rows (a pizza's type, not its size).
        guard let best = candidates.max(by: { (graph.tables[$0.parent].rowCount ?? 0, -$0.id) < (graph.tables[$1.parent].rowCount ?? 0, -$1.id) }),
              candidates.filter({ (graph.tables[$0.parent].rowCount ?? 0) == (graph.tables[best.parent].rowCount ?? 0) }).count == 1 else { return nil }
        return (best.parent, best.id, graph.labelColumns(of: best.parent))
    }

    /// "pizza types with garlic but no tomatoes": a value excluded from rows the subject has many of is
    /// the subject's key NOT IN those with it, never `<>` on one joined row. Nil when each subject row
    /// has at most one such row (a lookup along foreign keys), where `<>` is right.
    func excludingMany(_ target: ColumnRef, _ text: String, subject: Int) -> QueryPlan.Condition? {
        guard target.table != subject, graph.distance(subject, target.table) != nil else { return nil }
        var reached: Set<Int> = [subject]
        var frontier = [subject]
        while let t = frontier.popLast() {
            for edge in graph.edges where edge.child == t && !reached.contains(edge.parent) {
                reached.insert(edge.parent)
                frontier.append(edge.parent)
            }
        }
        let keys = graph.tables[subject].primaryKey.map { QueryPlan.Expr.column($0.ref) }
        guard !reached.contains(target.table), !keys.isEmpty else { return nil }
        var sub = QueryPlan(base: target.table)
        sub.outputs = keys.map { QueryPlan.Output(expr: $0) }
        sub.conditions = [.oneOf(.column(target), [text], negated: false)]
        return .inQuery(keys, sub, negated: true)
    }
}
