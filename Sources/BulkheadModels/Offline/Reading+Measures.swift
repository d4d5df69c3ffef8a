/// What a question measures: counted rows, a named column or a term of the notes, money or
/// units along foreign keys; and what it groups by.
extension Reading {
    // MARK: Measures

    func table(of measure: Measure) -> Int {
        switch measure {
        case let .rows(table): return table
        case let .distinctValues(ref): return ref.table
        case let .expression(_, _, table, _): return table
        }
    }

    /// Whether the superlative's column is the very column being aggregated ("highest price" as MAX).
    func measureIsColumnAggregate(_ measure: Measure?, column: ColumnRef) -> Bool {
        if case let .expression(_, expr, _, _) = measure, expr.columns == [column] { return true }
        return false
    }

    /// The counted rows or the aggregated expression the cues ask for, before any ranking.
    mutating func resolveMeasure(subject: Int?) throws -> Measure? {
        if durationDays != nil { return try durationMeasure(subject: subject) }
        if let countAt {
            _ = countAt
            if let k = countSpan {
                if let aggregate, aggregate.function == "AVG", aggregate.at < countAt, measureSpan == nil, let table = spans[k].table { return try averageCountPerParent(of: table, countedAt: k) }
                if let table = spans[k].table { return unitsSold(of: table, countedAt: k) ?? .rows(table: table) }
                if case let .metric(m) = spans[k].meaning { return metricMeasure(m) }
                let anchors = [subject, conditionTable()].compactMap { $0 }
                // "How many Oscars did … win", "how many home runs": a column that holds a number of things is summed.
                if distinctAt == nil, let column = choose(spans[k].columns.filter { isCountOfThings($0) }, near: anchors, strengths: spans[k].columnStrengths),
                   spans[k].columns.allSatisfy({ isCountOfThings($0) || graph.column($0).kind != .text }) {
                    notes.append("added up \(columnName(column)) (from \(quoted(k)))")
                    return .expression(function: "SUM", expr: .aggregate("SUM", .column(column)), table: column.table, condition: nil)
                }
                if let column = choose(spans[k].columns, near: anchors, strengths: spans[k].columnStrengths) {
                    notes.append("counted distinct values of \(columnName(column)) (from \(quoted(k)))")
                    return .distinctValues(column)
                }
            }
            if let table = subject ?? conditionTable() {
                // "How many Supreme pizzas were sold": a value between "how many" and the table; the units sold still count.
                if let s = subjectSpan, spans[s].table == table, let sold = unitsSold(of: table, countedAt: s) { return sold }
                return .rows(table: table)
            }
            throw Refusal("it cannot tell what to count")
        }
        // "revenue per category": a metric named on its own is its aggregate.
        if aggregate == nil, rank == nil, let k = spans.indices.first(where: { !used.contains($0) && isMetric($0) }),
           case let .metric(m) = spans[k].meaning {
            used.insert(k)
            return metricMeasure(m)
        }
        guard let aggregate else { return nil }
        if let dateAnswer {
            notes.append("took the \(aggregate.function == "MIN" ? "earliest" : "latest") \(columnName(dateAnswer))")
            return .expression(function: aggregate.function, expr: .aggregate(aggregate.function, .column(dateAnswer)), table: dateAnswer.table, condition: nil)
        }
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
            if let column = choose(candidates, near: anchors, strengths: spans[k].columnStrengths) {
                notes.append("measured \(columnName(column)) (from \(quoted(k)))")
                return .expression(function: aggregate.function, expr: .aggregate(aggregate.function, .column(column)), table: column.table, condition: nil)
            }
            // "total revenue" with no revenue column: money of the transactions, below.
            guard moneyAt != nil || quantityAt != nil else { throw Refusal("it cannot tell which column to aggregate") }
        }
        if moneyAt != nil || quantityAt != nil {
            let anchor = subject ?? conditionTable()
            let anchors = [anchor].compactMap { $0 } + groupAnchorTables()
            // "how much did they spend on Jazz": the money of the rows the value is about (the lines of Jazz
            // tracks), not of whole transactions that merely include one; else the nearest money.
            let valued = anchors + valueTables().filter { !anchors.contains($0) }
            if valued.count > anchors.count, let money = try measureByMeaning(anchors: valued, quantity: moneyAt == nil) {
                return .expression(function: aggregate.function, expr: .aggregate(aggregate.function, money.expr), table: money.table, condition: nil)
            }
            if let money = try measureByMeaning(anchors: anchors, quantity: moneyAt == nil) {
                return .expression(function: aggregate.function, expr: .aggregate(aggregate.function, money.expr), table: money.table, condition: nil)
            }
        }
        if durationAt != nil, let table = subject, let duration = durationColumn(of: table) {
            return .expression(function: aggregate.function, expr: .aggregate(aggregate.function, .column(duration)), table: table, condition: nil)
        }
        // "Which genre has the longest tracks on average": the superlative's own column of the rows it
        // is said of, averaged per group; only when exactly one column of those rows fits its words.
        if aggregate.function == "AVG", let rank, let words = rank.words, !words.isEmpty,
           let k = spans.indices.first(where: { spans[$0].range.lowerBound == rank.at + 1 && spans[$0].table != nil && !spans[$0].isValue }),
           let table = spans[k].table, table != subject {
            let fitting = graph.tables[table].columns.filter { column in
                !column.isKey && column.kind == .numeric && column.words.contains { words.contains($0) }
            }
            if fitting.count == 1 {
                used.insert(k)
                notes.append("averaged \(columnName(fitting[0].ref)) (what \"\(tokens[rank.at].text)\" ranks)")
                return .expression(function: "AVG", expr: .aggregate("AVG", .column(fitting[0].ref)), table: table, condition: nil)
            }
        }
        guard let table = subject ?? conditionTable(), let column = graph.defaultMeasure(of: table) else {
            throw Refusal("it cannot tell which column to \(aggregate.function == "AVG" ? "average" : "aggregate")")
        }
        notes.append("measured \(columnName(column.ref)) (the amount column of \(tableName(table)))")
        return .expression(function: aggregate.function, expr: .aggregate(aggregate.function, .column(column.ref)), table: table, condition: nil)
    }

    /// "by number of units sold": a generic word for units that a column's name happens to contain
    /// (`UnitPrice`), said with a verb of selling, names the units sold, not that column.
    func isUnitsNoun(_ k: Int) -> Bool {
        quantityAt != nil && spans[k].table == nil && !spans[k].isValue
            && tokens[spans[k].range].allSatisfy { Lexicon.genericQuantityNouns.contains($0.stem) }
    }

    /// The tables of the rows the question's stored values name, each when its value has one table.
    func valueTables() -> [Int] {
        intents.compactMap { intent -> Int? in
            guard case let .value(_, holders, false) = intent.kind, intent.columnSpan == nil else { return nil }
            let tables = Set(holders.map(\.table))
            return tables.count == 1 ? tables.first : nil
        }
    }

    /// A numeric column that counts something (`oscars_won`, `HR`, `seats`), not a measurement or a code.
    func isCountOfThings(_ ref: ColumnRef) -> Bool {
        let column = graph.column(ref)
        // "How many hours were logged", "how many kWh were used": an amount in a unit adds up as well.
        return column.kind == .numeric && !column.isKey && column.unit?.dimension != .money && !column.isMoney
            && column.flag == nil && !column.ownWords.contains { ["id", "cod", "number", "no", "num", "rat", "scor", "percent"].contains($0) }
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
    func groupAnchorTables() -> [Int] {
        groupSpans.compactMap { k in spans[k].table ?? spans[k].columns.first?.table }
    }

    /// What a "most" ranks groups by: rows of a named table, a named column or term, or money or units.
    mutating func rankMeasure(_ rank: Rank, subject: Int?, groups: [GroupKey]) throws -> Measure? {
        let groupTables = groups.compactMap { group -> Int? in
            switch group {
            case let .table(t): return t
            case let .column(ref), let .datePart(_, ref): return ref.table
            }
        }
        let anchors = [subject].compactMap { $0 } + groupTables + projectionSpans.compactMap { spans[$0].columns.first?.table }
        if let k = rankSpan, !isUnitsNoun(k) {
            if let table = spans[k].table, let sold = unitsSold(of: table, countedAt: k) { return sold }
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
        // "the most expensive order" where orders have no price: the money of their lines, not their units.
        let moneySuperlative = rank.kind == .superlative && (rank.words ?? []).contains { Self.priceStems.contains($0) }
        if rank.kind == .bestSelling || quantityAt != nil && moneyAt == nil && !moneySuperlative {
            if let found = try measureByMeaning(anchors: anchors, quantity: true) {
                return .expression(function: "SUM", expr: .aggregate("SUM", found.expr), table: found.table, condition: nil)
            }
        }
        if moneyAt != nil || moneySuperlative {
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
        var best: (expr: QueryPlan.Expr, table: Int, score: (Int, Int, Int, Int))?
        let giving = tokens.contains { Lexicon.givingVerbs.contains($0.stem) }
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
            } else if price == nil, let qty, let referred = priceAlongKeys(from: table.index) {
                // Lines that hold a quantity but no price: the quantity times the price of the row
                // they refer to (order_lines.quantity × pizzas.price), not the catalogue's prices.
                expr = .arithmetic([.column(qty.ref), .column(referred)], ["*"]); rankClass = 0
            } else if let total, dated {
                expr = .column(total.ref); rankClass = 1
            } else if let total {
                expr = .column(total.ref); rankClass = 3
            }
            guard let expr else { continue }
            // "raised for each cause": money handed over is the gifts' own, not a figure of the row they go to.
            if giving, graph.edges.contains(where: { $0.parent == table.index && $0.child != table.index
                && graph.moneyColumn(of: $0.child) != nil && !graph.dateColumns(of: $0.child).isEmpty }) { continue }
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
            // Lines of dated transactions before a catalogue's stock times its price.
            let undated = graph.tables.indices.allSatisfy { other in
                guard !graph.dateColumns(of: other).isEmpty, let path = graph.path(from: table.index, to: other) else { return true }
                return graph.fansOut(from: table.index, along: path)
            }
            let score = (rankClass == 3 ? 1 : 0, rankClass, undated ? 1 : 0, distance)
            if best == nil || score < best!.score { best = (expr, table.index, score) }
        }
        guard let best else { return nil }
        notes.append("measured \(describe(best.expr)) as the \(quantity ? "units" : "money") asked for")
        return (quantity ? best.expr : try netOfDiscount(best.expr, table: best.table), best.table)
    }

    /// The nearest price on a row the table refers to without repeating its rows (a line's
    /// pizza, a line's product), for lines that keep a quantity but no price of their own.
    func priceAlongKeys(from table: Int) -> ColumnRef? {
        var best: (ref: ColumnRef, distance: Int)?
        for other in graph.tables.indices where other != table {
            guard let price = graph.tables[other].columns.first(where: { $0.isMoney && $0.ownWords.contains { Self.priceStems.contains($0) } }),
                  let path = graph.path(from: table, to: other), !graph.fansOut(from: table, along: path) else { continue }
            if best == nil || path.count < best!.distance { best = (price.ref, path.count) }
        }
        return best?.ref
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

    mutating func resolveGroups(anchors: [Int], measure: Measure?) throws -> [GroupKey] {
        var groups: [GroupKey] = []
        for k in groupSpans {
            // "the best-selling genres by units sold": what ranks them, not a grouping.
            if rank != nil, isUnitsNoun(k) { continue }
            if let table = spans[k].table {
                // "average quantity per order item": per row of the measured table is the rows themselves.
                if let measure, case .expression = measure, table == self.table(of: measure)
                    || graph.extends(self.table(of: measure), table) || graph.extends(table, self.table(of: measure)) { continue }
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
            let column = try dateGroupColumn(part, first: ranked.first ?? anchors.first, anchors: anchors)
            groups.append(column.kind == .year ? .column(column.ref) : .datePart(part, column.ref))
            notes.append(column.kind == .year ? "grouped by \(columnName(column.ref))" : "grouped by the \(part.rawValue) of \(columnName(column.ref))")
        }
        return groups
    }

    /// The date column a "per month" or "per year" groups by: the year column of the measured
    /// table (yearID) for a year, else the date of the table nearest to `first` (what is counted or
    /// measured), among the tables linked to the anchors.
    func dateGroupColumn(_ part: DatePart, first: Int?, anchors: [Int]) throws -> (ref: ColumnRef, kind: SchemaGraph.Kind) {
        let graph = self.graph
        if let directed = directedDate, anchors.isEmpty || anchors.contains(where: { graph.distance($0, directed.table) != nil }) {
            return (directed, .date)
        }
        if part == .year, let year = ([first].compactMap { $0 } + anchors).lazy
            .compactMap({ graph.tables[$0].columns.first { $0.kind == .year }?.ref }).first {
            return (year, .year)
        }
        let order = anchors + graph.tables.indices.filter { !anchors.contains($0) }.sorted { a, b in
            let da = first.flatMap { graph.distance($0, a) } ?? 99
            let db = first.flatMap { graph.distance($0, b) } ?? 99
            return (da, a) < (db, b)
        }
        let candidates = order.compactMap { graph.dateColumns(of: $0).first?.ref }
        guard let column = candidates.first(where: { ref in anchors.isEmpty || anchors.contains { graph.distance($0, ref.table) != nil } }) else {
            // "the enrollments in each year": a year column of the one row each counted row refers to (its section).
            let years = first.map { first in graph.edges.filter { $0.child == first && $0.parent != first }
                .compactMap { edge in graph.tables[edge.parent].columns.first { $0.kind == .year }?.ref } } ?? []
            // Only one such year: two would be a guess, unless one is a person's (a student's entry year)
            // and one the event's the counted row takes part in (a section's year): the row happens then.
            let events = years.filter { !graph.isPersonTable($0.table) }
            if part == .year, years.count == 1 || events.count == 1, let year = years.count == 1 ? years.first : events.first { return (year, .year) }
            throw Refusal("no date column fits a grouping by \(part.rawValue)")
        }
        return (column, .date)
    }

    /// "In which month did we take the most money": the measure, known only once the ranking chose
    /// it, dates the groups; a date part taken before from a far table (an employee's hire date)
    /// moves to the date of the measured rows (the invoice's date).
    mutating func redateGroups(_ groups: inout [GroupKey], measure: Measure?) {
        guard let measure, directedDate == nil else { return }
        let measured = table(of: measure)
        for (index, group) in groups.enumerated() {
            guard case let .datePart(part, ref) = group, ref.table != measured,
                  let column = try? dateGroupColumn(part, first: measured, anchors: [measured]), column.kind == .date,
                  column.ref.table != ref.table, (graph.distance(measured, column.ref.table) ?? 99) < (graph.distance(measured, ref.table) ?? 99) else { continue }
            groups[index] = .datePart(part, column.ref)
            notes = notes.map { $0 == "grouped by the \(part.rawValue) of \(columnName(ref))" ? "grouped by the \(part.rawValue) of \(columnName(column.ref))" : $0 }
        }
    }
}
