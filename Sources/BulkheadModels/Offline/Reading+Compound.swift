/// Coordinated conditions over related rows: "artists with songs in both Rock and Metal" asks for
/// the artists that have a Rock song and (perhaps another) Metal song, which no single row can
/// satisfy; "studios that made Western movies but not Drama movies" asks for those with a Western
/// and without any Drama. Each is one query per value, combined with INTERSECT or EXCEPT.
extension Reading {
    /// How the two values of a coordination combine their answers.
    enum SetOperation: String, Equatable {
        /// "both X and Y".
        case intersect = "INTERSECT"
        /// "X but not Y".
        case except = "EXCEPT"
        /// "of X and of Y" under an aggregate: one answer for each value (a grouping, not a set operation).
        case eachValue = "GROUP BY"
    }

    /// Two values of the same column, coordinated: `first` kept, `second` also required or excluded.
    struct Coordination: Equatable {
        let operation: SetOperation
        let first: String
        let second: String
        /// The table named first, before the values: the rows the answer is about.
        var subject: Int?
        /// Where the two coordinated conditions stand when they are not values of one column (two
        /// dates): the plan is built once with each, and the two statements combined.
        var conditionsAt: [Int] = []
    }

    /// Words that may stand between "both" and its first value, or between the two values.
    static let coordinationFillers: Set<String> = ["the", "a", "an", "in", "from", "of", "on", "at", "by", "for", "with", "to", "into", "and", "but", "not",
                                                   "never", "no"]

    /// Reads "both X and Y" and "X but not Y" where X and Y are values of the same column: the
    /// values' conditions stay on the rows, and the plan is split into one query per value.
    /// A "both" whose values are not two of one column is left for `checkEveryWord` to refuse.
    mutating func readCoordination() {
        if readDateCoordination() { return }
        // A stored value, even one read as a title's words ("the Metal genres"), is one value of its column here.
        let values = intents.indices.compactMap { index -> (at: Int, text: String, holders: Set<ColumnRef>, negated: Bool, index: Int)? in
            let intent = intents[index]
            guard let k = spanStarting(intent.at), case let .value(text, holders) = spans[k].meaning else { return nil }
            switch intent.kind {
            case let .value(_, _, negated), let .text(_, .contains, negated): return (intent.at, text, Set(holders), negated, index)
            default: return nil
            }
        }.sorted { $0.at < $1.at }
        // "Which Enterprise clients used both Next Day and Express?": a third value of another column
        // ("Enterprise") stays an ordinary condition; the coordinated two are the one adjacent pair of one column.
        let empty = Lexicon.emptyPhraseTokens(tokens)
        func separated(_ a: Int, _ b: Int) -> [Int]? {
            guard let aSpan = spanStarting(values[a].at) else { return nil }
            let between = Array(spans[aSpan].range.upperBound..<values[b].at)
            // Only fillers, empty phrases ("at some point"), names of tables and the values' own column may separate the two values.
            guard between.allSatisfy({ i in
                spanCovering(i).map { spans[$0].table != nil || !Set(spans[$0].columns).isDisjoint(with: values[b].holders) }
                    ?? (word(i).map { Self.coordinationFillers.contains($0) || empty.contains(i) } ?? false)
            }) else { return nil }
            return between
        }
        let pairs = values.indices.dropLast().filter { k in
            !values[k].holders.isDisjoint(with: values[k + 1].holders) && !values[k].negated && separated(k, k + 1) != nil
        }
        guard pairs.count == 1, let k = pairs.first, let between = separated(k, k + 1) else { return }
        let (a, b) = (values[k], values[k + 1])
        // Any other value is an ordinary condition of its own column, never a third coordinated value.
        guard values.allSatisfy({ $0.at == a.at || $0.at == b.at || $0.holders.isDisjoint(with: a.holders.intersection(b.holders)) }) else { return }
        let said = Set(between.compactMap(word))
        // "Which islands have Adelie penguins but not Gentoo penguins": the islands are the subject, not the penguins.
        // "Who has booked both …": a table named by its verb after an auxiliary is the event, not the rows asked for.
        let named = spans.indices.first { k in
            spans[k].table != nil && spans[k].range.upperBound <= a.at
                && !(["has", "have", "had"].contains(word(spans[k].range.lowerBound - 1) ?? "") && tokens[spans[k].range.lowerBound].lower.hasSuffix("ed"))
        }
        // Both values are of one column: the columns that hold each of them ("Chicken" is an ingredient too, but "Veggie" only a category).
        let shared = a.holders.intersection(b.holders).sorted()
        func keepValues() {
            for value in [a, b] { intents[value.index].kind = .value(value.text, shared, negated: value.negated) }
        }
        if !b.negated, said.contains("and"), values.count == 2, aggregate != nil || countAt != nil,
           between.contains(where: { word($0) == "and" && ["of", "for", "in"].contains(word($0 + 1) ?? "") }),
           !tokens.indices.contains(where: { word($0) == "both" && !consumed.contains($0) }) {
            keepValues()
            coordination = Coordination(operation: .eachValue, first: a.text, second: b.text)
            notes.append("gave one answer for '\(a.text)' and one for '\(b.text)'")
        } else if !b.negated, said.contains("and") {
            var j = a.at - 1
            while j >= 0, let w = word(j), Self.coordinationFillers.contains(w), w != "and" { j -= 1 }
            guard j >= 0, word(j) == "both", !consumed.contains(j) else { return }
            consumed.insert(j)
            keepValues()
            coordination = Coordination(operation: .intersect, first: a.text, second: b.text, subject: named.flatMap { spans[$0].table })
            notes.append("kept the rows related to both '\(a.text)' and '\(b.text)'")
        } else if b.negated, said.contains("but") || said.contains("and") {
            consumed.formUnion(between.filter { ["but", "and"].contains(word($0) ?? "") })
            keepValues()
            coordination = Coordination(operation: .except, first: a.text, second: b.text, subject: named.flatMap { spans[$0].table })
            notes.append("kept the rows related to '\(a.text)' but to no '\(b.text)'")
        }
    }

    /// The plan, split by a coordination into one query per value and combined.
    mutating func buildPlan() throws -> QueryPlan {
        try checkAdverbsClaimed()
        if let coordination, coordination.conditionsAt.count == 2 { return try buildEachCondition(coordination) }
        if shareAt != nil { return try buildShare() }
        readValuePossessor()
        if managerGroups { return try buildPerManager() }
        if managerOfEachRow { return try buildBesideManager() }
        if managerAt != nil, rank != nil, intents.isEmpty { return try buildManagerOfRanked() }
        var plan = try build()
        if managerAt == nil { nameSelfKey(&plan) }
        // The value's rows are ranked by a measure of what they own; a ranking of single rows cannot be grouped so.
        if possessorGroup, !plan.outputs.contains(where: { $0.expr.isAggregate }) {
            throw Refusal("it cannot tell which measure of the rows owned ranks them")
        }
        try refuseUnrelatedAttributes(plan)
        try refuseIgnoredDiscount(plan)
        try addSecondMeasure(&plan)
        try addAskedRelation(&plan)
        try addExclusion(&plan)
        guard let coordination else { return plan }
        if coordination.operation == .eachValue {
            guard let column = coordinatedColumn(plan, coordination) else {
                throw Refusal("it cannot tell which column holds '\(coordination.first)' and '\(coordination.second)'")
            }
            try groupByEachValue(&plan, column: column)
            return plan
        }
        // Only rows can be intersected: a count, a ranking or a grouping would need the combined rows first.
        guard plan.groupBy.isEmpty, plan.having.isEmpty, plan.limit == nil, plan.orderBy.isEmpty,
              !plan.outputs.contains(where: { $0.expr.isAggregate }) else {
            throw Refusal("it cannot combine both conditions with a count, a ranking or a grouping")
        }
        guard let column = coordinatedColumn(plan, coordination) else {
            throw Refusal("it cannot tell which column holds both '\(coordination.first)' and '\(coordination.second)'")
        }
        func part(_ value: String) -> QueryPlan {
            var copy = plan
            copy.conditions.removeAll { condition in
                guard case let .oneOf(expr, values, _) = condition, expr == column else { return false }
                return values.contains(coordination.first) || values.contains(coordination.second)
            }
            copy.conditions.append(.oneOf(column, [value], negated: false))
            return copy
        }
        var combined = part(coordination.first)
        let outputs = identities(of: plan)
        if let subject = coordination.subject, !outputs.contains(where: { $0.expr.columns.contains { $0.table == subject } }) {
            throw Refusal("it cannot tell which \(tableName(subject)) rows must have '\(coordination.first)' and '\(coordination.second)'")
        }
        combined.outputs = outputs
        combined.distinct = false
        var second = part(coordination.second)
        second.outputs = outputs
        second.distinct = false
        if let byKey = combinedByKey(combined, second, operation: coordination.operation.rawValue, outputs: outputs) { return byKey }
        combined.combined = [QueryPlan.SetPart(operation: coordination.operation.rawValue, plan: second)]
        return combined
    }

    /// The column whose condition names the coordinated values, in the plan's own conditions.
    private func coordinatedColumn(_ plan: QueryPlan, _ coordination: Coordination) -> QueryPlan.Expr? {
        var found: QueryPlan.Expr?
        for condition in plan.conditions {
            guard case let .oneOf(expr, values, _) = condition,
                  values.contains(coordination.first) || values.contains(coordination.second) else { continue }
            if let found, found != expr { return nil }
            found = expr
        }
        return found
    }

    /// What the combined statements compare: a table's label rather than every column (two rows
    /// of the same thing must match), and only the columns asked for when no table was named
    /// ("which periods …" compares periods, not the elements in them).
    func identities(of plan: QueryPlan) -> [QueryPlan.Output] {
        var outputs = labelsForStars(plan.outputs)
        if subjectSpan == nil, !projectionSpans.isEmpty {
            // "Which Gold guests …": a value's column qualifies the rows; it is not what is asked.
            let asked = Set(projectionSpans.filter { !spans[$0].isValue }.flatMap { spans[$0].columns })
            let kept = outputs.filter { output in output.expr.columns.allSatisfy(asked.contains) }
            if !kept.isEmpty { outputs = kept }
        }
        return outputs
    }

    /// "Which islands have no Chinstrap penguins?": a value negated by "no" and followed by the
    /// table of the rows that would hold it, when the question asks for another table's rows.
    struct Exclusion: Equatable {
        let value: String
        let holders: [ColumnRef]
        /// The rows that would hold the value, and the rows asked for.
        let rows: Int
        let subject: Int
    }

    /// Reads "no <value> <table>" under a question about another table: the value's condition
    /// leaves the rows and becomes `subject key NOT IN (rows holding the value)`.
    mutating func readExclusion() {
        guard coordination == nil else { return }
        for (index, intent) in intents.enumerated() {
            guard case let .value(text, holders, true) = intent.kind, let p = previous(intent.at), ["no", "without"].contains(word(p) ?? ""),
                  let v = spanStarting(intent.at), let r = spanStarting(spans[v].range.upperBound), let rows = spans[r].table,
                  let s = spans.indices.first(where: { spans[$0].table != nil && spans[$0].range.upperBound <= p }),
                  let subject = spans[s].table, subject != rows, graph.distance(subject, rows) != nil,
                  holders.contains(where: { graph.distance($0.table, rows) != nil }) else { continue }
            intents.remove(at: index)
            exclusion = Exclusion(value: text, holders: holders, rows: rows, subject: subject)
            subjectSpan = s
            used.formUnion([s, r])
            notes.append("kept \(tableName(subject)) rows with no \(tableName(rows)) row of '\(text)'")
            return
        }
    }

    /// Adds the exclusion's `key NOT IN (…)` to the plan of the subject's rows.
    func addExclusion(_ plan: inout QueryPlan) throws {
        guard let exclusion else { return }
        let keys = graph.tables[exclusion.subject].primaryKey.map { QueryPlan.Expr.column($0.ref) }
        guard plan.base == exclusion.subject, keys.count == 1,
              let holder = choose(exclusion.holders.filter { graph.distance($0.table, exclusion.rows) != nil }, near: [exclusion.rows]) else {
            throw Refusal("it cannot tell which \(tableName(exclusion.subject)) rows have no '\(exclusion.value)'")
        }
        var holding = QueryPlan(base: exclusion.rows)
        holding.outputs = keys.map { QueryPlan.Output(expr: $0) }
        holding.conditions = [.oneOf(.column(holder), [exclusion.value], negated: false), .isNotNull(keys[0])]
        plan.conditions.append(.inQuery(keys, holding, negated: true))
    }
}
