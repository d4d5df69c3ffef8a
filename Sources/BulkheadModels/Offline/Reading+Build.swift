/// The last pass: settle every column, choose the table the rows come from, and make the plan.
extension Reading {
    /// What a grouping groups by.
    enum GroupKey: Equatable {
        case table(Int)
        case column(ColumnRef)
        case datePart(DatePart, ColumnRef)
    }

    /// What the question measures: rows counted, or an expression aggregated.
    enum Measure {
        case rows(table: Int)
        case distinctValues(ColumnRef)
        case expression(function: String, expr: QueryPlan.Expr, table: Int, condition: BusinessTerms.Condition?)
    }

    static let priceStems = Lexicon.stems(["price", "cost", "rate", "fee"])
    static let totalStems = Lexicon.stems(["total", "amount", "revenue", "sale", "payment"])
    static let durationStems = Lexicon.stems(["duration", "length", "runtime", "milliseconds"])

    // MARK: Building

    mutating func build() throws -> QueryPlan {
        let subject = subjectSpan.flatMap { spans[$0].table }
        let questionStems = Set(tokens.map(\.stem))
        if let requestedCount, rank != nil, rank?.limit == nil { rank?.limit = requestedCount }
        // "the highest unit price", "the longest flight distance": the extreme value, not a row.
        if let rank, rank.kind == .superlative, aggregate == nil, countAt == nil,
           !spans.indices.contains(where: { (spans[$0].table != nil || !spans[$0].columns.isEmpty) && spans[$0].range.upperBound <= rank.at && !spans[$0].isValue }),
           let k = rankSpan.flatMap({ spans[$0].columns.isEmpty ? nil : $0 }) ?? projectionSpans.first(where: { spans[$0].range.lowerBound > rank.at }),
           spans[k].columns.contains(where: { [.numeric, .date, .year].contains(graph.column($0).kind) }),
           !spans.indices.contains(where: { spans[$0].table != nil && spans[$0].range.lowerBound > rank.at && spans[$0].range.upperBound <= spans[k].range.lowerBound }) {
            aggregate = (rank.descending ? "MAX" : "MIN", rank.at)
            measureSpan = k
            projectionSpans.removeAll { $0 == k }
            if rankSpan == k { rankSpan = nil }
            self.rank = nil
        }
        // "how long is the longest track": the longest length, not the track.
        if let rank, durationAt != nil, rank.kind == .superlative, rank.limit == nil, aggregate == nil, countAt == nil {
            aggregate = (rank.descending ? "MAX" : "MIN", rank.at)
            self.rank = nil
        }
        // "appointments per status": the rows counted per group.
        if countAt == nil, aggregate == nil, rank == nil, !groupSpans.isEmpty || !dateGroups.isEmpty || !valueGroupSpans.isEmpty,
           !spans.contains(where: { if case .metric = $0.meaning { return true }; return false }) {
            countAt = -1
        }

        // What is counted or measured, and what the rows are grouped by.
        var measure = try resolveMeasure(subject: subject)
        var anchors: [Int] = [measure.map(table(of:)), subject].compactMap { $0 }
        var groups = try resolveGroups(anchors: anchors, measure: measure)
        for k in valueGroupSpans {
            if case let .value(_, columns) = spans[k].meaning, let column = choose(columns, near: anchors) {
                groups.append(.table(column.table))
                notes.append("grouped by each \(tableName(column.table)) (from \(quoted(k)))")
            }
        }
        anchors += groups.compactMap { if case let .table(t) = $0 { return t }; return nil }

        // A superlative that ranks rows by a column of their own ("the longest track").
        var order: (expr: QueryPlan.Expr, descending: Bool)?
        var limit: Int?
        if let rank, measure == nil {
            if let column = try rankColumn(rank, subject: subject ?? anchors.first) {
                if measureIsColumnAggregate(measure, column: column) == false {
                    order = (.column(column), rank.descending)
                    limit = rank.limit ?? 1
                    notes.append("ranked by \(columnName(column)) \(rank.descending ? "descending" : "ascending"), first \(limit!)")
                }
            }
        }

        // "Which genre has the most tracks", "which customer spent the most": rank groups by the measure.
        var groupsForRank = groups
        if let rank, order == nil {
            if measure == nil { measure = try rankMeasure(rank, subject: subject, groups: groups) }
            if groupsForRank.isEmpty {
                if let subject, measure.map(table(of:)) != subject { groupsForRank = [.table(subject)] }
                else if let k = projectionSpans.first, let column = choose(spans[k].columns, near: anchors, strengths: spans[k].columnStrengths) {
                    groupsForRank = [.column(column)]
                    used.insert(k)
                    projectionSpans.removeAll { $0 == k }
                } else if measure != nil, let subject {
                    groupsForRank = [.table(subject)]
                }
            }
            guard measure != nil, !groupsForRank.isEmpty else {
                throw Refusal("it cannot tell what to rank by")
            }
            limit = rank.limit ?? 1
        }

        guard let base = measure.map(table(of:)) ?? subject ?? conditionTable() ?? projectionTable() else {
            throw Refusal("no table in it matches the question")
        }
        anchors = [base] + anchors.filter { $0 != base }
        var plan = QueryPlan(base: base)

        // "Which countries have more than 5 customers": the named column's values, counted per value.
        if subject == nil, measure == nil, groupsForRank.isEmpty,
           let h = intents.firstIndex(where: { if case let .havingCount(t, _, _) = $0.kind { return t == base }; return false }),
           case let .havingCount(_, op, value) = intents[h].kind,
           let k = projectionSpans.first, let column = choose(spans[k].columns.filter { $0.table == base }, near: [base]) {
            intents.remove(at: h)
            projectionSpans.removeAll { $0 == k }
            groupsForRank = [.column(column)]
            measure = .rows(table: base)
            plan.having = [.compare(.count, op, .number(value))]
            notes.append("kept the values of \(columnName(column)) with \(op) \(planner.dialect.number(value)) rows")
        }

        // Conditions.
        let negationStarts = intents.compactMap { intent -> Int? in if case .absence = intent.kind { return intent.at }; return nil }
        for intent in intents where !isInsideAbsence(intent, negationStarts) && !absorbed.contains(intent.at) {
            try resolve(intent, into: &plan, anchors: anchors, subject: subject ?? base, questionStems: questionStems)
        }
        if case let .expression(_, _, _, condition?) = measure {
            plan.conditions.append(.oneOf(.column(condition.column), [condition.value], negated: false))
        }

        // Outputs.
        let finalGroups = groupsForRank
        var groupExprs: [QueryPlan.Expr] = []
        for group in finalGroups {
            switch group {
            case let .table(t):
                var labels = graph.labelColumns(of: t)
                // A natural key (a code, a composite key) names the group as well as its label does.
                let natural = graph.tables[t].primaryKey.filter { $0.kind == .text || graph.tables[t].primaryKey.count > 1 }.map(\.ref)
                labels = natural.filter { !labels.contains($0) } + labels
                if let edge = groupEdges[t] {
                    for column in labels + graph.tables[t].primaryKey.map(\.ref) { plan.entries[column] = edge }
                }
                plan.outputs += labels.map { QueryPlan.Output(expr: .column($0)) }
                // The key alone groups (the label depends on it); a table without a key groups by its label.
                let key = graph.tables[t].primaryKey.map { QueryPlan.Expr.column($0.ref) }
                groupExprs += key.isEmpty ? labels.map { .column($0) } : key
                plan.extraTables.append(t)
            case let .column(ref):
                plan.outputs.append(QueryPlan.Output(expr: .column(ref)))
                groupExprs.append(.column(ref))
            case let .datePart(part, ref):
                plan.outputs.append(QueryPlan.Output(expr: .datePart(part, ref), alias: part.rawValue))
                groupExprs.append(.datePart(part, ref))
            }
        }
        plan.groupBy = groupExprs
        let value = try valueExpression(measure, plan: &plan)
        if let value {
            plan.outputs.append(QueryPlan.Output(expr: value.expr, alias: value.alias))
        } else {
            // Rows: the columns asked for, else every column of the subject.
            let subjectTable = subject ?? base
            var columns: [ColumnRef] = []
            for k in projectionSpans {
                if let column = choose(spans[k].columns, near: [subjectTable] + anchors, strengths: spans[k].columnStrengths) {
                    if graph.column(column).words == ["nam"] || graph.column(column).ownWords == ["nam"] || spans[k].range.count == 1 && ["name", "names"].contains(tokens[spans[k].range.lowerBound].lower),
                       column.table != subjectTable || !graph.labelColumns(of: subjectTable).contains(column) {
                        let labels = graph.labelColumns(of: subjectTable)
                        if spans[k].columns.contains(where: { labels.contains($0) }) || tokens[spans[k].range].contains(where: { ["name", "names"].contains($0.lower) }) {
                            columns += labels.filter { !columns.contains($0) }
                            continue
                        }
                    }
                    if !columns.contains(column) { columns.append(column) }
                }
            }
            if durationAt != nil, let duration = durationColumn(of: subjectTable), !columns.contains(duration) { columns.append(duration) }
            if columns.isEmpty && wantsLabel && order == nil && !wantsAllColumns {
                columns = graph.labelColumns(of: subjectTable)
            }
            // "customers and their emails": named columns of a named table come with its label.
            if !columns.isEmpty, subject != nil, !wantsLabel, !columns.contains(where: { graph.labelColumns(of: subjectTable).contains($0) }),
               columns.allSatisfy({ $0.table == subjectTable }), order == nil {
                columns = graph.labelColumns(of: subjectTable).filter { !columns.contains($0) } + columns
            }
            if columns.isEmpty {
                plan.outputs = [QueryPlan.Output(expr: .star(subjectTable))]
            } else {
                plan.outputs += columns.map { QueryPlan.Output(expr: .column($0)) }
                // "list the product categories": the values of a column, each once.
                if subject == nil, order == nil { plan.distinct = true }
            }
            if order == nil, let requestedCount { plan.limit = requestedCount }
            if subjectTable != base { plan.extraTables.append(subjectTable) }
        }

        // Ordering.
        if let order {
            plan.orderBy = [order]
            plan.conditions.append(.isNotNull(order.expr))
            plan.limit = limit
        } else if let rank, let value {
            plan.orderBy = [(value.expr, rank.descending)]
            plan.limit = limit
            if rank.kind == .common { for group in groupExprs { plan.conditions.append(.isNotNull(group)) } }
        } else if let k = orderSpan {
            // "sorted by hire date": that column, ascending unless asked otherwise.
            let target = spans[k].table.map { graph.labelColumns(of: $0) } ?? choose(spans[k].columns, near: [subject ?? base] + anchors,
                                                                                      strengths: spans[k].columnStrengths).map { [$0] } ?? []
            plan.orderBy = target.map { (QueryPlan.Expr.column($0), orderDescending ?? false) }
            notes.append("ordered by \(target.map(columnName).joined(separator: ", "))")
        } else if orderAlphabetical || orderDescending != nil && value == nil {
            let labels = graph.labelColumns(of: subject ?? base)
            plan.orderBy = labels.map { (QueryPlan.Expr.column($0), orderDescending ?? false) }
            notes.append("ordered by \(labels.map(columnName).joined(separator: ", "))")
        } else if !groupExprs.isEmpty {
            plan.orderBy = groupExprs.map { ($0, orderDescending ?? false) }
        }
        for k in spans.indices where !used.contains(k) { if let t = spans[k].table { plan.extraTables.append(t) } }
        try settleFanOut(&plan, measure: measure, value: value)
        return plan
    }

    /// "list the tracks": every column; "who", "names of": the label.
    private var wantsAllColumns: Bool { false }

    // MARK: Measures

    func table(of measure: Measure) -> Int {
        switch measure {
        case let .rows(table): return table
        case let .distinctValues(ref): return ref.table
        case let .expression(_, _, table, _): return table
        }
    }

    /// Whether the superlative's column is the very column being aggregated ("highest price" as MAX).
    private func measureIsColumnAggregate(_ measure: Measure?, column: ColumnRef) -> Bool {
        if case let .expression(_, expr, _, _) = measure, expr.columns == [column] { return true }
        return false
    }

    /// The counted rows or the aggregated expression the cues ask for, before any ranking.
    private mutating func resolveMeasure(subject: Int?) throws -> Measure? {
        if let countAt {
            _ = countAt
            if let k = countSpan {
                if let table = spans[k].table { return .rows(table: table) }
                if case let .metric(m) = spans[k].meaning { return metricMeasure(m) }
                let anchors = [subject, conditionTable()].compactMap { $0 }
                if let column = choose(spans[k].columns, near: anchors, strengths: spans[k].columnStrengths) {
                    notes.append("counted distinct values of \(columnName(column)) (from \(quoted(k)))")
                    return .distinctValues(column)
                }
            }
            if let table = subject ?? conditionTable() { return .rows(table: table) }
            throw Refusal("it cannot tell what to count")
        }
        // "revenue per category": a metric named on its own is its aggregate.
        if aggregate == nil, rank == nil, let k = spans.indices.first(where: { !used.contains($0) && isMetric($0) }),
           case let .metric(m) = spans[k].meaning {
            used.insert(k)
            return metricMeasure(m)
        }
        guard let aggregate else { return nil }
        if let k = measureSpan {
            if case let .metric(m) = spans[k].meaning {
                let metric = metricMeasure(m)
                if case let .expression(_, expr, table, condition) = metric, aggregate.function != "SUM" {
                    // "average revenue": the metric's expression under the asked aggregate.
                    if case let .aggregate(_, inner) = expr { return .expression(function: aggregate.function, expr: .aggregate(aggregate.function, inner), table: table, condition: condition) }
                }
                return metric
            }
            let anchors = [subject, conditionTable()].compactMap { $0 } + groupAnchorTables()
            let allowDates = aggregate.function == "MIN" || aggregate.function == "MAX"
            let candidates = spans[k].columns.filter { let kind = graph.column($0).kind; return kind == .numeric || allowDates && kind == .date }
            guard let column = choose(candidates, near: anchors, strengths: spans[k].columnStrengths) else {
                throw Refusal("it cannot tell which column to aggregate")
            }
            notes.append("measured \(columnName(column)) (from \(quoted(k)))")
            return .expression(function: aggregate.function, expr: .aggregate(aggregate.function, .column(column)), table: column.table, condition: nil)
        }
        if moneyAt != nil || quantityAt != nil {
            let anchor = subject ?? conditionTable()
            if let money = try measureByMeaning(anchors: [anchor].compactMap { $0 } + groupAnchorTables(), quantity: moneyAt == nil) {
                return .expression(function: aggregate.function, expr: .aggregate(aggregate.function, money.expr), table: money.table, condition: nil)
            }
        }
        if durationAt != nil, let table = subject, let duration = durationColumn(of: table) {
            return .expression(function: aggregate.function, expr: .aggregate(aggregate.function, .column(duration)), table: table, condition: nil)
        }
        guard let table = subject ?? conditionTable(), let column = graph.defaultMeasure(of: table) else {
            throw Refusal("it cannot tell which column to \(aggregate.function == "AVG" ? "average" : "aggregate")")
        }
        notes.append("measured \(columnName(column.ref)) (the amount column of \(tableName(table)))")
        return .expression(function: aggregate.function, expr: .aggregate(aggregate.function, .column(column.ref)), table: table, condition: nil)
    }

    func isMetric(_ k: Int) -> Bool {
        if case .metric = spans[k].meaning { return true }
        return false
    }

    func metricMeasure(_ m: Int) -> Measure {
        let metric = terms.metrics[m]
        var parts = metric.expression.columns.map { QueryPlan.Expr.column($0) }
        let inner: QueryPlan.Expr = parts.count == 1 ? parts.removeFirst() : .arithmetic(parts, metric.expression.operators)
        let expr: QueryPlan.Expr = metric.function == "COUNT" ? .count : .aggregate(metric.function, inner)
        return .expression(function: metric.function, expr: expr, table: metric.expression.table, condition: metric.condition)
    }

    /// The tables of group mentions, for choosing a money column near them.
    private func groupAnchorTables() -> [Int] {
        groupSpans.compactMap { k in spans[k].table ?? spans[k].columns.first?.table }
    }

    /// What a "most" ranks groups by: rows of a named table, a named column or term, or money or units.
    private mutating func rankMeasure(_ rank: Rank, subject: Int?, groups: [GroupKey]) throws -> Measure? {
        let groupTables = groups.compactMap { group -> Int? in
            switch group {
            case let .table(t): return t
            case let .column(ref), let .datePart(_, ref): return ref.table
            }
        }
        let anchors = [subject].compactMap { $0 } + groupTables + projectionSpans.compactMap { spans[$0].columns.first?.table }
        if let k = rankSpan {
            if let table = spans[k].table {
                notes.append("counted \(tableName(table)) rows (from \(quoted(k)))")
                return .rows(table: table)
            }
            if case let .metric(m) = spans[k].meaning { return metricMeasure(m) }
            let candidates = spans[k].columns.filter { graph.column($0).kind == .numeric }
            if let column = choose(candidates, near: anchors, strengths: spans[k].columnStrengths) {
                let function = rank.kind == .most && column.table != subject ? "SUM" : (aggregate?.function ?? "SUM")
                return .expression(function: function, expr: .aggregate(function, .column(column)), table: column.table, condition: nil)
            }
        }
        // "billed the most", "the highest revenue": a term of the notes named anywhere.
        if let k = spans.indices.first(where: { !used.contains($0) && isMetric($0) }), case let .metric(m) = spans[k].meaning {
            used.insert(k)
            return metricMeasure(m)
        }
        if let aggregate, let k = measureSpan, let column = spans[k].columns.first {
            return .expression(function: aggregate.function, expr: .aggregate(aggregate.function, .column(column)), table: column.table, condition: nil)
        }
        if rank.kind == .bestSelling || quantityAt != nil && moneyAt == nil {
            if let found = try measureByMeaning(anchors: anchors, quantity: true) {
                return .expression(function: "SUM", expr: .aggregate("SUM", found.expr), table: found.table, condition: nil)
            }
        }
        if moneyAt != nil {
            if let found = try measureByMeaning(anchors: anchors, quantity: false) {
                return .expression(function: "SUM", expr: .aggregate("SUM", found.expr), table: found.table, condition: nil)
            }
        }
        if rank.kind == .common || rank.kind == .most || rank.kind == .bestSelling {
            // "the most common diagnosis": rows of the table holding the named column.
            if let k = projectionSpans.first, let column = choose(spans[k].columns, near: anchors, strengths: spans[k].columnStrengths) {
                return .rows(table: column.table)
            }
            // "the most used media type": rows of the table that refers to it (the largest, if several do).
            if let subject {
                let children = graph.edges.filter { $0.parent == subject && $0.child != subject }.map(\.child)
                if let child = children.max(by: { (graph.tables[$0].rowCount ?? 0, -$0) < (graph.tables[$1].rowCount ?? 0, -$1) }) {
                    notes.append("counted \(tableName(child)) rows per \(tableName(subject))")
                    return .rows(table: child)
                }
                if rank.kind == .common { return .rows(table: subject) }
            }
        }
        return nil
    }

    /// Money ("spent", "revenue") or units ("sold") of the transactions linked to the anchors:
    /// a column reachable from them without repeating rows; line items and dated totals before
    /// catalogue prices.
    mutating func measureByMeaning(anchors: [Int], quantity: Bool) throws -> (expr: QueryPlan.Expr, table: Int)? {
        var best: (expr: QueryPlan.Expr, table: Int, score: (Int, Int, Int))?
        for table in graph.tables {
            let price = graph.tables[table.index].columns.first { $0.isMoney && $0.ownWords.contains { Self.priceStems.contains($0) } }
            let qty = graph.quantityColumn(of: table.index)
            let total = graph.moneyColumn(of: table.index)
            let dated = !graph.dateColumns(of: table.index).isEmpty
            var expr: QueryPlan.Expr?
            var rankClass = 2
            if quantity {
                if let qty { expr = .column(qty.ref); rankClass = 0 }
            } else if let total, total.ownWords.contains(where: { Self.totalStems.contains($0) }), dated {
                expr = .column(total.ref); rankClass = 0
            } else if let price, let qty {
                expr = .arithmetic([.column(qty.ref), .column(price.ref)], ["*"]); rankClass = 0
            } else if let total, dated {
                expr = .column(total.ref); rankClass = 1
            } else if let total {
                expr = .column(total.ref); rankClass = 3
            }
            guard let expr else { continue }
            // Every anchor must be reachable from the transactions without fanning out, and a date
            // asked about must be the transaction's own.
            var distance = 0
            var reachable = true
            if intents.contains(where: { if case .dates = $0.kind { return true }; if case .month = $0.kind { return true }; return false }) || !dateGroups.isEmpty {
                let datedReach = graph.tables.indices.contains { other in
                    guard !graph.dateColumns(of: other).isEmpty, let path = graph.path(from: table.index, to: other) else { return false }
                    return !graph.fansOut(from: table.index, along: path)
                }
                if !datedReach { continue }
            }
            for anchor in anchors {
                guard let path = graph.path(from: table.index, to: anchor), !graph.fansOut(from: table.index, along: path) else { reachable = false; break }
                distance += path.count
            }
            guard reachable else { continue }
            // Transaction values first (a total, or price times quantity), then other dated money
            // (freight), then catalogue prices; nearest first within a class.
            let score = (rankClass == 3 ? 1 : 0, rankClass, distance)
            if best == nil || score < best!.score { best = (expr, table.index, score) }
        }
        guard let best else { return nil }
        notes.append("measured \(describe(best.expr)) as the \(quantity ? "units" : "money") asked for")
        return (best.expr, best.table)
    }

    func describe(_ expr: QueryPlan.Expr) -> String {
        switch expr {
        case let .column(ref): return columnName(ref)
        case let .arithmetic(parts, ops):
            var text = describe(parts[0])
            for (op, part) in zip(ops, parts.dropFirst()) { text += " \(op) " + describe(part) }
            return text
        case let .aggregate(function, inner): return "\(function)(\(describe(inner)))"
        default: return "the rows"
        }
    }

    /// The duration column of a table (by its unit or its name).
    func durationColumn(of table: Int) -> ColumnRef? {
        let columns = graph.tables[table].columns.filter { $0.kind == .numeric && !$0.isKey }
        return (columns.first { $0.unit?.dimension == .time } ?? columns.first { $0.ownWords.contains { Self.durationStems.contains($0) } })?.ref
    }

    // MARK: Groups

    private mutating func resolveGroups(anchors: [Int], measure: Measure?) throws -> [GroupKey] {
        var groups: [GroupKey] = []
        for k in groupSpans {
            if let table = spans[k].table {
                // "average quantity per order item": per row of the measured table is the rows themselves.
                if let measure, case .expression = measure, table == self.table(of: measure) { continue }
                groups.append(.table(table))
                if let edge = spans[k].edge { groupEdges[table] = edge }
                notes.append("grouped by \(tableName(table)) (from \(quoted(k)))")
            } else if let column = choose(spans[k].columns, near: anchors, strengths: spans[k].columnStrengths) {
                groups.append(.column(column))
                notes.append("grouped by \(columnName(column)) (from \(quoted(k)))")
            }
        }
        // A date part groups by the date of what is counted or measured ("the most invoices" per year).
        let ranked = [rankSpan, countSpan, measureSpan].compactMap { $0 }.compactMap { spans[$0].table ?? spans[$0].columns.first?.table }
        let anchors = anchors + ranked.filter { !anchors.contains($0) }
        for (part, _) in dateGroups {
            let graph = self.graph
            let first = ranked.first ?? anchors.first
            // "per year" where the measured table has a year column (yearID): that column.
            if part == .year, let year = ([first].compactMap { $0 } + anchors).lazy
                .compactMap({ graph.tables[$0].columns.first { $0.kind == .year }?.ref }).first {
                groups.append(.column(year))
                notes.append("grouped by \(columnName(year))")
                continue
            }
            let order = anchors + graph.tables.indices.filter { !anchors.contains($0) }.sorted { a, b in
                let da = first.flatMap { graph.distance($0, a) } ?? 99
                let db = first.flatMap { graph.distance($0, b) } ?? 99
                return (da, a) < (db, b)
            }
            let candidates = order.compactMap { graph.dateColumns(of: $0).first?.ref }
            guard let column = candidates.first(where: { ref in anchors.isEmpty || anchors.contains { graph.distance($0, ref.table) != nil } }) else {
                throw Refusal("no date column fits a grouping by \(part.rawValue)")
            }
            groups.append(.datePart(part, column))
            notes.append("grouped by the \(part.rawValue) of \(columnName(column))")
        }
        return groups
    }

    // MARK: Columns

    /// Chooses among candidate columns: those of a hinted table, those sharing words with the
    /// question, those nearest the anchors, the strongest match, then schema order.
    func choose(_ candidates: [ColumnRef], near anchors: [Int], strengths: [ColumnRef: Int] = [:], hint: Int? = nil) -> ColumnRef? {
        guard !candidates.isEmpty else { return nil }
        let stems = Set(tokens.map(\.stem))
        func overlap(_ ref: ColumnRef) -> Int {
            let words = graph.column(ref).words
            return words.filter { stems.contains($0) }.count + (words.contains { w in Lexicon.synonyms[w].map { !$0.isDisjoint(with: stems) } ?? false } ? 1 : 0)
        }
        func distance(_ ref: ColumnRef) -> Int {
            anchors.enumerated().compactMap { offset, anchor in graph.distance(anchor, ref.table).map { $0 * 2 + min(offset, 1) } }.min() ?? 99
        }
        return candidates.min { a, b in
            let ha = hint.map { a.table == $0 ? 0 : 1 } ?? 0
            let hb = hint.map { b.table == $0 ? 0 : 1 } ?? 0
            if ha != hb { return ha < hb }
            let sa = strengths[a] ?? 0
            let sb = strengths[b] ?? 0
            if sa != sb, abs(sa - sb) >= 2 { return sa > sb }
            let oa = overlap(a)
            let ob = overlap(b)
            if oa != ob { return oa > ob }
            let da = distance(a)
            let db = distance(b)
            if da != db { return da < db }
            if sa != sb { return sa > sb }
            return a < b
        }
    }

    /// The column a superlative ranks rows by.
    private mutating func rankColumn(_ rank: Rank, subject: Int?) throws -> ColumnRef? {
        guard let subject else { return nil }
        if let k = rankSpan, !spans[k].columns.isEmpty {
            guard let column = choose(spans[k].columns, near: [subject], strengths: spans[k].columnStrengths) else { return nil }
            // "the most units" of another table is a sum per row, not a column of the row.
            return column.table == subject ? column : nil
        }
        if rank.kind == .most || rank.kind == .common || rank.kind == .bestSelling { return nil }
        if rank.words == nil {
            let dates = graph.dateColumns(of: subject, preferBirth: rank.prefersBirth)
            if let found = dates.first(where: { column in column.words.contains { Set(tokens.map(\.stem)).contains($0) } }) ?? dates.first {
                return found.ref
            }
            if let year = graph.tables[subject].columns.first(where: { $0.kind == .year }) { return year.ref }
            throw Refusal("no date column of \(tableName(subject)) tells what is \(rank.descending ? "latest" : "earliest")")
        }
        // A column named after the superlative ("highest unit price", "the most seats").
        if let k = projectionSpans.first(where: { spans[$0].range.lowerBound > rank.at }) ?? projectionSpans.first,
           let column = choose(spans[k].columns.filter { graph.column($0).kind == .numeric || graph.column($0).kind == .date || graph.column($0).kind == .year },
                               near: [subject], strengths: spans[k].columnStrengths) {
            projectionSpans.removeAll { $0 == k }
            if column.table != subject && aggregate == nil {
                // "the team with the highest salary total" is an aggregate over another table: not a column of the rows.
                rankSpan = k
                return nil
            }
            return column
        }
        for word in rank.words ?? [] {
            if let found = graph.tables[subject].columns.first(where: { !$0.isKey && $0.kind == .numeric && $0.words.contains(word) }) {
                return found.ref
            }
            if let found = graph.tables[subject].columns.first(where: { !$0.isKey && $0.kind == .numeric && $0.unit != nil && word == "millisecond" }) {
                return found.ref
            }
        }
        if rank.kind == .top, let measure = graph.defaultMeasure(of: subject) { return measure.ref }
        if rank.kind == .superlative, moneyAt == nil, quantityAt == nil {
            throw Refusal("no column of \(tableName(subject)) tells what to rank by")
        }
        return nil
    }

    // MARK: Tables

    /// The table a condition names (a value's table, a term's table), when nothing else names one.
    func conditionTable() -> Int? {
        for intent in intents {
            switch intent.kind {
            case let .condition(c): return terms.conditions[c].table
            case let .threshold(h): return terms.thresholds[h].table
            case let .value(_, columns, _): if let first = columns.first, intent.columnSpan == nil { return first.table }
                if let k = intent.columnSpan, let first = spans[k].columns.first(where: { columns.contains($0) }) ?? spans[k].columns.first { return first.table }
            default: continue
            }
        }
        return nil
    }

    /// The table of the first column asked for.
    func projectionTable() -> Int? {
        projectionSpans.first.flatMap { spans[$0].columns.first?.table }
    }

    private func isInsideAbsence(_ intent: Intent, _ starts: [Int]) -> Bool {
        if case .absence = intent.kind { return false }
        return absenceOwner(of: intent) != nil
    }

    /// The absence a condition belongs to: it comes after "no"/"never" and names that side's table.
    func absenceOwner(of intent: Intent) -> Int? {
        for (index, absence) in intents.enumerated() {
            guard case let .absence(table, _) = absence.kind, intent.at > absence.at else { continue }
            switch intent.kind {
            case let .value(_, columns, _):
                if let table, columns.contains(where: { $0.table == table }) { return index }
            case .dates, .compare:
                if table != nil { return index }
            default: continue
            }
        }
        return nil
    }
}
