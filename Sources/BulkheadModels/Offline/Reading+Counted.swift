/// Things a column counts, said one at a time: "movies that won an Oscar" are those whose
/// `oscars_won` is above zero, "players with a home run" those whose home runs are. The column's
/// first word names the thing; "a" or "an" before it asks for at least one.
extension Reading {
    /// Reads "a <thing>" at `i`, where a numeric column of a table the question names counts that
    /// thing: a condition that the count is above zero. A row named so ("Oscar", a film's title)
    /// is not meant: a name takes no "a".
    mutating func readOneCounted(_ i: Int) -> Bool {
        let value = spanCovering(i).flatMap { spans[$0].isValue && spans[$0].range == i..<(i + 1) ? $0 : nil }
        guard spanCovering(i) == nil || value != nil, !consumed.contains(i), tokens[i].number == nil, !tokens[i].quoted,
              let p = previous(i, skipping: []), ["a", "an", "any"].contains(word(p) ?? "") else { return false }
        let stem = tokens[i].stem
        let named = Set(spans.compactMap(\.table))
        let columns = graph.tables.filter { named.contains($0.index) }.flatMap(\.columns).filter { column in
            isCountOfThings(column.ref) && column.ownWords.count > 1 && column.ownWords.first == stem
        }
        guard columns.count == 1 else { return false }
        if let value {
            links.retype(value, as: .columns([columns[0].ref]))
            used.insert(value)
        }
        // "won an Oscar" where "won" also names oscars_won: the verb is part of the condition, not a column asked for.
        if let verb = previous(p, skipping: []).flatMap(spanEnding), spans[verb].columns.contains(columns[0].ref) { used.insert(verb) }
        intents.append(Intent(kind: .counted(columns[0].ref), at: i))
        consumed.formUnion([p, i])
        return true
    }
}
