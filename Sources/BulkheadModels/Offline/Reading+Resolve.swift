/// Settling each condition on a column (or a subquery), the measured value, and the repetition
/// that joining a parent to its children would cause.
extension Reading {

    mutating func resolve(_ intent: Intent, into plan: inout QueryPlan, anchors: [Int], subject: Int, questionStems: Set<String>) throws {
        let hint = intent.tableSpan.flatMap { spans[$0].table }
        let near = [hint].compactMap { $0 } + anchors
        func columns(_ kinds: Set<SchemaGraph.Kind>) -> ColumnRef? {
            guard let k = intent.columnSpan else { return nil }
            return choose(spans[k].columns.filter { kinds.contains(graph.column($0).kind) }, near: near, strengths: spans[k].columnStrengths)
        }
        switch intent.kind {
        case let .value(text, holders, negated):
            if let k = intent.columnSpan, let key = spans[k].columns.first(where: { isSelfReference($0) }),
               let primary = graph.tables[key.table].primaryKey.first, holders.contains(where: { $0.table == key.table }) {
                // "the employees that report to Andrew Adams": the key refers to the rows the values name.
                var named = QueryPlan(base: key.table)
                named.outputs = [QueryPlan.Output(expr: .column(primary.ref))]
                let following = intents.indices.filter { index in
                    guard intents[index].at >= intent.at, case let .value(_, others, _) = intents[index].kind else { return false }
                    return others.contains { $0.table == key.table } && intents[index].at <= intent.at + 4
                }
                for index in following {
                    guard case let .value(value, others, _) = intents[index].kind,
                          let column = others.first(where: { $0.table == key.table }) else { continue }
                    named.conditions.append(.oneOf(.column(column), [value], negated: false))
                    absorbed.insert(intents[index].at)
                }
                plan.conditions.append(.inQuery([.column(key)], named, negated: negated))
                notes.append("kept \(columnName(key)) of the rows named")
                return
            }
            var target: ColumnRef?
            var exact = true
            if let k = intent.columnSpan {
                let named = spans[k].columns
                let both = named.filter { holders.contains($0) }
                target = choose(both, near: near, strengths: spans[k].columnStrengths)
                if target == nil {
                    target = choose(named.filter { graph.column($0).kind == .text }, near: near, strengths: spans[k].columnStrengths)
                    exact = false
                }
            }
            if target == nil, intent.role == "by", hint == nil || hint == subject {
                // "tracks by AC/DC": the name of a related row (the artist), before a text column of the subject (a composer).
                let labels = holders.filter { $0.table != subject && graph.labelColumns(of: $0.table).contains($0) }
                target = choose(labels, near: near)
            }
            if target == nil, ownsTheSubject(at: intent.at) {
                // "How many tracks does Heart of the Night have?": what has the rows is another row than
                // them, even where one of them carries the same name (a track called like its album).
                target = choose(holders.filter { $0.table != subject }, near: near, hint: hint)
            }
            if target == nil { target = choose(holders, near: near, hint: hint) }
            guard var target else { throw Refusal("it cannot tell which column holds '\(text)'") }
            if let role = roleColumn(for: target, at: intent.at) { target = role }
            try roleEntry(for: target, at: intent.at, into: &plan)
            // "students who have taken an English course": a value qualifying a noun is reached through
            // that noun's table (the course's department), not by the shortest path (the student's major).
            if let hint, hint != target.table, hint != plan.base, plan.entries[target] == nil {
                let keys = graph.edges.filter { $0.child == hint && $0.parent == target.table }
                if keys.count == 1 { plan.entries[target] = keys[0].id }
            }
            if exact, negated, let sub = excludingMany(target, text, subject: subject) {
                plan.conditions.append(sub)
                notes.append("kept \(tableName(subject)) rows with no \(columnName(target)) '\(text)'")
                return
            }
            if exact {
                add(.oneOf(.column(target), [text], negated: negated), to: &plan)
                notes.append("filtered \(columnName(target)) \(negated ? "other than" : "=") '\(text)'")
            } else {
                plan.conditions.append(.equalsIgnoringCase(.column(target), text))
                notes.append("filtered \(columnName(target)) = '\(text)' (ignoring case)")
            }
        case let .text(text, match, negated):
            var target = columns([.text, .other, .date])
            if target == nil {
                let table = hint ?? subject
                target = graph.labelColumns(of: table).first { graph.column($0).kind == .text }
            }
            // A name is never compared with a number: a table without a text column cannot hold it.
            guard let target, graph.column(target).kind != .numeric else { throw Refusal("it cannot tell which column holds '\(text)'") }
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            switch match {
            case .equals:
                plan.conditions.append(negated ? .oneOf(.column(target), [text], negated: true) : .equalsIgnoringCase(.column(target), text))
            case .contains: plan.conditions.append(.like(.column(target), "%" + escaped + "%", negated: negated))
            case .prefix: plan.conditions.append(.like(.column(target), escaped + "%", negated: negated))
            case .suffix: plan.conditions.append(.like(.column(target), "%" + escaped, negated: negated))
            }
            notes.append("filtered \(columnName(target)) on '\(text)'")
        case let .compare(op, value, unit, _)
            where intent.columnSpan == nil && intent.aggregate == nil && (moneyAt != nil && graph.moneyColumn(of: subject) == nil
                || quantityAt != nil && moneyAt == nil && graph.quantityColumn(of: subject) == nil) && (unit == nil || unit?.dimension == .money):
            // "customers who spent more than 40": the sum of their transactions' money, per customer.
            let keys = graph.tables[subject].primaryKey.map { QueryPlan.Expr.column($0.ref) }
            guard !keys.isEmpty, let found = try measureByMeaning(anchors: [subject], quantity: moneyAt == nil), found.table != subject else {
                throw Refusal("it cannot tell which amount of \(tableName(subject)) to compare")
            }
            var sub = QueryPlan(base: found.table)
            sub.outputs = keys.map { QueryPlan.Output(expr: $0) }
            sub.groupBy = keys
            sub.having = [.compare(.aggregate("SUM", found.expr), op, .number(value * (unit?.factor ?? 1)))]
            plan.conditions.append(.inQuery(keys, sub, negated: false))
            notes.append("kept \(tableName(subject)) rows whose total is \(op) \(planner.dialect.number(value))")
        case let .compare(op, value, unit, comparativeHint):
            let target = try comparisonColumn(intent, unit: unit, hint: comparativeHint, near: near, subject: hint ?? subject)
            let converted = try convert(value, unit: unit, to: target)
            if let function = intent.aggregate {
                // Each subject row whose related rows' aggregate passes: key IN (… GROUP BY key HAVING …).
                let keys = graph.tables[subject].primaryKey.map { QueryPlan.Expr.column($0.ref) }
                guard target.table != subject, !keys.isEmpty, graph.distance(target.table, subject) != nil else {
                    throw Refusal("it cannot tell which rows the \(function.lowercased()) of \(columnName(target)) is taken over")
                }
                var sub = QueryPlan(base: target.table)
                sub.outputs = keys.map { QueryPlan.Output(expr: $0) }
                sub.groupBy = keys
                sub.having = [.compare(.aggregate(function, .column(target)), op, .number(converted))]
                plan.conditions.append(.inQuery(keys, sub, negated: false))
                notes.append("kept \(tableName(subject)) rows whose \(function) of \(columnName(target)) is \(op) \(planner.dialect.number(converted))")
                return
            }
            if graph.column(target).kind == .date, value == value.rounded(), value >= 1000, value <= 2999 {
                let year = Int(value)
                let bound: QueryPlan.Literal = op.hasPrefix(">") ? .date(year: op == ">" ? year + 1 : year, month: 1, day: 1) : .date(year: op == "<=" ? year + 1 : year, month: 1, day: 1)
                plan.conditions.append(.compare(.column(target), op.hasPrefix(">") ? ">=" : "<", bound))
            } else {
                plan.conditions.append(.compare(.column(target), op, .number(converted)))
            }
            notes.append("kept \(columnName(target)) \(op) \(planner.dialect.number(converted))")
        case let .between(low, high, unit):
            let target = try comparisonColumn(intent, unit: unit, hint: nil, near: near, subject: hint ?? subject)
            plan.conditions.append(.between(.column(target), try convert(low, unit: unit, to: target), try convert(high, unit: unit, to: target)))
            notes.append("kept \(columnName(target)) between \(planner.dialect.number(low)) and \(planner.dialect.number(high))")
        case let .compareToRow(op, comparativeHint, text, holders):
            if let function = intent.aggregate {
                try resolveExtreme(intent, function: function, op: op, hint: comparativeHint, text: text, holders: holders, into: &plan, near: near, subject: subject)
                return
            }
            let target = try comparisonColumn(intent, unit: nil, hint: comparativeHint, near: near, subject: subject)
            guard let holder = choose(holders.filter { $0.table == target.table }, near: [target.table]) else {
                throw Refusal("'\(text)' is not a row of \(tableName(target.table))")
            }
            var row = QueryPlan(base: target.table)
            row.outputs = [QueryPlan.Output(expr: .column(target))]
            row.conditions = [.oneOf(.column(holder), [text], negated: false)]
            plan.conditions.append(.compareToQuery(.column(target), op, row))
            notes.append("compared \(columnName(target)) with that of '\(text)'")
        case let .compareToAverage(op, comparativeHint):
            if try resolveNestedAverage(intent, op: op, hint: comparativeHint, into: &plan, near: near, subject: subject) { return }
            let target = try comparisonColumn(intent, unit: nil, hint: comparativeHint, near: near, subject: subject)
            var average = QueryPlan(base: target.table)
            average.outputs = [QueryPlan.Output(expr: .aggregate("AVG", .column(target)))]
            plan.conditions.append(.compareToQuery(.column(target), op, average))
            notes.append("compared \(columnName(target)) with its average")
        case let .dates(from, to, wording):
            let target = try dateColumn(intent, near: near, subject: subject, questionStems: questionStems)
            if graph.column(target).kind == .year {
                if let from { plan.conditions.append(.compare(.column(target), ">=", .number(Double(from.year)))) }
                if let to { plan.conditions.append(.compare(.column(target), "<", .number(Double(to.month > 1 ? to.year + 1 : to.year)))) }
            } else {
                if let from { plan.conditions.append(.compare(.column(target), ">=", .date(year: from.year, month: from.month, day: 1))) }
                if let to { plan.conditions.append(.compare(.column(target), "<", .date(year: to.year, month: to.month, day: 1))) }
            }
            notes.append("kept \(columnName(target)) \"\(wording)\"")
        case let .day(from, to, wording):
            try resolveDay(from: from, to: to, wording: wording, column: dateColumn(intent, near: near, subject: subject, questionStems: questionStems), into: &plan)
        case let .timeOfDay(op, seconds, upTo, wording):
            try resolveTime(op: op, seconds: seconds, upTo: upTo, wording: wording, near: near, subject: subject, questionStems: questionStems, into: &plan)
        case let .interval(op, days, wording):
            let (start, end) = try interval(of: [subject] + near.filter { $0 != subject }, questionStems: questionStems)
            plan.conditions.append(.compare(.daysBetween(start, end), op, .number(days)))
            notes.append("kept the rows whose days from \(columnName(start)) to \(columnName(end)) are \(wording)")
        case let .compareColumns(op, left, right):
            plan.conditions.append(.compareColumns(.column(left), op, .column(right)))
        case let .weekday(days):
            let target = try dateColumn(intent, near: near, subject: subject, questionStems: questionStems)
            guard graph.column(target).kind == .date else { throw Refusal("no date column holds a day of the week") }
            if days.count == 1 {
                plan.conditions.append(.datePartEquals(.weekday, target, days[0]))
            } else {
                plan.conditions.append(.oneOf(.datePart(.weekday, target), days.map(String.init), negated: false))
            }
            notes.append("kept the days of the week \(days.map(String.init).joined(separator: ", ")) of \(columnName(target)) (0 is Sunday)")
        case let .month(month):
            let target = try dateColumn(intent, near: near, subject: subject, questionStems: questionStems)
            guard graph.column(target).kind == .date else { throw Refusal("no date column holds a month") }
            plan.conditions.append(.datePartEquals(.month, target, month))
            notes.append("kept the month \(month) of \(columnName(target))")
        case let .condition(c):
            let condition = terms.conditions[c]
            add(.oneOf(.column(condition.condition.column), [condition.condition.value], negated: false), to: &plan)
            notes.append("used the note's definition of \"\(condition.words.joined(separator: " "))\"")
        case let .threshold(h):
            let threshold = terms.thresholds[h]
            let keys = graph.tables[threshold.table].primaryKey.map { QueryPlan.Expr.column($0.ref) }
            guard !keys.isEmpty else { throw Refusal("\(tableName(threshold.table)) has no key to test the threshold on") }
            var sub = QueryPlan(base: threshold.measure.table)
            sub.outputs = keys.map { QueryPlan.Output(expr: $0) }
            sub.groupBy = keys
            sub.having = [.compare(.aggregate("SUM", .column(threshold.measure.columns[0])), threshold.op, .number(threshold.value))]
            plan.conditions.append(.inQuery(keys, sub, negated: false))
            notes.append("used the note's definition of \"\(threshold.words.joined(separator: " "))\"")
        case let .havingCount(table, op, value):
            // "courses that are a prerequisite for at least three other courses": through the table of pairs.
            if table == subject, let condition = selfPairCount(subject: subject, op: op, value: value) {
                plan.conditions.append(condition)
                return
            }
            guard table != subject, graph.distance(table, subject) != nil else { throw Refusal("it cannot relate \(tableName(table)) to \(tableName(subject))") }
            // "more than 50 meters still in service": the count would take every row, not only those the state keeps.
            if intents.contains(where: { other in
                switch other.kind {
                case let .present(ref, _), let .flag(ref, _): return ref.table == table
                default: return false
                }
            }) {
                throw Refusal("it cannot count only the \(tableName(table)) rows in the state the question names")
            }
            let keys = graph.tables[subject].primaryKey.map { QueryPlan.Expr.column($0.ref) }
            guard !keys.isEmpty, let counted = graph.tables[table].primaryKey.first else { throw Refusal("\(tableName(subject)) has no key to count by") }
            var sub = QueryPlan(base: table)
            sub.outputs = keys.map { QueryPlan.Output(expr: $0) }
            sub.groupBy = keys
            // A key of several columns (a pair's two codes) is one row each: its first column alone would count one.
            let measure: QueryPlan.Expr = graph.tables[table].primaryKey.count == 1 ? .countDistinct(.column(counted.ref)) : .count
            sub.having = [.compare(measure, op, .number(value))]
            plan.conditions.append(.inQuery(keys, sub, negated: false))
            notes.append("kept \(tableName(subject)) rows with \(op) \(planner.dialect.number(value)) \(tableName(table)) rows")
        case let .key(table, value):
            guard let key = graph.tables[table].primaryKey.first else { return }
            plan.conditions.append(.compare(.column(key.ref), "=", .number(value)))
            notes.append("kept \(columnName(key.ref)) = \(planner.dialect.number(value))")
        case let .sameAs(own, other, edge):
            if let edge { plan.entries[other] = edge }
            plan.conditions.append(.compareColumns(.column(own), "=", .column(other)))
            notes.append("kept rows whose \(columnName(own)) equals \(columnName(other))")
        case let .counted(column):
            plan.conditions.append(.compare(.column(column), ">", .number(0)))
            notes.append("kept rows with \(columnName(column)) above zero")
        case let .present(column, negated):
            plan.conditions.append(negated ? .isNull(.column(column)) : .isNotNull(.column(column)))
            notes.append("kept rows \(negated ? "without" : "with") a \(columnName(column))")
        case let .flag(column, negated):
            guard let flag = graph.column(column).flag else { return }
            plan.conditions.append(.compare(.column(column), "=", negated ? flag.no : flag.yes))
            notes.append("kept \(columnName(column)) \(negated ? "no" : "yes")")
        case let .absence(table, verb):
            try resolveAbsence(intent, table: table, verb: verb, subject: subject, into: &plan, anchors: anchors, questionStems: questionStems)
        }
    }

    /// Two values for the same column mean either ("in Brazil or Canada"): one IN, never a contradiction.
    private func add(_ condition: QueryPlan.Condition, to plan: inout QueryPlan) {
        guard case let .oneOf(expr, values, negated) = condition,
              let index = plan.conditions.firstIndex(where: { if case let .oneOf(e, _, n) = $0 { return e == expr && n == negated }; return false }),
              case let .oneOf(_, existing, _) = plan.conditions[index] else {
            plan.conditions.append(condition)
            return
        }
        plan.conditions[index] = .oneOf(expr, existing + values.filter { !existing.contains($0) }, negated: negated)
    }

    /// The column a comparison applies to: named beside it, implied by the comparative or the
    /// unit, else the table's amount.
    func comparisonColumn(_ intent: Intent, unit: Lexicon.Unit?, hint: String?, near: [Int], subject: Int) throws -> ColumnRef {
        if let k = intent.columnSpan {
            let numeric = spans[k].columns.filter { [.numeric, .year, .date].contains(graph.column($0).kind) }
            if let found = choose(numeric, near: near, strengths: spans[k].columnStrengths) { return found }
        }
        let table = subject
        let columns = graph.tables[table].columns.filter { !$0.isKey && $0.kind == .numeric }
        if let hint, let words = Lexicon.superlatives[hint]?.words {
            for word in words { if let found = columns.first(where: { $0.words.contains(word) }) { return found.ref } }
            if words.contains("millisecond"), let found = columns.first(where: { $0.unit?.dimension == .time }) { return found.ref }
            if hint == "oldest" || hint == "youngest", let date = graph.dateColumns(of: table, preferBirth: true).first { return date.ref }
        }
        if let unit {
            if unit.dimension == .money, let money = graph.moneyColumn(of: table) { return money.ref }
            if let found = columns.first(where: { $0.unit?.dimension == unit.dimension }) { return found.ref }
            throw Refusal("no column of \(tableName(table)) is measured in that unit")
        }
        if let measure = graph.defaultMeasure(of: table) { return measure.ref }
        throw Refusal("it cannot tell which column to compare")
    }

    /// A number in the column's own unit ("5 minutes" → 300000 for Milliseconds).
    private func convert(_ value: Double, unit: Lexicon.Unit?, to column: ColumnRef) throws -> Double {
        guard let unit else { return value }
        // "99 cents": money in hundredths of the column's currency (a column named in cents says so itself).
        if unit.dimension == .money { return value * unit.factor / (graph.column(column).unit.flatMap { $0.dimension == .money ? $0.factor : nil } ?? 1) }
        guard let own = graph.column(column).unit, own.dimension == unit.dimension else {
            throw Refusal("the unit of \(columnName(column)) is not stated, so it cannot compare it with a number in another unit")
        }
        return value * unit.factor / own.factor
    }

    /// The date column a date condition applies to: named beside it, one whose name shares a word
    /// with the question ("hired" → HireDate), the subject's, or the nearest table's; a year column last.
    func dateColumn(_ intent: Intent, near: [Int], subject: Int, questionStems: Set<String>) throws -> ColumnRef {
        if let k = intent.columnSpan {
            if let found = choose(spans[k].columns.filter { [.date, .year].contains(graph.column($0).kind) }, near: near) { return found }
        }
        if let directed = directedDate, graph.distance(subject, directed.table) != nil { return directed }
        let order = near + graph.tables.indices.sorted { (graph.distance(subject, $0) ?? 99, $0) < (graph.distance(subject, $1) ?? 99, $1) }
        var seen: Set<Int> = []
        var candidates: [ColumnRef] = []
        for table in order where !seen.contains(table) && graph.distance(subject, table) != nil {
            seen.insert(table)
            candidates += graph.dateColumns(of: table).map(\.ref)
            candidates += graph.tables[table].columns.filter { $0.kind == .year }.map(\.ref)
        }
        // "in January 2013": a month cannot be kept on a year column.
        if Self.namesMonth(intent.kind) { candidates.removeAll { graph.column($0).kind == .year } }
        if let named = namedDate(candidates, questionStems: questionStems) {
            return try ownDate(named, subject: subject, questionStems: questionStems)
        }
        if let first = candidates.first { return try ownDate(first, subject: subject, questionStems: questionStems) }
        throw Refusal("no date column in the schema fits the dates asked")
    }

    /// Whether a date condition is finer than whole years (a month, a day, a range of months).
    static func namesMonth(_ kind: Intent.Kind) -> Bool {
        switch kind {
        case let .dates(from, to, _): return (from.map { $0.month != 1 } ?? false) || (to.map { $0.month != 1 } ?? false)
        case .month, .day, .weekday: return true
        default: return false
        }
    }

    /// "artists with no albums", "tracks never sold": the subject's key NOT IN the related rows' keys.
    private mutating func resolveAbsence(_ intent: Intent, table: Int?, verb: String?, subject: Int, into plan: inout QueryPlan,
                                         anchors: [Int], questionStems: Set<String>) throws {
        let children = graph.edges.filter { $0.parent == subject && $0.child != subject }
        var target = table
        if target == nil {
            let salesWords = Lexicon.stems(["invoice", "order", "sale", "purchase", "line", "item", "transaction", "booking"])
            let graph = self.graph
            let sales = { (t: Int) in !Set(graph.tables[t].words).isDisjoint(with: salesWords) || graph.quantityColumn(of: t) != nil }
            if let verb, Lexicon.quantityVerbs.contains(verb) || Lexicon.moneyVerbs.contains(verb) {
                // "albums never purchased": the nearest table that records sales, through the tracks if need be.
                target = children.first { sales($0.child) }?.child
                    ?? graph.tables.indices.filter { $0 != subject && sales($0) && graph.distance(subject, $0) != nil }
                        .min { (graph.distance(subject, $0)!, $0) < (graph.distance(subject, $1)!, $1) }
            }
            if target == nil, children.count == 1 {
                target = children[0].child
            } else if target == nil, let verb {
                let related = (Lexicon.synonyms[verb] ?? []).union([verb])
                target = children.first { !Set(graph.tables[$0.child].words).isDisjoint(with: related) }?.child
            }
        }
        guard let target, target != subject, let path = graph.path(from: subject, to: target), let first = path.first else {
            throw Refusal("it cannot tell what the subject lacks")
        }
        let inner = intents.filter { absenceOwner(of: $0).map { intents[$0].at == intent.at } ?? false }
        let keys: [QueryPlan.Expr]
        var sub: QueryPlan
        if first.parent == subject {
            // The subject is the parent: its key is absent from the children's foreign key.
            keys = first.parentColumns.map { .column(ColumnRef(table: subject, column: $0)) }
            sub = QueryPlan(base: first.child)
            sub.outputs = first.childColumns.map { QueryPlan.Output(expr: .column(ColumnRef(table: first.child, column: $0))) }
        } else if inner.isEmpty, path.count == 1 {
            // The subject holds the foreign key ("movies with no studio"): the key is empty.
            for column in first.childColumns { plan.conditions.append(.isNull(.column(ColumnRef(table: subject, column: column)))) }
            notes.append("kept \(tableName(subject)) rows with no \(tableName(target))")
            return
        } else {
            // The subject holds the foreign key: its value is absent from the related keys.
            keys = first.childColumns.map { .column(ColumnRef(table: subject, column: $0)) }
            sub = QueryPlan(base: first.parent)
            sub.outputs = first.parentColumns.map { QueryPlan.Output(expr: .column(ColumnRef(table: first.parent, column: $0))) }
        }
        for output in sub.outputs { sub.conditions.append(.isNotNull(output.expr)) }
        if target != sub.base, inner.isEmpty { sub.extraTables.append(target) }
        if !inner.isEmpty {
            sub.extraTables.append(target)
            let saved = notes
            for condition in inner {
                try resolve(condition, into: &sub, anchors: [target, sub.base], subject: target, questionStems: questionStems)
            }
            notes = saved
        }
        plan.conditions.append(.inQuery(keys, sub, negated: true))
        notes.append("kept \(tableName(subject)) rows with no \(tableName(target)) rows")
    }
}
