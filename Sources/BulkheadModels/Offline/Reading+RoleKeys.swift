/// Foreign keys that play roles: a table reached by several keys of another (a flight's origin
/// and destination airports), where the words before a value say which one the question means.
extension Reading {
    /// Stems of the names of keys that say where something goes.
    static let toWords = Lexicon.stems(["dest", "destination", "arrive", "arrival", "to", "target"])
    /// Stems of the names of keys that say where something comes from.
    static let fromWords = Lexicon.stems(["origin", "depart", "departure", "dep", "from", "source", "start"])

    /// Words before a value that say it is where something goes.
    static let toRoles = Lexicon.stems(["to", "into", "for", "toward", "towards", "arriving", "arrive", "arrives", "arrived", "landing", "land", "lands", "landed"])
    /// Words before a value that say it is where something comes from.
    static let fromRoles = Lexicon.stems(["from", "out", "departing", "depart", "departs", "departed", "leaving", "leave", "leaves", "left"])

    /// The stems a foreign key's name has when it plays the role said before the value at `at`:
    /// the word before it, else the verb before that word ("arrive at", "depart from"); nil when
    /// neither says where to or where from.
    func roleStems(before at: Int) -> Set<String>? {
        let role = previous(at)
        let words = [role, role.flatMap { previous($0) }].compactMap { $0.flatMap(word).map(Lexicon.stem) }
        return words.lazy.compactMap { w in Self.toRoles.contains(w) ? Self.toWords : Self.fromRoles.contains(w) ? Self.fromWords : nil }.first
    }

    /// "Which airlines fly from LAX" where LAX is stored in the destination key: a foreign key
    /// with siblings to the same table (origin, destination) holds the value only by the data's
    /// chance; the role said before the value picks the sibling that plays it.
    func roleColumn(for target: ColumnRef, at: Int) -> ColumnRef? {
        guard let own = graph.edges.first(where: { $0.child == target.table && $0.childColumns == [target.column] && $0.parent != target.table }),
              let wanted = roleStems(before: at) else { return nil }
        let siblings = graph.edges.filter { $0.child == own.child && $0.parent == own.parent && $0.childColumns.count == 1 }
        guard siblings.count > 1 else { return nil }
        let matching = siblings.filter { !Set(graph.tables[$0.child].columns[$0.childColumns[0]].words).isDisjoint(with: wanted) }
        guard matching.count == 1 else { return nil }
        return ColumnRef(table: target.table, column: matching[0].childColumns[0])
    }

    /// "Which airlines fly to LAX": when the value's table is reached from a table with several
    /// foreign keys to it (a flight's origin and destination), the role said before the value
    /// ("to", "departing from") picks the key whose name says that role. Without a role that picks
    /// exactly one, it refuses rather than join through whichever key comes first.
    func roleEntry(for column: ColumnRef, at: Int, into plan: inout QueryPlan) throws {
        guard column.table != plan.base else { return }
        let direct = graph.edges.filter { $0.parent == column.table && $0.child == plan.base }
        var via = plan.base
        if direct.count < 2 {
            guard let path = graph.path(from: plan.base, to: column.table, preferring: plan.preferredTables),
                  let last = path.last, last.parent == column.table, last.child != column.table else { return }
            via = last.child
        }
        let entering = graph.edges.filter { $0.parent == column.table && $0.child == via }
        guard entering.count > 1 else { return }
        // "issues assigned to Ana": the key a verb chose.
        if let chosen = entering.first(where: { plan.roleEdges.contains($0.id) }) {
            plan.entries[column] = chosen.id
            return
        }
        let wanted = roleStems(before: at) ?? []
        let matching = entering.filter { edge in edge.childColumns.contains { !Set(graph.tables[edge.child].columns[$0].words).isDisjoint(with: wanted) } }
        guard matching.count == 1 else {
            let keys = entering.flatMap { edge in edge.childColumns.map { graph.tables[edge.child].columns[$0].name } }
            throw Refusal("it cannot tell whether \(tableName(column.table)) is reached by \(keys.joined(separator: " or ")) of \(tableName(via))")
        }
        plan.entries[column] = matching[0].id
    }
}
