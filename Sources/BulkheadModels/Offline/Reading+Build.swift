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
        var subject = subjectSpan.flatMap { spans[$0].table } ?? eachTable ?? valueHeadTable()
        // "Who discovered oxygen?": the answer is a person; without one to name, refuse.
        if tokens.first?.lower == "who" {
            subject = try personSubject(subject)
        }
        // "When was the first alkali metal discovered?": the date the verb names, its earliest or latest.
        if tokens.first?.lower == "when", aggregate == nil, countAt == nil {
            guard let table = subject ?? conditionTable(), let column = askedDate(of: table) else {
                throw Refusal("no date column tells when")
            }
            let first = tokens.contains { ["first", "earliest"].contains($0.lower) }
            let last = tokens.contains { ["last", "latest", "recent", "recently"].contains($0.lower) }
            if first || last {
                aggregate = (first ? "MIN" : "MAX", 0)
                rank = nil
            }
            dateAnswer = column
            subject = subject ?? table
        }
        if subject == nil, let table = dateNamedWithItsTable() { subject = table }
        let questionStems = Set(tokens.map(\.stem)).union(phrasalCompounds)
        if let requestedCount, rank != nil, rank?.limit == nil { rank?.limit = requestedCount }
        // "the highest unit price", "the longest flight distance": the extreme value, not a row.
        if let rank, rank.kind == .superlative, rank.limit == nil, aggregate == nil, countAt == nil,
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
        sumMoneyNounPerGroup()
        try refuseYearOfUndatedRows(subject: subject)
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
        regroup(subject: subject, measure: &measure, groups: &groups)
        // A superlative that ranks rows by a column of their own ("the longest track").
        var order: (expr: QueryPlan.Expr, descending: Bool)?
        var limit: Int?
        if let rank, measure == nil {
            // "the 5 longest bill lengths": with no table named, the ranked column asked for after the superlative is the rows'.
            let asked = projectionSpans.contains { spans[$0].range.lowerBound > rank.at } ? projectionTable() : nil
            if let column = try rankColumn(rank, subject: subject ?? anchors.first ?? asked) {
                if measureIsColumnAggregate(measure, column: column) == false {
                    order = (.column(column), rank.descending)
                    limit = rank.limit ?? (listSorted ? nil : 1)
                    notes.append("ranked by \(columnName(column)) \(rank.descending ? "descending" : "ascending")" + (limit.map { ", first \($0)" } ?? ""))
                }
            }
        }

        // "Which genre has the most tracks", "which customer spent the most": rank groups by the measure.
        var groupsForRank = groups
        if let rank, order == nil {
            if measure == nil {
                measure = try rankMeasure(rank, subject: subject, groups: groups)
                redateGroups(&groupsForRank, measure: measure)
            }
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
            limit = rank.limit ?? (listSorted ? nil : 1)
        }

        guard let base = measure.map(table(of:)) ?? subject ?? conditionTable() ?? projectionTable() else {
            throw Refusal("no table in it matches the question")
        }
        try checkMakers(subject: subject ?? base)
        try refuseOccurrencesOfANamedRow(measure: measure, base: base)
        anchors = [base] + anchors.filter { $0 != base }
        var plan = QueryPlan(base: base)
        plan.preferredTables = mentionedTables(questionStems).union(junctions)
        plan.roleEdges = roleEdges
        // "the directors": the people of directed_by, so the linking table is joined when they are listed or grouped.
        let roles = [subjectSpan, rankSpan, countSpan].compactMap { $0 } + groupSpans
        for k in roles {
            if let j = junctionMentions[spans[k].range.lowerBound], plan.base != j { plan.extraTables.append(j) }
        }
        if let s = subjectSpan, let t = spans[s].table, let edge = spans[s].edge, groupEdges[t] == nil { groupEdges[t] = edge }
        try refuseUnjoinedRole(base: base)
        // "How many countries border Germany": a table the question named as its subject is joined even
        // when another table is counted or measured, or the relation it says is dropped.
        if measure != nil, let s = subjectSpan, let t = spans[s].table, t != base, graph.path(from: base, to: t) != nil { plan.extraTables.append(t) }

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
            // "Which composers are credited on more than 20 tracks": an unknown composer (a text left empty) is no answer.
            if graph.column(column).kind == .text { plan.conditions.append(.isNotNull(.column(column))) }
            notes.append("kept the values of \(columnName(column)) with \(op) \(planner.dialect.number(value)) rows")
        }

        // "For billing countries with at least 10 invoices, the average total": the measure per value
        // of the named column, kept where the value has that many rows of the measured table.
        if subject == nil || subject == base, measure != nil, groupsForRank.isEmpty, rank == nil, table(of: measure!) == base,
           let h = intents.firstIndex(where: { if case let .havingCount(t, _, _) = $0.kind { return t == base }; return false }),
           case let .havingCount(_, op, value) = intents[h].kind,
           let k = projectionSpans.first, let column = choose(spans[k].columns.filter { $0.table == base }, near: [base]),
           graph.column(column).kind == .text {
            intents.remove(at: h)
            projectionSpans.removeAll { $0 == k }
            groupsForRank = [.column(column)]
            plan.having = [.compare(.count, op, .number(value))]
            notes.append("kept the values of \(columnName(column)) with \(op) \(planner.dialect.number(value)) rows")
        }

        // Conditions.
        let negationStarts = intents.compactMap { intent -> Int? in if case .absence = intent.kind { return intent.at }; return nil }
        if managerAt != nil, let s = subject ?? conditionTable(),
           let edge = graph.edges.first(where: { $0.child == s && $0.parent == s }) {
            // The rows the conditions name, then the rows their key points to: pk IN (SELECT key FROM … WHERE …).
            var named = QueryPlan(base: s)
            named.outputs = edge.childColumns.map { QueryPlan.Output(expr: .column(ColumnRef(table: s, column: $0))) }
            for intent in intents { try resolve(intent, into: &named, anchors: [s], subject: s, questionStems: questionStems) }
            guard !named.conditions.isEmpty else { throw Refusal("it cannot tell whose manager is asked for") }
            plan.conditions.append(.inQuery(edge.parentColumns.map { .column(ColumnRef(table: s, column: $0)) }, named, negated: false))
            notes.append("kept the rows that \(graph.tables[s].columns[edge.childColumns[0]].name) of the rows named points to")
            intents = []
        } else if managerAt != nil {
            throw Refusal("no table of it refers to itself")
        }
        var produced: [(at: Int, range: Range<Int>)] = []
        for intent in intents where !isInsideAbsence(intent, negationStarts) && !absorbed.contains(intent.at) {
            let before = plan.conditions.count
            try resolve(intent, into: &plan, anchors: anchors, subject: subject ?? base, questionStems: questionStems)
            produced.append((intent.at, before..<plan.conditions.count))
        }
        joinAlternatives(&plan, produced)
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
                // "the email of the employee with the most customers": the asked columns of the group's row too.
                let asked = projectionSpans.compactMap { k in choose(spans[k].columns.filter { $0.table == t }, near: [t], strengths: spans[k].columnStrengths) }
                plan.outputs += (labels + asked.filter { !labels.contains($0) }).map { QueryPlan.Output(expr: .column($0)) }
                // The key alone groups (the label depends on it); a table without a key groups by its label.
                let key = graph.tables[t].primaryKey.map { QueryPlan.Expr.column($0.ref) }
                groupExprs += key.isEmpty ? labels.map { .column($0) } : key
                plan.extraTables.append(t)
            case let .column(ref):
                plan.outputs.append(QueryPlan.Output(expr: .column(ref)))
                groupExprs.append(.column(ref))
                // "each origin airport": a foreign key's value, shown with the label of the row it points to.
                if let edge = graph.edges.first(where: { $0.child == ref.table && $0.childColumns == [ref.column] && $0.parent != ref.table }) {
                    let labels = graph.labelColumns(of: edge.parent).filter { graph.column($0).kind == .text && !graph.column($0).isKey }
                    for label in labels {
                        plan.entries[label] = edge.id
                        plan.outputs.append(QueryPlan.Output(expr: .column(label)))
                        // Grouped too, so a dialect that checks grouping (PostgreSQL) accepts it; the groups are the same.
                        groupExprs.append(.column(label))
                    }
                }
            case let .datePart(part, ref):
                plan.outputs.append(QueryPlan.Output(expr: .datePart(part, ref), alias: part.rawValue))
                groupExprs.append(.datePart(part, ref))
            }
        }
        plan.groupBy = groupExprs
        let value = try valueExpression(measure, plan: &plan)
        if let value {
            plan.outputs.append(QueryPlan.Output(expr: value.expr, alias: value.alias))
            if !moreAggregates.isEmpty {
                guard case let .expression(_, .aggregate(_, inner), _, _)? = measure else { throw Refusal("it cannot take several aggregates of that") }
                for function in moreAggregates {
                    plan.outputs.append(QueryPlan.Output(expr: .aggregate(function, inner), alias: function.lowercased() + "_" + (inner.columns.count == 1 ? graph.column(inner.columns[0]).name : "value")))
                }
            }
        } else {
            // Rows: the columns asked for, else every column of the subject.
            var subjectTable = subject ?? base
            // "the names and symbols of the noble gases": a name asked beside another table's columns is that table's.
            let nameWords: Set<String> = ["name", "names", "title", "titles"]
            let others = projectionSpans.filter { k in !tokens[spans[k].range].contains { nameWords.contains($0.lower) } }
            let otherTables = Set(others.compactMap { choose(spans[$0].columns, near: [subjectTable] + anchors, strengths: spans[$0].columnStrengths)?.table })
            if others.count < projectionSpans.count, otherTables.count == 1, let table = otherTables.first, table != subjectTable, subject == nil {
                subjectTable = table
            }
            var columns: [ColumnRef] = []
            for k in projectionSpans {
                if let column = choose(spans[k].columns, near: [subjectTable] + anchors, strengths: spans[k].columnStrengths) {
                    // "their category names": a name the span gives its own table stays that table's.
                    let namesItsTable = spans[k].range.count > 1 && column.table != subjectTable
                        && tokens[spans[k].range].contains { graph.tables[column.table].words.contains($0.stem) }
                    if !namesItsTable, graph.column(column).words == ["nam"] || graph.column(column).ownWords == ["nam"] || spans[k].range.count == 1 && ["name", "names"].contains(tokens[spans[k].range.lowerBound].lower),
                       column.table != subjectTable || !graph.labelColumns(of: subjectTable).contains(column) {
                        let labels = graph.labelColumns(of: subjectTable)
                        if spans[k].columns.contains(where: { labels.contains($0) }) || tokens[spans[k].range].contains(where: { ["name", "names"].contains($0.lower) }) {
                            if let borrowed = borrowedName(of: subjectTable) {
                                for label in borrowed.labels { plan.entries[label] = borrowed.edge }
                                columns += borrowed.labels.filter { !columns.contains($0) }
                                plan.distinct = true
                                continue
                            }
                            columns += labels.filter { !columns.contains($0) }
                            continue
                        }
                    }
                    // "each customer's name": a name its table keeps in several label columns (a first and a last name) is all of them.
                    let labels = graph.labelColumns(of: column.table)
                    if labels.count > 1, labels.contains(column), saysOnlyName(k, table: column.table) {
                        columns += labels.filter { !columns.contains($0) }
                        continue
                    }
                    if !columns.contains(column) { columns.append(column) }
                }
            }
            for k in askedTables { if let t = spans[k].table { columns += graph.labelColumns(of: t).filter { !columns.contains($0) } } }
            if durationAt != nil, let duration = durationColumn(of: subjectTable), !columns.contains(duration) { columns.append(duration) }
            if let dateAnswer, !columns.contains(dateAnswer) { columns.append(dateAnswer) }
            // "the distinct rooms starting with 'Curie'": the distinct values listed are those of the column the condition is on.
            if columns.isEmpty, let at = distinctAt, at >= 0, order == nil,
               let k = intents.lazy.compactMap(\.columnSpan).first(where: { self.previous(self.spans[$0].range.lowerBound) == at }),
               let column = choose(spans[k].columns, near: [subjectTable] + anchors, strengths: spans[k].columnStrengths),
               subject == nil || column.table == subjectTable {
                columns = [column]
            }
            if columns.isEmpty && (wantsLabel || distinctAt != nil) && order == nil {
                if let listed = listedOnceTable(), listed != subjectTable { subjectTable = listed }
                columns = graph.labelColumns(of: subjectTable)
            }
            let valuesWhere = asksForValuesWhere(subject: subject)
            if valuesWhere { distinctAt = distinctAt ?? -1 }
            // "customers and their emails": named columns of a named table come with its label.
            // "each product with its supplier's name": so are another table's columns asked for after the subject.
            let subjectFirst = subjectSpan.map { s in projectionSpans.allSatisfy { spans[$0].range.lowerBound > spans[s].range.lowerBound } } ?? false
            // "the four largest invoices with their dates": ranked rows too, named by their key when they have no name.
            let identity = order == nil ? graph.labelColumns(of: subjectTable) : identityColumns(of: subjectTable)
            if !columns.isEmpty, subject != nil, !wantsLabel, distinctAt == nil, !valuesWhere, !columns.contains(where: { identity.contains($0) }),
               columns.allSatisfy({ $0.table == subjectTable }) || subjectFirst, order == nil || subjectFirst {
                columns = identity.filter { !columns.contains($0) } + columns
            }
            if columns.isEmpty {
                plan.outputs = [QueryPlan.Output(expr: .star(subjectTable))]
            } else {
                plan.outputs += columns.map { QueryPlan.Output(expr: .column($0)) }
                // "list the product categories": the values of a column, each once.
                if subject == nil && !eachRows || distinctAt != nil, order == nil { plan.distinct = true }
            }
            if order == nil, let requestedCount { plan.limit = requestedCount }
            if subjectTable != base { plan.extraTables.append(subjectTable) }
        }

        // Ordering.
        if let order {
            plan.orderBy = [order]
            // "the last order on January 1st": within a day, the time of day decides.
            if case let .column(ref) = order.expr, graph.column(ref).kind == .date, let time = timeOfDayColumn(of: ref.table), time != ref {
                plan.orderBy.append((.column(time), order.descending))
            }
            plan.conditions.append(.isNotNull(order.expr))
            plan.limit = limit
        } else if let rank, let value {
            plan.orderBy = [(value.expr, rank.descending)]
            plan.limit = limit
            // "Which year has the most …": an unknown year is not an answer.
            if rank.kind == .common {
                for group in groupExprs { plan.conditions.append(.isNotNull(group)) }
            } else {
                for group in finalGroups {
                    switch group {
                    case let .column(ref), let .datePart(_, ref): plan.conditions.append(.isNotNull(.column(ref)))
                    case .table: break
                    }
                }
            }
        } else if let k = orderSpan {
            // "sorted by hire date": that column, ascending unless asked otherwise.
            let target = spans[k].table.map { graph.labelColumns(of: $0) } ?? choose(spans[k].columns, near: [subject ?? base] + anchors,
                                                                                      strengths: spans[k].columnStrengths).map { [$0] } ?? []
            plan.orderBy = target.map { (QueryPlan.Expr.column($0), orderDescending ?? false) }
            notes.append("ordered by \(target.map(columnName).joined(separator: ", "))")
        } else if orderChronological, let target = chronologicalOrder(groups: groupExprs, tables: [subject ?? base] + anchors + [conditionTable(), projectionTable()].compactMap { $0 }) {
            plan.orderBy = [(target, orderDescending ?? false)]
        } else if let orderDescending, let value {
            // "… ordered from most to fewest": by the counted or measured value.
            plan.orderBy = [(value.expr, orderDescending)]
        } else if orderByListed, value == nil {
            // "with their hourly rates, best paid first": by the amount listed.
            let target = try listedOrderColumn(plan.outputs, table: subject ?? base)
            plan.orderBy = [(.column(target), orderDescending ?? true)]
            notes.append("ordered by \(columnName(target))")
        } else if orderAlphabetical || orderDescending != nil && value == nil {
            let labels = (orderAlphabetical ? alphabeticalColumn(plan.outputs) : sortColumn(of: subject ?? base)).map { [$0] }
                ?? graph.labelColumns(of: subject ?? base)
            plan.orderBy = labels.map { (QueryPlan.Expr.column($0), orderDescending ?? false) }
            notes.append("ordered by \(labels.map(columnName).joined(separator: ", "))")
        } else if !groupExprs.isEmpty {
            plan.orderBy = groupExprs.map { ($0, orderDescending ?? false) }
        }
        for k in spans.indices where !used.contains(k) { if let t = spans[k].table { plan.extraTables.append(t) } }
        try settleFanOut(&plan, measure: measure, value: value)
        return plan
    }
}
