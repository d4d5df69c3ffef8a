/// Whether a row has a manager: "employees with no manager", "staff who have a supervisor". A
/// table's key to itself (`ReportsTo`) is the manager; having none is that key being empty, not
/// an absence of rows of some other table.
extension Reading {
    /// Reads "no manager", "without a manager" (the key is empty) and "have a manager" (it is not)
    /// at the manager word `i`, when exactly one key refers to its own table.
    mutating func readHasManager(_ i: Int) -> Bool {
        let selfKeys = graph.edges.filter { $0.child == $0.parent && $0.childColumns.count == 1 }
        guard selfKeys.count == 1, let p = previous(i, skipping: ["a", "an", "any"]), let before = word(p) else { return false }
        let column = ColumnRef(table: selfKeys[0].child, column: selfKeys[0].childColumns[0])
        let negated: Bool
        if ["no", "without"].contains(before) {
            negated = true
            negationAt.removeAll { $0 == p }
        } else if ["have", "has", "with"].contains(before), p + 1 < i {
            negated = false
        } else {
            return false
        }
        intents.append(Intent(kind: .present(column, negated: negated), at: p))
        consumed.formUnion(p...i)
        notes.append("read \"\(tokens[i].text)\" as \(columnName(column))")
        return true
    }
}

/// "Customers who live in the same country as their support rep": the subject's column equal to
/// the same column of the row a foreign key leads to. Rows of one table compared with each other
/// (an employee and their manager) would need the table twice, so that is still refused.
extension Reading {
    /// Reads "the same <column> as <its, their> <table>" after the subject's table.
    mutating func readSameAs() {
        guard let same = tokens.indices.first(where: { word($0) == "same" }), let k = spanStarting(same + 1), !spans[k].columns.isEmpty,
              word(spans[k].range.upperBound) == "as",
              let n = following(spans[k].range.upperBound, skipping: ["the", "their", "its", "his", "her", "a", "an"]), let r = spanStarting(n),
              let other = spans[r].table,
              let s = spans.indices.first(where: { spans[$0].table != nil && spans[$0].range.upperBound <= same }), let subject = spans[s].table,
              subject != other, graph.distance(subject, other) != nil else { return }
        let columns = spans[k].columns
        guard let own = columns.first(where: { $0.table == subject }),
              let theirs = columns.first(where: { $0.table == other && graph.column($0).words == graph.column(own).words }) else { return }
        intents.append(Intent(kind: .sameAs(own, theirs, edge: spans[r].edge), at: same))
        used.formUnion([k, r])
        consumed.formUnion(same..<spans[r].range.upperBound)
    }
}

/// "Who is the manager of the employee looking after the most customers?": the row a superlative
/// picks, then the row its self-referencing key points to.
extension Reading {
    /// The plan of the rows the ranked row's self-referencing key points to: the ranking is built as
    /// if the manager were not asked for, keeps its winner's key, and the outer rows are those it names.
    mutating func buildManagerOfRanked() throws -> QueryPlan {
        var inner = self
        inner.managerAt = nil
        var ranked = try inner.build()
        let selfEdges = graph.edges.filter { $0.child == $0.parent && $0.childColumns.count == 1 }
        let rankedTables = Set([ranked.base] + ranked.groupBy.flatMap(\.columns).map(\.table))
        guard ranked.limit == 1, ranked.combined.isEmpty,
              let edge = selfEdges.first(where: { rankedTables.contains($0.child) }), selfEdges.filter({ rankedTables.contains($0.child) }).count == 1 else {
            throw Refusal("it cannot tell whose manager is asked for")
        }
        let table = edge.child
        // The superlative must be said of that row ("the employee with the most customers"), not of
        // another table's row named between ("the staff at the hotel with the most rooms").
        guard let managerAt, let rankAt = rank?.at,
              let named = spans.indices.first(where: { spans[$0].range.lowerBound > managerAt && spans[$0].table == table && !spans[$0].isValue }) else {
            throw Refusal("it cannot tell whose manager is asked for")
        }
        let between = min(rankAt, spans[named].range.lowerBound)..<max(rankAt, spans[named].range.upperBound)
        if spans.indices.contains(where: { $0 != named && spans[$0].table != nil && !spans[$0].isValue && between.contains(spans[$0].range.lowerBound) }) {
            throw Refusal("it cannot tell which row the superlative picks before its manager")
        }
        let key = ColumnRef(table: table, column: edge.childColumns[0])
        let primary = edge.parentColumns.map { QueryPlan.Expr.column(ColumnRef(table: table, column: $0)) }
        // Grouped by the ranked row's key, its own manager key is one value per group.
        if !ranked.groupBy.isEmpty {
            guard ranked.groupBy.contains(where: { primary.contains($0) }) else { throw Refusal("it cannot tell whose manager is asked for") }
            ranked.groupBy.append(.column(key))
        }
        ranked.outputs = [QueryPlan.Output(expr: .column(key))]
        ranked.distinct = false
        var plan = QueryPlan(base: table)
        plan.outputs = graph.labelColumns(of: table).map { QueryPlan.Output(expr: .column($0)) }
        plan.conditions = [.inQuery(primary, ranked, negated: false)]
        notes = inner.notes + ["kept the row that \(columnName(key)) of the ranked row points to"]
        return plan
    }
}

/// "How many employees does each manager have?": the rows counted per value of the table's key to
/// itself, each shown with the name of the row it points to (the manager), through the table met twice.
extension Reading {
    /// Whether the manager word is the object of a grouping ("each manager", "per supervisor").
    var managerGroups: Bool {
        guard let managerAt, let p = previous(managerAt) else { return false }
        return ["each", "every", "per", "by"].contains(word(p) ?? "")
    }

    /// The count the question asks for as if no manager were named, grouped by the key to itself.
    mutating func buildPerManager() throws -> QueryPlan {
        var inner = self
        inner.managerAt = nil
        var plan = try inner.buildPlan()
        let selfEdges = graph.edges.filter { $0.child == plan.base && $0.parent == plan.base && $0.childColumns.count == 1 }
        let labels = graph.labelColumns(of: plan.base)
        guard selfEdges.count == 1, plan.groupBy.isEmpty, plan.limit == nil, plan.combined.isEmpty, plan.outputs.count == 1,
              plan.outputs[0].expr == .count, !plan.conditions.contains(where: { !Set($0.columns).isDisjoint(with: labels) }) else {
            throw Refusal("it cannot tell what to count for each manager")
        }
        let key = QueryPlan.Expr.column(ColumnRef(table: plan.base, column: selfEdges[0].childColumns[0]))
        for label in labels { plan.entries[label] = selfEdges[0].id }
        plan.outputs = labels.map { QueryPlan.Output(expr: .column($0)) } + plan.outputs
        plan.groupBy = [key] + labels.map { .column($0) }
        notes = inner.notes + ["counted the rows per \(columnName(ColumnRef(table: plan.base, column: selfEdges[0].childColumns[0]))), named by the row it points to"]
        return plan
    }
}

/// "Each employee together with the name of their manager", "each donor and the name of the person
/// who referred them": the rows asked for beside the row their key to itself points to, the table
/// met twice. Only plain columns of that one table are shown so; anything else is refused.
extension Reading {
    /// Whether the manager word is owned by the rows asked for ("their manager", "his supervisor").
    var managerOfEachRow: Bool {
        guard let managerAt, rank == nil, let p = previous(managerAt) else { return false }
        return ["their", "his", "her", "its"].contains(word(p) ?? "")
    }

    /// The plan as if no manager were named, its columns shown for the row and for its manager.
    mutating func buildBesideManager() throws -> QueryPlan {
        var inner = self
        inner.managerAt = nil
        var plan = try inner.buildPlan()
        // "who reports to someone, with their manager's name": the key asked for was named already.
        if plan.outputs.contains(where: { if case .entered = $0.expr { return true }; return false }) {
            notes = inner.notes
            return plan
        }
        guard let edge = selfKey(of: plan.base), let columns = plainColumns(plan) else {
            throw Refusal("it cannot tell which columns of the manager are asked for")
        }
        let key = ColumnRef(table: plan.base, column: edge.childColumns[0])
        let primary = Set(graph.tables[plan.base].primaryKey.map(\.ref))
        let labels = graph.labelColumns(of: plan.base)
        let asked = columns.filter { $0 != key && !primary.contains($0) }
        let own = labels + asked.filter { !labels.contains($0) }
        plan.outputs = own.map { QueryPlan.Output(expr: .column($0)) }
            + (asked.isEmpty ? labels : asked).map { QueryPlan.Output(expr: .entered($0, edge: edge.id)) }
        notes = inner.notes + ["showed beside each row the row \(columnName(key)) points to"]
        return plan
    }

    /// "The name of the person who referred them": a plan showing the rows' names and their key to
    /// their own table shows the names of the rows that key points to instead of the bare key.
    mutating func nameSelfKey(_ plan: inout QueryPlan) {
        guard let edge = selfKey(of: plan.base), let columns = plainColumns(plan) else { return }
        let key = ColumnRef(table: plan.base, column: edge.childColumns[0])
        let labels = graph.labelColumns(of: plan.base)
        guard columns.contains(key), !labels.isEmpty, columns.contains(where: { labels.contains($0) }) else { return }
        plan.outputs = columns.filter { $0 != key }.map { QueryPlan.Output(expr: .column($0)) }
            + labels.map { QueryPlan.Output(expr: .entered($0, edge: edge.id)) }
        plan.distinct = false
        notes.append("named the rows \(columnName(key)) points to")
    }

    /// The table's one single-column key to itself, if it has exactly one.
    private func selfKey(of table: Int) -> SchemaGraph.Edge? {
        let edges = graph.edges.filter { $0.child == table && $0.parent == table && $0.childColumns.count == 1 }
        return edges.count == 1 ? edges[0] : nil
    }

    /// The plan's outputs when they are plain columns of its base, one row per base row; else nil.
    private func plainColumns(_ plan: QueryPlan) -> [ColumnRef]? {
        guard plan.groupBy.isEmpty, plan.having.isEmpty, plan.combined.isEmpty, plan.limit == nil, !plan.outputs.isEmpty else { return nil }
        var columns: [ColumnRef] = []
        for output in plan.outputs {
            guard case let .column(ref) = output.expr, ref.table == plan.base else { return nil }
            columns.append(ref)
        }
        return columns
    }
}
