/// The last pass: choose the subject table, the measure, groupings and orderings, settle each
/// filter's column, and say why.
extension OfflinePlanner.ParseState {
    typealias Refusal = OfflinePlanner.Refusal

    /// Chooses among candidate columns: those in `preferred` tables first, then the nearest
    /// to the subject by joins, then schema order.
    func choose(_ candidates: [ColumnRef], subject: Int?, preferred: [Int] = [], strengths: [ColumnRef: Int] = [:]) -> ColumnRef? {
        let reachable = candidates.filter { subject == nil || index.distance(from: subject!, to: $0.table) != nil }
        let pool = reachable.isEmpty ? candidates : reachable
        return pool.min { a, b in
            let pa = preferred.firstIndex(of: a.table) ?? Int.max
            let pb = preferred.firstIndex(of: b.table) ?? Int.max
            if pa != pb { return pa < pb }
            let sa = strengths[a] ?? 0
            let sb = strengths[b] ?? 0
            if sa != sb { return sa > sb }
            let da = subject.flatMap { index.distance(from: $0, to: a.table) } ?? Int.max
            let db = subject.flatMap { index.distance(from: $0, to: b.table) } ?? Int.max
            if da != db { return da < db }
            return (a.table, a.column) < (b.table, b.column)
        }
    }

    func name(_ ref: ColumnRef) -> String { "\(index.tables[ref.table].name).\(index.column(ref).name)" }
    func quoted(_ k: Int) -> String { "\"" + tokens[mentions[k].start..<mentions[k].end].map(\.text).joined(separator: " ") + "\"" }

    /// The tables of role mentions, first table of each.
    func tables(_ ks: [Int]) -> [Int] { ks.compactMap { mentions[$0].tables.first } }

    mutating func build() throws -> QuerySpec {
        let entityTables = tables(entities)
        let qualifierTables = tables(qualifiers)
        let groupTables = tables(groups.filter { !mentions[$0].tables.isEmpty })
        let plainColumns = mentions.indices.filter { !used.contains($0) && mentions[$0].tables.isEmpty }

        // "highest unit price" with no table named before it is MAX, not a top-N list.
        if let request = top, request.explicitColumn, !entities.contains(where: { mentions[$0].start < request.at }), aggregate == nil {
            aggregate = (request.descending ? "MAX" : "MIN", request.at)
            top = nil
        }

        // "earliest invoice date per country", "longest track per album": the extreme per group.
        if let request = top, aggregate == nil, !groups.isEmpty, countTargets.isEmpty, request.count == nil, orderMention == nil {
            aggregate = (request.descending ? "MAX" : "MIN", request.at)
            if !request.explicitColumn, !request.wantsDate, let words = request.words, let table = entityTables.first,
               let column = index.tables[table].columns.first(where: { c in !c.isKey && c.kind == .numeric && words.contains { c.words.contains($0) } }) {
                superlativeMeasure = ColumnRef(table: table, column: column.index)
            } else if request.wantsDate, let table = entityTables.first, let column = index.dateColumns(of: table, preferBirth: request.preferBirth).first {
                superlativeMeasure = ColumnRef(table: table, column: column.index)
            }
            top = nil
        }

        var spec: QuerySpec
        if let aggregate {
            let allowDate = aggregate.function == "MAX" || aggregate.function == "MIN"
            let after = plainColumns.filter { mentions[$0].start > aggregate.at } + plainColumns.filter { mentions[$0].start < aggregate.at }
            let measureMention = after.first { k in
                mentions[k].columns.contains { let kind = index.column($0).kind; return kind == .numeric || (allowDate && kind == .date) }
            }
            var measure: ColumnRef?
            if measureMention == nil, let superlativeMeasure {
                measure = superlativeMeasure
                notes.append("measured \(name(superlativeMeasure))")
            } else if let k = measureMention {
                used.insert(k)
                let candidates = mentions[k].columns.filter { let kind = index.column($0).kind; return kind == .numeric || (allowDate && kind == .date) }
                let others = entityTables + groupTables + qualifierTables
                let strengths = mentions[k].strengths
                func cost(_ ref: ColumnRef) -> Int {
                    others.map { index.distance(from: ref.table, to: $0) ?? 100 }.reduce(0, +)
                }
                measure = candidates.first { entityTables.contains($0.table) }
                    ?? candidates.min { a, b in
                        let sa = strengths[a] ?? 0
                        let sb = strengths[b] ?? 0
                        if sa != sb { return sa > sb }
                        return cost(a) != cost(b) ? cost(a) < cost(b) : (a.table, a.column) < (b.table, b.column)
                    }
                notes.append("measured \(name(measure!)) (from \(quoted(k)))")
            } else {
                // No column named: an unknown word in the measure's place means refuse.
                let end = mentions.first { $0.start > aggregate.at }?.start ?? tokens.count
                for i in (aggregate.at + 1)..<max(aggregate.at + 1, end) where tokens[i].value == nil && tokens[i].number == nil && !consumed.contains(i) {
                    let word = tokens[i].lower
                    if !Words.stopwords.contains(word) && !Words.stopwords.contains(tokens[i].norm) && !Words.genericMeasures.contains(tokens[i].norm) {
                        throw Refusal("no column matches \"\(tokens[i].text)\"")
                    }
                }
                guard let table = entityTables.first ?? qualifierTables.first, let column = index.defaultMeasure(of: table) else {
                    throw Refusal("it cannot tell which column to \(aggregate.function == "AVG" ? "average" : "aggregate")")
                }
                measure = ColumnRef(table: column.table, column: column.index)
                notes.append("measured \(name(measure!)) (the amount column of \(index.tables[table].name))")
            }
            spec = QuerySpec(subject: measure!.table)
            spec.selection = .aggregate(function: aggregate.function, column: measure!)
            spec.extraTables = entityTables.filter { $0 != measure!.table }
        } else if let countTarget = countTargets.first, let counted = mentions[countTarget].tables.first {
            // "which genre has the most tracks", "top 3 artists by number of albums".
            guard let groupTable = entityTables.first(where: { $0 != counted }) ?? groupTables.first else {
                throw Refusal("it cannot tell what to compare by number of \(index.tables[counted].name)")
            }
            spec = QuerySpec(subject: counted)
            spec.selection = .count
            spec.groupTable = groupTable
            spec.ordering = .selectedValue(descending: countMarkers[previous(mentions[countTarget].start) ?? -1] ?? true)
            let plural = entities.first.map { isPlural(mentions[$0]) } ?? false
            spec.limit = top?.count ?? (plural ? 5 : 1)
            notes.append("counted \(index.tables[counted].name) rows per \(index.tables[groupTable].name)")
            top = nil
        } else {
            guard let subject = entityTables.first ?? qualifierTables.first
                    ?? plainColumns.first.flatMap({ mentions[$0].columns.first?.table }) else {
                throw Refusal("no table in it matches the question")
            }
            spec = QuerySpec(subject: subject)
            spec.selection = isCount ? .count : .rows
            spec.extraTables = entityTables.filter { $0 != subject }
            // "how many different genres": the rows of a table are distinct already.
            let distinctColumn = distinctAt.flatMap { at in plainColumns.first { mentions[$0].start > at } }
            if distinctAt != nil, distinctColumn == nil, entityTables.isEmpty {
                throw Refusal("it can only count distinct values of a named column")
            }
            if let k = distinctColumn {
                // "how many distinct cities do patients live in": COUNT(DISTINCT city).
                guard isCount, let column = choose(mentions[k].columns, subject: subject, preferred: [subject] + entityTables,
                                                   strengths: mentions[k].strengths) else {
                    throw Refusal("it can only count distinct values of a named column")
                }
                used.insert(k)
                spec.selection = .countDistinct(column)
                notes.append("counted distinct values of \(name(column)) (from \(quoted(k)))")
            }
        }
        if let k = entities.first ?? qualifiers.first, mentions[k].tables.first == spec.subject {
            notes.insert("used table \(index.tables[spec.subject].name) (from \(quoted(k)))", at: 0)
        } else {
            notes.insert("used table \(index.tables[spec.subject].name)", at: 0)
        }

        // Top-N and superlatives.
        if let request = top {
            let subjectTable = index.tables[spec.subject]
            var column: ColumnRef?
            if let k = orderMention ?? (request.explicitColumn ? plainColumns.first { mentions[$0].start > request.at && !used.contains($0) } : nil) {
                column = choose(mentions[k].columns, subject: spec.subject, preferred: [spec.subject], strengths: mentions[k].strengths)
                used.insert(k)
            } else if request.wantsDate {
                column = index.dateColumns(of: spec.subject, preferBirth: request.preferBirth).first.map { ColumnRef(table: $0.table, column: $0.index) }
            } else if let words = request.words, !words.isEmpty {
                for word in words {
                    if let found = subjectTable.columns.first(where: { !$0.isKey && $0.kind == .numeric && $0.words.contains(word) }) {
                        column = ColumnRef(table: spec.subject, column: found.index)
                        break
                    }
                }
            }
            guard let column else { throw Refusal("no column of \(subjectTable.name) tells what to rank by") }
            spec.ordering = .column(column, descending: request.descending)
            let plural = entities.first.map { isPlural(mentions[$0]) } ?? false
            spec.limit = request.count ?? (plural ? 10 : 1)
            notes.append("ranked by \(name(column)) \(request.descending ? "descending" : "ascending"), first \(spec.limit!)")
        }

        // Groupings.
        for k in groups {
            let m = mentions[k]
            if let table = m.tables.first {
                spec.groupTable = table
                notes.append("grouped by \(index.tables[table].name) (from \(quoted(k)))")
            } else if let column = choose(m.columns, subject: spec.subject, preferred: [spec.subject] + entityTables, strengths: m.strengths) {
                spec.groupColumns.append(column)
                notes.append("grouped by \(name(column)) (from \(quoted(k)))")
            }
        }
        if spec.groupTable == spec.subject, case .rows = spec.selection { spec.groupTable = nil }

        // Filters.
        for intent in filterIntents {
            try resolve(intent, into: &spec, entityTables: entityTables)
        }
        spec.filters = Self.mergingAlternatives(spec.filters)
        return spec
    }

    private mutating func resolve(_ intent: OfflinePlanner.FilterIntent, into spec: inout QuerySpec, entityTables: [Int]) throws {
        let hintTable = intent.tableMention.flatMap { mentions[$0].tables.first }
        let preferred = [hintTable, spec.subject].compactMap { $0 } + entityTables
        func column(from k: Int?, kinds: Set<SchemaIndex.Kind>) -> ColumnRef? {
            guard let k else { return nil }
            return choose(mentions[k].columns.filter { kinds.contains(index.column($0).kind) }, subject: spec.subject, preferred: preferred,
                          strengths: mentions[k].strengths)
        }
        func label(_ table: Int?) -> ColumnRef? {
            guard let table, let label = index.labelColumn(of: table) else { return nil }
            return ColumnRef(table: table, column: label.index)
        }
        switch intent.kind {
        case let .value(value, contains):
            var target: ColumnRef?
            if let k = intent.columnMention {
                let named = mentions[k].columns
                let both = named.filter { value.columns.contains($0) }
                target = choose(both.isEmpty ? named.filter { index.column($0).kind == .text } : both, subject: spec.subject, preferred: preferred,
                                strengths: mentions[k].strengths)
            }
            if target == nil, !value.columns.isEmpty {
                target = choose(value.columns, subject: spec.subject, preferred: preferred)
            }
            if target == nil { target = label(hintTable ?? spec.subject) }
            guard let target else { throw Refusal("it cannot tell which column holds '\(value.text)'") }
            let sampled = value.columns.contains(target)
            spec.filters.append(.init(column: target, operation: contains ? .contains(value.text) : (sampled ? .equals(value.text) : .equalsIgnoringCase(value.text)),
                                      reason: sampled ? "'\(value.text)' is a sample value of \(name(target))" : "'\(value.text)' as quoted"))
        case let .named(text):
            guard let target = column(from: intent.columnMention, kinds: [.text]) ?? label(hintTable ?? spec.subject) else {
                throw Refusal("it cannot tell which column holds the name '\(text)'")
            }
            spec.filters.append(.init(column: target, operation: .equalsIgnoringCase(text), reason: "the name given"))
        case let .contains(text):
            guard let target = column(from: intent.columnMention, kinds: [.text]) ?? label(hintTable ?? spec.subject) else {
                throw Refusal("it cannot tell which column should contain '\(text)'")
            }
            spec.filters.append(.init(column: target, operation: .contains(text), reason: "\"containing\""))
        case let .compare(op, value, hint):
            var target = column(from: intent.columnMention, kinds: [.numeric])
            if target == nil, let hint {
                for word in hint {
                    if let found = index.tables[spec.subject].columns.first(where: { !$0.isKey && $0.kind == .numeric && $0.words.contains(word) }) {
                        target = ColumnRef(table: spec.subject, column: found.index)
                        break
                    }
                }
            }
            if target == nil, let measure = index.defaultMeasure(of: spec.subject) { target = ColumnRef(table: measure.table, column: measure.index) }
            guard let target else { throw Refusal("it cannot tell which column to compare with \(QuerySpec.number(value))") }
            spec.filters.append(.init(column: target, operation: .compare(op, value), reason: "the comparison asked"))
        case let .between(low, high):
            guard let target = column(from: intent.columnMention, kinds: [.numeric])
                    ?? index.defaultMeasure(of: spec.subject).map({ ColumnRef(table: $0.table, column: $0.index) }) else {
                throw Refusal("it cannot tell which column lies between \(QuerySpec.number(low)) and \(QuerySpec.number(high))")
            }
            spec.filters.append(.init(column: target, operation: .between(low, high), reason: "the range asked"))
        case let .dates(from, to, wording):
            var target = column(from: intent.columnMention, kinds: [.date])
            if target == nil {
                let order = [hintTable, spec.subject].compactMap { $0 } + entityTables
                    + index.tables.indices.sorted { (index.distance(from: spec.subject, to: $0) ?? 99, $0) < (index.distance(from: spec.subject, to: $1) ?? 99, $1) }
                for table in order where index.distance(from: spec.subject, to: table) != nil {
                    if let date = index.dateColumns(of: table).first {
                        target = ColumnRef(table: table, column: date.index)
                        break
                    }
                }
            }
            guard let target else { throw Refusal("no date column in the schema fits \"\(wording)\"") }
            spec.filters.append(.init(column: target, operation: .dateRange(from: from, to: to), reason: "\"\(wording)\""))
        case let .havingCount(table, op, value):
            spec.having = (table, op, value)
            notes.append("kept \(index.tables[spec.subject].name) rows with \(op) \(QuerySpec.number(value)) \(index.tables[table].name) rows")
        }
    }

    /// Two values for the same column ("in Brazil or Canada") mean either, never both: they
    /// become one IN condition instead of a contradiction that returns nothing.
    static func mergingAlternatives(_ filters: [QuerySpec.Filter]) -> [QuerySpec.Filter] {
        var result: [QuerySpec.Filter] = []
        for filter in filters {
            let value: String?
            switch filter.operation {
            case let .equals(text), let .equalsIgnoringCase(text): value = text
            default: value = nil
            }
            guard let value, let existing = result.firstIndex(where: { $0.column == filter.column }) else {
                result.append(filter)
                continue
            }
            switch result[existing].operation {
            case let .equals(first), let .equalsIgnoringCase(first):
                if first != value {
                    result[existing] = .init(column: filter.column, operation: .oneOf([first, value]), reason: "any of the values named")
                }
            case let .oneOf(values):
                if !values.contains(value) {
                    result[existing] = .init(column: filter.column, operation: .oneOf(values + [value]), reason: result[existing].reason)
                }
            default:
                result.append(filter)
            }
        }
        return result
    }

    /// The explanation shown beside the SQL: tables, joins, columns and conditions chosen.
    func explain(_ spec: QuerySpec, joins: [String]) -> String {
        var parts = notes
        if !joins.isEmpty { parts.append("joined along " + joins.joined(separator: ", ")) }
        for filter in spec.filters {
            parts.append("filtered \(name(filter.column)) (\(filter.reason))")
        }
        switch spec.selection {
        case .rows: break
        case .count: if !parts.contains(where: { $0.hasPrefix("counted") }) { parts.append("counted rows") }
        case .aggregate, .countDistinct: break
        }
        let sentence = parts.joined(separator: "; ")
        return sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
    }
}
