/// The set of rows a graph walk has already seen, cleared in O(1) by bumping a generation.
///
/// A `Set<Int32>` would hash and allocate on every query; a tag per row compared with the current
/// generation costs one load and one store, and starting a new query is one increment.
struct VisitedSet {
    private var tags: [UInt32] = []
    private var generation: UInt32 = 0

    /// Starts a new walk over at least `count` rows.
    mutating func reset(count: Int) {
        if tags.count < count {
            tags.append(contentsOf: repeatElement(0, count: count - tags.count + max(1024, count / 8)))
        }
        generation &+= 1
        if generation == 0 {
            for index in tags.indices { tags[index] = 0 }
            generation = 1
        }
    }

    /// Marks `row` as visited and returns true if it had not been visited in this walk.
    @inline(__always)
    mutating func insert(_ row: Int32) -> Bool {
        let index = Int(row)
        if tags[index] == generation { return false }
        tags[index] = generation
        return true
    }
}
