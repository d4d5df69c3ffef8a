/// Generic head nouns: words that name no table or column of their own but restate a mention
/// beside them ("staff members", "star rating", "reorder level", "hire date") or stand for the one table of
/// people the question is about ("how many people report to them", "the person they report to").
extension Linker {
    /// Nouns that name people in general, whatever a schema calls its people.
    static let personHeads = Lexicon.stems(["people", "person", "persons", "individual", "member", "folk"])

    /// Nouns that name a figure in general ("rating", "level"): the head of a column's description.
    static let measureHeads = Lexicon.stems(["rating", "level", "score", "figure", "mark", "measure", "reading"])

    /// Words that name a column's type: "hire date" for `hired_on` is the date the column holds.
    static let dateHeads: Set<String> = ["date", "dates", "day"]

    /// Reads the generic head nouns that `nameSpans` left unlinked, against the mentions around them.
    ///
    /// Right after a mention of a person table, a person noun is part of that mention ("staff
    /// members"); right after a numeric column, a measure noun is ("star rating" for `stars`);
    /// right after a table with one numeric column that is not a key, a measure noun names that
    /// column ("review rating" for the reviews' `score`). Elsewhere a person noun names the table
    /// of people `personTable` finds; when there is no one such table, the word stays unlinked and
    /// the question is refused.
    func headNounSpans(_ found: [Span], taken: Set<Int>) -> [Span] {
        var spans = typedDates(found.sorted { $0.range.lowerBound < $1.range.lowerBound }, taken: taken)
        for i in tokens.indices where !taken.contains(i) && tokens[i].number == nil && !tokens[i].quoted {
            guard !spans.contains(where: { $0.range.contains(i) }) else { continue }
            let stem = tokens[i].stem
            // "staff", "employees": where no table is named so, the one table of people the business employs.
            if SchemaGraph.staffNouns.contains(stem), let staff = graph.staffTable {
                // "staff members" is one noun, though another table is named `members`.
                var end = i + 1
                if end < tokens.count, Self.personHeads.contains(tokens[end].stem), !taken.contains(end),
                   let k = spans.firstIndex(where: { $0.range == end..<(end + 1) && $0.table != nil }) {
                    spans.remove(at: k)
                    end += 1
                }
                spans.append(Span(range: i..<end, meaning: .table(staff), strength: 2))
                spans.sort { $0.range.lowerBound < $1.range.lowerBound }
                continue
            }
            let isPerson = Self.personHeads.contains(stem)
            guard isPerson || Self.measureHeads.contains(stem) else { continue }
            if let k = spans.firstIndex(where: { $0.range.upperBound == i }) {
                let before = spans[k]
                if isPerson, let table = before.table, graph.isPersonTable(table) {
                    spans[k] = extended(before, to: i)
                    continue
                }
                if !isPerson {
                    let numeric = before.columns.filter { isFigure($0) }
                    if !numeric.isEmpty {
                        var span = extended(before, to: i)
                        span.meaning = .columns(numeric + before.columns.filter { !numeric.contains($0) })
                        spans[k] = span
                        continue
                    }
                    if let table = before.table, before.edge == nil {
                        let figures = graph.tables[table].columns.filter { isFigure($0.ref) }
                        if figures.count == 1 {
                            var span = Span(range: before.range.lowerBound..<(i + 1), meaning: .columns([figures[0].ref]), strength: 2)
                            span.columnStrengths = [figures[0].ref: 2]
                            spans[k] = span
                            continue
                        }
                    }
                }
            }
            guard isPerson, let person = personTable(mentioned: spans + self.spans) else { continue }
            spans.append(Span(range: i..<(i + 1), meaning: .table(person), strength: 2))
            spans.sort { $0.range.lowerBound < $1.range.lowerBound }
        }
        return spans
    }

    /// "hire date" for `hired_on`, "check-in date" for `check_in`: a type word right after a
    /// mention of a date column is part of it, even where "date" alone would name another table's
    /// date column; after a table, it names the table's own date (`ordered_on` of orders) or its
    /// only one.
    private func typedDates(_ found: [Span], taken: Set<Int>) -> [Span] {
        var spans = found
        for i in tokens.indices where Self.dateHeads.contains(tokens[i].lower) && !taken.contains(i) && !tokens[i].quoted {
            guard let k = spans.firstIndex(where: { $0.range.upperBound == i }) else { continue }
            let before = spans[k]
            let own = spans.firstIndex { $0.range == i..<(i + 1) }
            // Only a word nothing else took, or one that names date columns only.
            if let own, spans[own].columns.isEmpty || !spans[own].columns.allSatisfy({ graph.column($0).kind == .date }) { continue }
            var dates = before.columns.filter { graph.column($0).kind == .date }
            if dates.isEmpty, let table = before.table, before.edge == nil {
                let all = graph.tables[table].columns.filter { $0.kind == .date }
                let named = all.filter { column in
                    column.words.contains { word in graph.tables[table].words.contains { !Lexicon.roots($0).isDisjoint(with: Lexicon.roots(word)) } }
                }
                if let only = named.count == 1 ? named.first : all.count == 1 ? all.first : nil { dates = [only.ref] }
            }
            guard !dates.isEmpty else { continue }
            var span = Span(range: before.range.lowerBound..<(i + 1), meaning: .columns(dates), strength: max(before.strength, 2))
            for column in dates { span.columnStrengths[column] = before.columnStrengths[column] ?? span.strength }
            spans[k] = span
            if let own { spans.remove(at: own) }
        }
        return spans
    }

    /// Words of a reporting line: the rows report to rows of their own table.
    static let reportingWords = Lexicon.stems(["report", "reports", "manager", "boss", "supervisor", "superior", "subordinate"])

    /// The table of people a generic person noun stands for: the one person table the question
    /// names as a table, else the one its columns or values belong to, else (when it speaks of a
    /// reporting line) the one person table keyed to itself, else the schema's only person table.
    private func personTable(mentioned: [Span]) -> Int? {
        let persons = graph.tables.indices.filter { graph.isPersonTable($0) }
        let named = Set(mentioned.compactMap(\.table)).intersection(persons)
        if named.count == 1 { return named.first }
        guard named.isEmpty else { return nil }
        let owning = Set(mentioned.flatMap(mentionedTables)).intersection(persons)
        if owning.count == 1 { return owning.first }
        if tokens.contains(where: { Self.reportingWords.contains($0.stem) }) {
            let selfKeyed = persons.filter { table in graph.edges.contains { $0.child == table && $0.parent == table } }
            if selfKeyed.count == 1 { return selfKeyed[0] }
        }
        return persons.count == 1 ? persons[0] : nil
    }

    /// The tables a mention names: its table, its columns' tables, or the tables holding its value.
    private func mentionedTables(_ span: Span) -> [Int] {
        if case let .value(_, columns) = span.meaning { return columns.map(\.table) }
        return (span.table.map { [$0] } ?? []) + span.columns.map(\.table)
    }

    /// A span grown to take in the head noun at `i`.
    private func extended(_ span: Span, to i: Int) -> Span {
        var grown = Span(range: span.range.lowerBound..<(i + 1), meaning: span.meaning, strength: span.strength, columnStrengths: span.columnStrengths)
        grown.edge = span.edge
        return grown
    }

    /// Whether a column holds a figure: numeric, not a key, not a yes/no flag.
    private func isFigure(_ ref: SchemaGraph.ColumnRef) -> Bool {
        let column = graph.column(ref)
        return column.kind == .numeric && !column.isKey && column.flag == nil
    }
}
