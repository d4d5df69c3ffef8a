/// People reached through a key of the rows a question is about: "Who has been assigned the most
/// issues?" asks for the people an issue's key points to, though no word names the people.
extension Reading {
    /// The table of people the rows the question names point to, and the key to enter it by: the
    /// one key from those rows to a table of people, or, when there are several (a reporter and an
    /// assignee), the one whose name shares its root with a verb of the question ("assigned" and
    /// `assignee_id`). Nil when no key, or more than one, fits: the question is then refused.
    func peopleByKey(_ subject: Int?) -> (table: Int, edge: Int)? {
        // The rows named as a table, else the one table of the columns named ("the most hours" of work logs).
        var named = subject.map { [$0] } ?? Array(Set(spans.compactMap(\.table))).sorted()
        if named.isEmpty { named = Array(Set(spans.filter { !$0.isValue }.compactMap { $0.columns.first?.table })).sorted() }
        guard named.count == 1, let rows = named.first, !graph.isPersonTable(rows) else { return nil }
        let keys = graph.edges.filter { $0.child == rows && $0.parent != rows && $0.childColumns.count == 1 && graph.isPersonTable($0.parent) }
        guard !keys.isEmpty else { return nil }
        if keys.count == 1 { return (keys[0].parent, keys[0].id) }
        let verbs = tokens.indices.compactMap { i -> String? in
            guard spanCovering(i) == nil, let w = word(i), w.count > 4, w.hasSuffix("ed") || w.hasSuffix("ing") else { return nil }
            return Lexicon.stem(w)
        }
        let fitting = keys.filter { edge in
            graph.tables[edge.child].columns[edge.childColumns[0]].ownWords.contains { keyWord in
                verbs.contains { verb in verb.count >= 4 && keyWord.count >= 4 && (keyWord.hasPrefix(verb) || verb.hasPrefix(keyWord)) }
            }
        }
        return fitting.count == 1 ? (fitting[0].parent, fitting[0].id) : nil
    }

    /// "Who joined in 2023? Show their name and hire date": with no table named, the one table of
    /// people that has a column of every mention of columns ("name" is said of many tables, "hire
    /// date" of one).
    func peopleByColumns() -> Int? {
        let named = spans.filter { !$0.isValue && !$0.columns.isEmpty }.map { Set($0.columns.map(\.table)) }
        guard let first = named.first else { return nil }
        let tables = named.dropFirst().reduce(first) { $0.intersection($1) }
        guard tables.count == 1, let table = tables.first, graph.isPersonTable(table) else { return nil }
        return table
    }
}
