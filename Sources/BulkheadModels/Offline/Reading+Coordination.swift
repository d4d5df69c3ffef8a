/// Two conditions of the same kind that no single row can meet together, said of one subject:
/// "customers who ordered in 2023 but not in 2024" keeps the customers with a 2023 order EXCEPT
/// those with a 2024 order; "in both 2023 and 2024" INTERSECTs them. Each statement is the same
/// reading with one of the two conditions, so whatever else the question says holds in both.
extension Reading {
    /// Words that may stand between two coordinated dates beside "but" and a negation, or "and".
    static let dateCoordinationFillers: Set<String> = ["in", "during", "for", "of", "on", "at", "the", "did", "do", "does", "was", "were", "any", "a", "an"]

    /// Whether a condition is a date, a month or a day of the calendar.
    private static func isDate(_ kind: Intent.Kind) -> Bool {
        switch kind {
        case .dates, .month, .day: return true
        default: return false
        }
    }

    /// Reads "<date> but not <date>" and "both <date> and <date>" over two date conditions. Returns
    /// whether it took them.
    mutating func readDateCoordination() -> Bool {
        let dated = intents.filter { Self.isDate($0.kind) }.sorted { $0.at < $1.at }
        guard dated.count == 2 else { return false }
        let (a, b) = (dated[0].at, dated[1].at)
        var negation: Int?
        var joiner: Int?
        for i in (a + 1)..<b {
            guard spanCovering(i) == nil, let w = word(i) else {
                // The first date's own words and numbers ("December 2024").
                if consumed.contains(i) && i < (negation ?? joiner ?? b) { continue }
                return false
            }
            if ["but", "and"].contains(w), joiner == nil { joiner = i; continue }
            if Self.negations.contains(w), joiner != nil, negation == nil, negationAt.contains(i) { negation = i; continue }
            if Self.dateCoordinationFillers.contains(w) { continue }
            if consumed.contains(i), joiner == nil { continue }
            return false
        }
        guard let joiner else { return false }
        let operation: SetOperation
        if let negation, word(joiner) == "but" || word(joiner) == "and" {
            operation = .except
            negationAt.removeAll { $0 == negation }
            consumed.insert(negation)
        } else if negation == nil, word(joiner) == "and",
                  let both = previous(a, skipping: Self.dateCoordinationFillers), word(both) == "both", !consumed.contains(both) {
            operation = .intersect
            consumed.insert(both)
        } else {
            return false
        }
        consumed.insert(joiner)
        let intents = self.intents
        let tokens = self.tokens
        func wording(_ at: Int) -> String {
            if case let .dates(_, _, text) = intents.first(where: { $0.at == at })?.kind { return text }
            return tokens[at].text
        }
        coordination = Coordination(operation: operation, first: wording(a), second: wording(b), conditionsAt: [a, b])
        notes.append(operation == .except ? "kept the rows of \(wording(a)) EXCEPT those of \(wording(b))"
                                          : "kept the rows of both \(wording(a)) and \(wording(b))")
        return true
    }

    /// The plan built once with each coordinated condition (the other left out), the two statements
    /// combined by the coordination's set operation over what identifies the answer's rows.
    mutating func buildEachCondition(_ coordination: Coordination) throws -> QueryPlan {
        func reading(without at: Int) -> Reading {
            var copy = self
            copy.coordination = nil
            copy.intents.removeAll { $0.at == at }
            return copy
        }
        var firstReading = reading(without: coordination.conditionsAt[1])
        var secondReading = reading(without: coordination.conditionsAt[0])
        var plan = try firstReading.buildPlan()
        var other = try secondReading.buildPlan()
        for statement in [plan, other] {
            guard statement.groupBy.isEmpty, statement.having.isEmpty, statement.limit == nil, statement.combined.isEmpty,
                  !statement.outputs.contains(where: { $0.expr.isAggregate }) else {
                throw Refusal("it cannot combine both conditions with a count, a ranking or a grouping")
            }
        }
        plan.outputs = firstReading.identities(of: plan)
        other.outputs = secondReading.identities(of: other)
        guard plan.outputs == other.outputs else { throw Refusal("the two conditions ask for different rows, so they cannot be combined") }
        (plan.distinct, other.distinct) = (false, false)
        (plan.orderBy, other.orderBy) = ([], [])
        notes = firstReading.notes.filter { !notes.contains($0) }.reduce(notes) { $0 + [$1] }
        if let byKey = combinedByKey(plan, other, operation: coordination.operation.rawValue, outputs: plan.outputs) { return byKey }
        plan.combined = [QueryPlan.SetPart(operation: coordination.operation.rawValue, plan: other)]
        return plan
    }

    /// "Which guests booked at both hotels": two people of one name are two answers, and one person
    /// is one answer however many rows name them. So when the answer is the names of a table of
    /// people, the two statements combine that table's key, and the answer lists the people whose
    /// key the combination keeps: `key IN (SELECT key … INTERSECT SELECT key …)`. Nil otherwise
    /// (values of a column, "which periods", are compared as values).
    func combinedByKey(_ first: QueryPlan, _ second: QueryPlan, operation: String, outputs: [QueryPlan.Output]) -> QueryPlan? {
        let tables = Set(outputs.flatMap { $0.expr.columns.map(\.table) })
        guard tables.count == 1, let table = tables.first, graph.isPersonTable(table), graph.tables[table].primaryKey.count == 1,
              outputs.allSatisfy({ output in output.expr.columns.allSatisfy { graph.labelColumns(of: table).contains($0) } && output.isAggregateFree })
        else { return nil }
        let key = QueryPlan.Expr.column(graph.tables[table].primaryKey[0].ref)
        var statements = [first, second]
        for index in statements.indices {
            statements[index].outputs = [QueryPlan.Output(expr: key)]
            statements[index].distinct = false
            statements[index].orderBy = []
        }
        statements[0].combined = [QueryPlan.SetPart(operation: operation, plan: statements[1])]
        var plan = QueryPlan(base: table)
        plan.outputs = outputs
        plan.entries = first.entries.filter { $0.key.table == table }
        plan.conditions = [.inQuery([key], statements[0], negated: false)]
        return plan
    }
}
