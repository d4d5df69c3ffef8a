/// Names reached through a word's root: "discovery" for `year_discovered` (a noun of action and
/// the verb it is made from).
extension Linker {
    /// The tables and columns whose name's last word shares a root with the word at `i`, which
    /// itself names nothing: "discovery" meets `year_discovered`, "occupy" meets `max_occupancy`.
    /// A word that shapes or links questions is never read so, nor a capitalised word (a name the
    /// values do not hold), nor is a key or a yes/no column met so ("how many inductions" would
    /// count a flag's two values, not the rows saying yes).
    func rootTargets(_ i: Int) -> [Target]? {
        let token = tokens[i]
        guard token.number == nil, !token.quoted, token.lower.count > 4, token.lower.allSatisfy(\.isLetter), !token.capitalized || i == 0,
              !Self.isQuestionWord(token.lower), !Lexicon.neutralVerbs.contains(token.stem), !Lexicon.fillers.contains(token.stem),
              // Generic head nouns are read against the mention beside them (`headNounSpans`).
              !Self.measureHeads.contains(token.stem), !Self.personHeads.contains(token.stem), !Self.dateHeads.contains(token.lower) else { return nil }
        let roots = Lexicon.roots(token.lower)
        let prefixes = Set(roots.map { $0.prefix(2) })
        func meets(_ name: String) -> Bool {
            // "the retirement date" for `retired_on`: a date named by its verb and a word of time, met
            // by a noun of that verb said with "date" ("from report to completion" is not a column asked for).
            var raw = SchemaGraph.rawWords(of: name).map { $0.lowercased() }
            if raw.count > 1, ["on", "at", "date", "time"].contains(raw[raw.count - 1]), i + 1 < tokens.count, Self.dateHeads.contains(tokens[i + 1].lower) {
                raw.removeLast()
            }
            guard let last = raw.last, last.count > 3, prefixes.contains(last.prefix(2)) else { return false }
            return !Lexicon.roots(last).isDisjoint(with: roots)
        }
        var found: [Target] = []
        for table in graph.tables {
            if meets(table.name) { found.append(Target(table: table.index, column: nil, metric: nil, condition: nil, threshold: nil, strength: 2)) }
            for column in table.columns where !column.isKey && column.flag == nil && meets(column.name) {
                found.append(Target(table: nil, column: column.ref, metric: nil, condition: nil, threshold: nil, strength: 2))
            }
        }
        return found.isEmpty ? nil : found
    }

    /// A span for targets of one strength: a table when one is among them, else the columns.
    func span(_ range: Range<Int>, targets: [Target]) -> Span {
        if let table = targets.compactMap(\.table).first {
            return Span(range: range, meaning: .table(table), strength: 2)
        }
        let columns = targets.compactMap(\.column)
        var span = Span(range: range, meaning: .columns(columns), strength: 2)
        for column in columns { span.columnStrengths[column] = 2 }
        return span
    }
}
