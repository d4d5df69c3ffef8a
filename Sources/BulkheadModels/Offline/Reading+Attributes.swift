/// Refusing an attribute or a date that belongs to other rows than the ones asked about: "the
/// phone number of the band Aerosmith" where only customers have phones, "tracks that came out
/// before 1990" where only invoices have dates. Reaching such a column through the rows that
/// relate the two (the customers who bought the band's tracks, the invoices that sold the
/// tracks) would answer another question, so the planner says the schema does not hold it.
extension Reading {
    /// Verbs that say when a row itself came to be: a date of related rows does not tell it.
    static let originVerbs = Lexicon.stems(["release", "publish", "found", "establish", "launch", "debut", "premiere",
                                            "record", "compose", "write", "written", "produce", "create", "build", "built"])

    /// Refuses a listed column of a table the question never names, reached from the rows asked
    /// about only through their related rows and back up to another parent of those (a column of
    /// a many-to-many relation would repeat per relation and answer another question).
    func refuseUnrelatedAttributes(_ plan: QueryPlan) throws {
        guard plan.groupBy.isEmpty, plan.combined.isEmpty else { return }
        var named = mentionedTables(Set(tokens.map(\.stem)))
        for span in spans {
            if case let .value(_, columns) = span.meaning { named.formUnion(columns.map(\.table)) }
        }
        for output in plan.outputs {
            guard case let .column(ref) = output.expr, ref.table != plan.base, !named.contains(ref.table),
                  let path = graph.path(from: plan.base, to: ref.table, preferring: plan.preferredTables),
                  graph.fansOut(from: plan.base, along: path), climbsAfterFanning(from: plan.base, along: path) else { continue }
            throw Refusal("the schema holds no \(graph.column(ref).name) of \(tableName(plan.base)) rows "
                          + "(\(columnName(ref)) belongs to \(tableName(ref.table)), which the question does not name)")
        }
    }

    /// Whether `path` goes down to children and then up to a parent of theirs: the rows at its end
    /// relate to the start only through rows between them (customers who bought an artist's tracks).
    func climbsAfterFanning(from start: Int, along path: [SchemaGraph.Edge]) -> Bool {
        var current = start
        var fanned = false
        for edge in path {
            let up = edge.child == current && edge.parent != current
            if up, fanned { return true }
            if !up { fanned = true }
            current = up ? edge.parent : edge.child
        }
        return false
    }

    /// The date column chosen for a condition, unless the question asks when the subject itself was
    /// made ("released", "came out") and the column is another table's date that does not say so.
    func ownDate(_ column: ColumnRef, subject: Int, questionStems: Set<String>) throws -> ColumnRef {
        guard column.table != subject, !graph.extends(column.table, subject), !graph.extends(subject, column.table) else { return column }
        let comesOut = tokens.indices.contains { i in
            ["come", "came", "comes", "coming"].contains(tokens[i].lower) && tokens.indices.contains(i + 1) && tokens[i + 1].lower == "out"
        }
        let verbs = Self.originVerbs.intersection(questionStems)
        guard comesOut || !verbs.isEmpty else { return column }
        if !verbs.isDisjoint(with: graph.column(column).words) { return column }
        throw Refusal("no date of \(tableName(subject)) says when it was made; \(columnName(column)) is the date of other rows")
    }
}
