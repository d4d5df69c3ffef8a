/// Choosing among candidate columns and tables: the named, the worded, the nearest.
extension Reading {
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
            let oa = overlap(a)
            let ob = overlap(b)
            // "born in each country": a column of several words, each said somewhere in the question (birthCountry).
            let fa = graph.column(a).words.count >= 2 && oa >= graph.column(a).words.count
            let fb = graph.column(b).words.count >= 2 && ob >= graph.column(b).words.count
            if fa != fb, max(oa, ob) > min(oa, ob) { return fa }
            if sa != sb, abs(sa - sb) >= 2 { return sa > sb }
            if oa != ob { return oa > ob }
            let da = distance(a)
            let db = distance(b)
            if da != db { return da < db }
            if sa != sb { return sa > sb }
            return a < b
        }
    }

    /// The column a superlative ranks rows by.
    mutating func rankColumn(_ rank: Rank, subject: Int?) throws -> ColumnRef? {
        guard let subject else { return nil }
        if let k = rankSpan, !spans[k].columns.isEmpty {
            guard let column = choose(spans[k].columns, near: [subject], strengths: spans[k].columnStrengths) else { return nil }
            // "the most units" of another table is a sum per row, not a column of the row.
            return column.table == subject ? column : nil
        }
        // "the movies with the most reviews" where reviews extend movies one to one: their count column.
        if rank.kind == .most, let k = rankSpan, let table = spans[k].table, table == subject || graph.extends(table, subject) {
            let counts = Lexicon.stems(["count", "number", "num", "total"])
            if let column = (graph.tables[table].columns + graph.tables[subject].columns).first(where: { column in
                column.kind == .numeric && !column.isKey && column.words.contains(graph.tables[table].words.last ?? "")
                    && !Set(column.words).isDisjoint(with: counts) }) {
                return column.ref
            }
        }
        // "Which three bookings cost the most", "which instructor earns the most": a money verb with
        // nothing named after "most" ranks each row by its own money, when the rows have one.
        if rank.kind == .most, rankSpan == nil, let at = moneyAt, Lexicon.moneyVerbs.contains(tokens[at].stem),
           previous(rank.at).map({ $0 == at }) ?? false, let money = graph.moneyColumn(of: subject) {
            // The verb may have been read as the money column's name ("cost"): it is the ranking, not a column asked for.
            if let k = spanCovering(at) { projectionSpans.removeAll { $0 == k } }
            return money.ref
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
        // A column asked for before a superlative of its own ("the id and total of the most expensive invoices")
        // ranks only when its name fits the superlative; else the superlative's words find the column below.
        let fitting = projectionSpans.first { k in
            rank.words?.isEmpty ?? true || spans[k].columns.contains { !Set(graph.column($0).words).isDisjoint(with: rank.words ?? []) }
        }
        // "the four largest invoices with their dates": a column listed after the superlative's noun is asked for, not ranked by.
        let all = spans
        let words = tokens
        let listing: Set<String> = ["with", "their", "its", "and", "plus", "showing", "including", "along"]
        let ownNoun = { (k: Int) in
            all[k].range.lowerBound > rank.at && !(all.contains { $0.table != nil && $0.range.lowerBound > rank.at && $0.range.upperBound <= all[k].range.lowerBound }
                && words[max(rank.at, all[k].range.lowerBound - 3)..<all[k].range.lowerBound].contains { listing.contains($0.lower) })
        }
        if let k = projectionSpans.first(where: ownNoun) ?? fitting,
           let column = choose(spans[k].columns.filter { graph.column($0).kind == .numeric || graph.column($0).kind == .date || graph.column($0).kind == .year },
                               near: [subject], strengths: spans[k].columnStrengths) {
            // A column asked for before the superlative, or after its noun, stays an answer as well.
            if ownNoun(k) { projectionSpans.removeAll { $0 == k } }
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
            // "track names containing 'love'": the column the text is matched in.
            case .text: if let k = intent.columnSpan, let first = spans[k].columns.first { return first.table }
            default: continue
            }
        }
        return nil
    }

    /// The table of the first column asked for.
    func projectionTable() -> Int? {
        guard let k = projectionSpans.first else { return nil }
        let columns = spans[k].columns
        // "every size code": a key that another candidate refers to names the table that owns the codes.
        let owner = columns.first { c in
            graph.column(c).isPrimaryKey && columns.contains { d in
                graph.edges.contains { $0.child == d.table && $0.parent == c.table && $0.childColumns == [d.column] }
            }
        }
        return (owner ?? columns.first)?.table
    }

    func isInsideAbsence(_ intent: Intent, _ starts: [Int]) -> Bool {
        if case .absence = intent.kind { return false }
        return absenceOwner(of: intent) != nil
    }

    /// The absence a condition belongs to: it comes after "no"/"never" and names that side's table.
    func absenceOwner(of intent: Intent) -> Int? {
        for (index, absence) in intents.enumerated() {
            guard case let .absence(table, _) = absence.kind, intent.at > absence.at else { continue }
            if let t = absence.tableSpan, intent.at < spans[t].range.lowerBound { return index }
            switch intent.kind {
            case let .value(_, columns, _):
                if let table, columns.contains(where: { $0.table == table }) { return index }
            case .dates, .compare, .day, .timeOfDay:
                if table != nil { return index }
            case let .counted(column):
                if column.table == table { return index }
            default: continue
            }
        }
        return nil
    }
}

extension Reading {
    /// "tracks written by artists whose name starts with A": a relative "whose" makes the column
    /// after it belong to the noun it follows (the nearest table named before it), so the column
    /// is that table's even when the subject has a column of the same name. A column the owner
    /// does not have keeps its candidates.
    mutating func narrowWhoseColumns() {
        for k in spans.indices where !spans[k].columns.isEmpty {
            guard let p = previous(spans[k].range.lowerBound, skipping: []), word(p) == "whose",
                  let owner = spans.indices.last(where: { spans[$0].table != nil && spans[$0].range.upperBound <= p && spans[$0].range.upperBound >= p - 4 }),
                  let table = spans[owner].table else { continue }
            let own = spans[k].columns.filter { $0.table == table }
            guard !own.isEmpty, own.count < spans[k].columns.count else { continue }
            links.retype(k, as: .columns(own))
        }
    }
}

extension Reading {
    /// The columns that tell a listed row apart: its name or title when it has one, else its key
    /// (an invoice is told by its number, not by the first text it holds).
    func identityColumns(of table: Int) -> [ColumnRef] {
        let labels = graph.labelColumns(of: table)
        let naming = labels.allSatisfy { ref in
            let column = graph.column(ref)
            return column.isKey || column.words.contains("nam") || column.words.contains("titl")
        }
        let key = graph.tables[table].primaryKey.map(\.ref)
        return naming || key.isEmpty ? labels : key
    }
}

extension Reading {
    /// Whether span `k` says only "name" of `table` ("name", "the customer's name"), not which part
    /// of it ("first name").
    func saysOnlyName(_ k: Int, table: Int) -> Bool {
        let own = Set(graph.tables[table].words)
        let said = tokens[spans[k].range].filter { $0.lower != "s" && !own.contains($0.stem) }.map(\.lower)
        return said == ["name"] || said == ["names"]
    }
}

extension Reading {
    /// "the neighbours of Germany", "the destination airports": a table named by the role of one of
    /// several keys another table holds to it (a border's neighbour, a flight's destination) means
    /// the rows that key points to. When those rows are the base of the query itself, the key is
    /// never joined and every row would be listed or counted: refuse.
    func refuseUnjoinedRole(base: Int) throws {
        for span in spans {
            guard let t = span.table, t == base, let id = span.edge, let edge = graph.edges.first(where: { $0.id == id }),
                  edge.child != t, graph.edges.contains(where: { $0.id != id && $0.child == edge.child && $0.parent == t }) else { continue }
            throw Refusal("it cannot tell which \(tableName(t)) rows the question reaches through \(tableName(edge.child))")
        }
    }
}
