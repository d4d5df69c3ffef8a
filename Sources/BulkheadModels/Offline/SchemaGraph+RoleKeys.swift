/// Keys that name a role their rows play (a project's `lead_id`, a vehicle's `home_branch_id`)
/// rather than the row they belong to (`user_id`). Such a key relates two tables only in that
/// role, so a question that names another table of events between them ("people who logged time
/// on a project") is about the rows related through that table, not through the role.
extension SchemaGraph {
    /// Whether a single-column key is named for a role: neither like the key it points to nor
    /// after the table it points to.
    func isRoleKey(_ edge: Edge) -> Bool {
        guard edge.child != edge.parent, edge.childColumns.count == 1, edge.parentColumns.count == 1 else { return false }
        let column = tables[edge.child].columns[edge.childColumns[0]]
        let key = tables[edge.parent].columns[edge.parentColumns[0]]
        return column.name.lowercased() != key.name.lowercased() && Array(column.ownWords.dropLast()) != tables[edge.parent].words
    }

    /// Where `path` from `start` to `end` crosses one role key not `chosen`, the path through the
    /// one named table of events below `start` (a child of it by another key) that climbs to `end`
    /// without that key and without fanning out: "people who logged time on a project" are related
    /// to it through their work logs, not as its lead. Nil when no named table or more than one does so.
    func pathThroughNamed(from start: Int, to end: Int, path: [Edge], named: Set<Int>, chosen: Set<Int>) -> [Edge]? {
        let roles = path.filter { isRoleKey($0) && !chosen.contains($0.id) }
        guard roles.count == 1 else { return nil }
        let role = roles[0]
        var found: [[Edge]] = []
        for through in named.sorted() where through != start && through != end && through != role.child && through != role.parent {
            // Its one key to `start`, or the one a verb chose among several (a trip's start and end stations).
            let keys = edges.filter { $0.child == through && $0.parent == start && $0.id != role.id }
            let picked = keys.count == 1 ? keys : keys.filter { chosen.contains($0.id) }
            guard picked.count == 1, let first = picked.first,
                  let second = self.path(from: through, to: end, avoiding: [role.id], tables: [start]),
                  !fansOut(from: through, along: second) else { continue }
            found.append([first] + second)
        }
        return found.count == 1 ? found[0] : nil
    }

    /// The shortest path from `start` to `end` crossing none of the edges `avoiding` and entering
    /// none of `tables` (breadth-first, neighbours in schema order).
    func path(from start: Int, to end: Int, avoiding: Set<Int>, tables skipped: Set<Int>) -> [Edge]? {
        var reached: [Int: (edge: Edge, previous: Int)] = [:]
        var seen: Set<Int> = skipped.union([start])
        var frontier = [start]
        while !frontier.isEmpty, reached[end] == nil {
            var next: [Int] = []
            for table in frontier {
                for (other, edge) in neighbours(of: table) where !seen.contains(other) && !avoiding.contains(edge.id) {
                    seen.insert(other)
                    reached[other] = (edge, table)
                    next.append(other)
                }
            }
            frontier = next
        }
        guard reached[end] != nil else { return nil }
        var chain: [Edge] = []
        var current = end
        while current != start, let step = reached[current] {
            chain.append(step.edge)
            current = step.previous
        }
        return chain.reversed()
    }
}
