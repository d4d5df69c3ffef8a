/// Several measures in one answer: "the shortest, the longest and the average durations" (three
/// aggregates of one column), "for each island, the number of penguins and their average body
/// mass" (a count and an aggregate per group), and "the average bill length of male penguins and
/// of female penguins" (one aggregate per value named).
extension Reading {
    /// Words that may separate the members of a list of aggregates.
    static let listFillers: Set<String> = ["the", "and", "its", "their", "also", "as", "well"]

    /// "the shortest, the longest and the average runtimes": superlatives and aggregates in a row
    /// are one aggregate each of the column after them, not a ranking of rows.
    mutating func readAggregateList() {
        var run: [(function: String, at: Int)] = []
        var functions: [(function: String, at: Int)] = []
        // Members written side by side ("the average, lowest and highest fares": the commas are gone)
        // make a list only when its last member is joined by "and"; "the highest average" stays one ranking.
        var touching = false
        var functionsTouch = false
        for i in tokens.indices {
            guard let w = word(i) else { continue }
            var function = Self.aggregates[w]
            // "the total, the smallest and the largest amounts": a total is a sum when it leads such a list.
            if w == "total" { function = "SUM" }
            // "minimum" and "maximum" are aggregates already ("the average, minimum and maximum").
            if let superlative = Lexicon.superlatives[w], superlative.words != nil, !["first", "last"].contains(w), Self.aggregates[w] == nil {
                function = superlative.descending ? "MAX" : "MIN"
            }
            guard let function else { continue }
            // "the lowest, highest and average prices": two opposed superlatives side by side are a list too.
            let opposed = run.last.map { last in
                last.at == i - 1 && Lexicon.superlatives[word(last.at) ?? ""] != nil && Lexicon.superlatives[w] != nil && last.function != function
            } ?? false
            let side = run.last.map { last in
                last.at == i - 1 && (Self.aggregates[word(last.at) ?? ""] != nil || word(last.at) == "total")
            } ?? false
            if let last = run.last, opposed || side || Self.listContinues(from: last.at, to: i, reading: self) {
                if side { touching = true }
                if !run.contains(where: { $0.function == function }) { run.append((function, i)) }
            } else {
                run = [(function, i)]
                touching = false
            }
            if run.count > functions.count { functions = run; functionsTouch = touching }
        }
        guard let end = functions.last?.at else { return }
        if functionsTouch, functions.count < 3 || word(end - 1) != "and" && !(word(end - 1) == "the" && word(end - 2) == "and") { return }
        guard functions.count >= 2, functions.contains(where: { Self.aggregates[word($0.at) ?? ""] == nil }),
              let n = following(end, skipping: ["the", "a", "an", "listed", "recorded", "stated", "stored"]), var k = spanStarting(n),
              countAt == nil else { return }
        // "the average city populations": a table's name may qualify the column.
        if spans[k].table != nil, let c = spanStarting(spans[k].range.upperBound) { k = c }
        // "the total, smallest and largest invoice amounts": a table with a generic measure noun is its amount column.
        let generic: Set<String> = ["amount", "amounts", "value", "values", "figure", "figures", "total", "totals", "sum", "sums"]
        let measured: Int?
        if let table = spans[k].table, spanStarting(spans[k].range.upperBound) == nil,
           let noun = word(spans[k].range.upperBound), generic.contains(noun), graph.defaultMeasure(of: table) != nil {
            measured = nil
            consumed.insert(spans[k].range.upperBound)
        } else {
            guard !spans[k].columns.isEmpty, !spans[k].isValue else { return }
            measured = k
        }
        aggregate = (functions[0].function, functions[0].at)
        moreAggregates = functions.dropFirst().map(\.function)
        aggregateAt = functions.map(\.at)
        for (_, at) in functions { consumed.insert(at) }
        consumed.formUnion((functions[0].at...end).filter { word($0) == "and" })
        rank = nil
        guard let k = measured else { return notes.append("took \(functions.map(\.function).joined(separator: ", ")) of the amount") }
        measureSpan = k
        used.insert(k)
        projectionSpans.removeAll { $0 == k }
        notes.append("took \(functions.map(\.function).joined(separator: ", ")) of the same column")
    }

    /// Whether only list words, at least one, stand between two members of a list of aggregates
    /// ("the highest average" is one ranking, not two aggregates).
    private static func listContinues(from a: Int, to b: Int, reading: Reading) -> Bool {
        b > a + 1 && (a + 1..<b).allSatisfy { reading.word($0).map(listFillers.contains) ?? false }
    }

    /// "from the heaviest average down", "from the largest total to the smallest": the answer's
    /// order, by the measure the aggregate word names (else by the measured value).
    mutating func readOrderPhrase() {
        // Only a measured answer is ordered by its measure; rows are left to the ranking.
        guard countAt != nil || aggregate != nil else { return }
        for f in tokens.indices where word(f) == "from" {
            guard let s = following(f), let w = word(s), let superlative = Lexicon.superlatives[w], Self.aggregates[w] == nil else { continue }
            var end = s
            var function: String?
            if let a = word(s + 1), let named = Self.aggregates[a] ?? (a == "total" ? "SUM" : nil) { function = named; end = s + 1 }
            if let last = word(end + 1), ["down", "up", "downwards", "upwards", "first"].contains(last) {
                end += 1
            } else if word(end + 1) == "to", let t = following(end + 1), let other = word(t), let opposite = Lexicon.superlatives[other],
                      opposite.descending != superlative.descending {
                end = t
            } else { continue }
            orderDescending = superlative.descending
            orderedAggregate = function
            consumed.formUnion(f...end)
            if rank?.at == s { rank = nil }
            return
        }
    }

    /// "the number of penguins and their average body mass": a count asked with an aggregate of
    /// another column adds that aggregate beside the count, per group. When the count's rows repeat
    /// through the joins the second measure needs, each row is counted once.
    mutating func addSecondMeasure(_ plan: inout QueryPlan) throws {
        guard let countAt, countAt >= 0, moreAggregates.isEmpty, plan.combined.isEmpty,
              plan.outputs.contains(where: { $0.expr == .count || $0.alias == "count" }) else { return }
        // "and their total population": "total" before a numeric column, after the count.
        let total = tokens.indices.first { $0 > countAt && word($0) == "total" && spanStarting(following($0)).map { !spans[$0].columns.isEmpty } == true }
        guard let function = aggregate.flatMap({ $0.at > countAt ? $0.function : nil }) ?? total.map({ _ in "SUM" }) else { return }
        let k = aggregate == nil ? total.flatMap { spanStarting(following($0)) } : measureSpan
        var measured: QueryPlan.Expr
        if let k, let column = choose(spans[k].columns.filter { graph.column($0).kind == .numeric }, near: [plan.base], strengths: spans[k].columnStrengths),
           graph.distance(column.table, plan.base) != nil {
            measured = .aggregate(function, .column(column))
        } else if k == nil, moneyAt != nil, let money = try measureByMeaning(anchors: [plan.base], quantity: false) {
            // "how much those customers have spent in total": the money of their transactions.
            measured = .aggregate(function, money.expr)
        } else {
            throw Refusal("it cannot tell which column the \(function.lowercased()) beside the count is of")
        }
        if let total { consumed.insert(total) }
        if let orderedAggregate, orderedAggregate == function { plan.orderBy = [(measured, orderDescending ?? true)] }
        plan.outputs.append(QueryPlan.Output(expr: measured, alias: function.lowercased() + "_" + (measured.columns.count == 1 ? graph.column(measured.columns[0]).name : "value")))
        if plan.fansOut(graph), let index = plan.outputs.firstIndex(where: { $0.expr == .count }), let key = graph.tables[plan.base].primaryKey.first, graph.tables[plan.base].primaryKey.count == 1 {
            plan.outputs[index] = QueryPlan.Output(expr: .countDistinct(.column(key.ref)), alias: "count")
        }
        notes.append("added the \(function) of \(measured.columns.map(columnName).joined(separator: ", ")) beside the count")
    }

    /// "the average bill length of male penguins and of female penguins": the aggregate for each
    /// value named, grouped by the values' column.
    func groupByEachValue(_ plan: inout QueryPlan, column: QueryPlan.Expr) throws {
        guard plan.groupBy.isEmpty, plan.limit == nil, !plan.outputs.isEmpty, plan.outputs.allSatisfy({ $0.expr.isAggregate }) else {
            throw Refusal("it cannot give an answer for each value named with this grouping")
        }
        plan.outputs.insert(QueryPlan.Output(expr: column), at: 0)
        plan.groupBy = [column]
    }

    /// "Which album has the most tracks, and which artist made it?": a second question about the
    /// winner names a related table, whose label is added beside the winner's.
    func addAskedRelation(_ plan: inout QueryPlan) throws {
        guard plan.limit == 1, plan.combined.isEmpty,
              let q = tokens.indices.first(where: { ["which", "what"].contains(word($0) ?? "") && previous($0).map { word($0) == "and" } == true }),
              let n = following(q), let k = spanStarting(n), !spans[k].isValue, let asked = namedTable(k) else { return }
        let shown = Set(plan.outputs.flatMap { output -> [Int] in
            if case let .star(t) = output.expr { return [t] }
            return output.isAggregateFree ? output.expr.columns.map(\.table) : []
        })
        // The second question's table is the one ranked: the first question's rows were not kept.
        if shown.contains(asked) { throw Refusal("it cannot tell which row the second question, about \(tableName(asked)), is asked of") }
        // Only a table each winner has one of ("the artist of the album") answers the second question.
        let winner = plan.groupBy.first?.columns.first?.table ?? plan.base
        guard let path = graph.path(from: winner, to: asked), !graph.fansOut(from: winner, along: path) else {
            throw Refusal("a \(tableName(winner)) row has no single \(tableName(asked)) row to name")
        }
        plan.outputs = labelsForStars(plan.outputs)
        let labels = graph.labelColumns(of: asked).map { QueryPlan.Output(expr: .column($0)) }
        let at = plan.outputs.firstIndex { !$0.isAggregateFree } ?? plan.outputs.count
        plan.outputs.insert(contentsOf: labels, at: at)
        if !plan.groupBy.isEmpty { plan.groupBy += graph.tables[asked].primaryKey.map { .column($0.ref) } }
        plan.extraTables.append(asked)
    }

    /// "Which sales support agent's customers brought in the most revenue?": a value asked for by
    /// "which" and owning the rows after it ("agent's customers") names the rows ranked, those of the
    /// value's table that hold it, as "per sales support agent" would.
    mutating func readValuePossessor() {
        guard rank != nil, valueGroupSpans.isEmpty, let w = tokens.indices.first(where: { ["which", "whose"].contains(word($0) ?? "") }),
              let k = spanStarting(following(w) ?? w + 1), spans[k].isValue, case let .value(_, holders) = spans[k].meaning else { return }
        // "Which Gold guest's bookings": the value may qualify its own table's noun before the possessive.
        var end = spans[k].range.upperBound
        var noun: Int?
        if let t = spanStarting(end), let table = spans[t].table, holders.contains(where: { $0.table == table }) {
            noun = t
            end = spans[t].range.upperBound
        }
        guard tokens[safe: end]?.lower == "s", let owned = spanStarting(end + 1), let ownedTable = spans[owned].table, !spans[owned].isValue,
              holders.contains(where: { noun == nil || $0.table == spans[noun!].table }), ownedTable != noun.flatMap({ spans[$0].table }) else { return }
        valueGroupSpans.append(k)
        possessorGroup = true
        if let noun { used.insert(noun) }
    }

    /// The outputs with every `table.*` replaced by the table's label: "which X" asks for the X by name.
    func labelsForStars(_ outputs: [QueryPlan.Output]) -> [QueryPlan.Output] {
        outputs.flatMap { output -> [QueryPlan.Output] in
            guard case let .star(t) = output.expr else { return [output] }
            return graph.labelColumns(of: t).map { QueryPlan.Output(expr: .column($0)) }
        }
    }

    /// The table a mention names: its own, or the one its foreign key column refers to ("studio" for `studio_id`).
    private func namedTable(_ k: Int) -> Int? {
        if let table = spans[k].table { return table }
        let parents = Set(spans[k].columns.compactMap { column in
            graph.edges.first { $0.child == column.table && $0.childColumns == [column.column] }?.parent
        })
        return parents.count == 1 ? parents.first : nil
    }
}

extension QueryPlan.Output {
    /// Whether the output reads row values rather than an aggregate over them.
    var isAggregateFree: Bool { !expr.isAggregate }
}
