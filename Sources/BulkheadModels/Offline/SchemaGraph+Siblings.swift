/// Join paths that relate two rows only because they share a parent: staff and bookings of the
/// same hotel, students and courses of the same department. Such a path says nothing about how
/// the two rows are related ("which receptionist checked in each guest"), so the planner takes
/// another path, or refuses, unless the question names the shared parent.
extension SchemaGraph {
    /// Where `path` from `start` climbs to a parent and comes down to another of its children,
    /// at a table not in `named`: the index of that table in the walk, or nil when there is none.
    func siblingTurn(from start: Int, along path: [Edge], named: Set<Int>) -> Int? {
        var current = start
        var climbed = false
        for edge in path {
            let up = edge.child == current && edge.parent != current
            let next = up ? edge.parent : edge.child
            if !up, climbed, !named.contains(current) { return current }
            climbed = up
            current = next
        }
        return nil
    }

    /// The shortest path from `start` to `end` with no turn through an unnamed shared parent
    /// (breadth-first over a table and whether it was entered from a child), or nil when every
    /// path has one.
    func pathWithoutSiblingTurn(from start: Int, to end: Int, named: Set<Int>) -> [Edge]? {
        struct State: Hashable { let table: Int; let climbed: Bool }
        var previous: [State: (edge: Edge, from: State)] = [:]
        let first = State(table: start, climbed: false)
        var seen: Set<State> = [first]
        var frontier = [first]
        while !frontier.isEmpty {
            var next: [State] = []
            for state in frontier {
                if state.table == end {
                    var chain: [Edge] = []
                    var current = state
                    while let step = previous[current] { chain.append(step.edge); current = step.from }
                    return chain.reversed()
                }
                for (other, edge) in neighbours(of: state.table) {
                    let up = edge.child == state.table
                    if !up, state.climbed, !named.contains(state.table) { continue }
                    let reached = State(table: other, climbed: up)
                    guard !seen.contains(reached) else { continue }
                    seen.insert(reached)
                    previous[reached] = (edge, state)
                    next.append(reached)
                }
            }
            frontier = next
        }
        return nil
    }
}
