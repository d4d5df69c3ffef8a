/// Participles followed by their object: a verb between two tables, not a row's own state.
extension Reading {
    /// Whether a table is named right after span `k` ("booked a single shipment"), so the participle
    /// there is a verb with that object rather than the state of the subject's own rows.
    func participleHasObject(_ k: Int) -> Bool {
        guard let n = following(spans[k].range.upperBound - 1, skipping: ["a", "an", "any", "single", "one", "the", "their", "its"]),
              let object = spanStarting(n) else { return false }
        return spans[object].table != nil
    }

    /// The table span after a one-word table span that is a participle ("booked" for bookings,
    /// "ordered" for orders), read as the object of that event: "never booked a single room" asks
    /// for no bookings at all, not for rooms without bookings.
    func objectOfEventTable(_ k: Int) -> Int? {
        guard spans[k].range.count == 1, word(spans[k].range.lowerBound)?.hasSuffix("ed") == true,
              let n = following(spans[k].range.upperBound - 1, skipping: ["a", "an", "any", "single", "one", "the", "their", "its"]),
              let object = spanStarting(n), let table = spans[object].table, table != spans[k].table,
              let event = spans[k].table, graph.distance(event, table) == 1 else { return nil }
        return object
    }

    /// "plans taken out more than 75 times", "guests who stayed more than 5 times" where no table is
    /// named by the verb: the rows of the one table that points at the table named before, counted.
    /// A count of times is never a comparison of a column, so with no such single table it refuses.
    func tableCountedInTimes(before at: Int) throws -> Int {
        guard let owner = spans.indices.last(where: { spans[$0].table != nil && spans[$0].range.upperBound <= at }),
              let table = spans[owner].table else {
            throw Refusal("it cannot tell what was done that many times")
        }
        let children = Set(graph.edges.filter { $0.parent == table && $0.child != table }.map(\.child))
        guard children.count == 1, let child = children.first else {
            throw Refusal("it cannot tell which rows of \(graph.tables[table].name) to count")
        }
        return child
    }
}
