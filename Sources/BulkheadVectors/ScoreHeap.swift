/// A binary max-heap of (key, row) pairs in two parallel arrays that are reused across queries.
///
/// Search keeps two of these: the candidates to expand (keyed by similarity, best on top) and the
/// current results (keyed by negated similarity, worst on top). Storing keys and rows side by side
/// in plain arrays, and clearing rather than reallocating, keeps the hot loop free of allocations.
struct ScoreHeap {
    /// The keys, in heap order.
    private(set) var keys: [Float] = []
    /// The rows, parallel to `keys`.
    private(set) var rows: [Int32] = []

    /// Makes an empty heap with room for `capacity` entries.
    init(capacity: Int = 0) {
        keys.reserveCapacity(capacity)
        rows.reserveCapacity(capacity)
    }

    /// The number of entries.
    var count: Int { keys.count }
    /// True when there are no entries.
    var isEmpty: Bool { keys.isEmpty }
    /// The largest key; only valid when the heap is not empty.
    var topKey: Float { keys[0] }
    /// The row of the largest key; only valid when the heap is not empty.
    var topRow: Int32 { rows[0] }

    /// Empties the heap and keeps its storage.
    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
    }

    /// Adds an entry.
    mutating func push(_ key: Float, _ row: Int32) {
        keys.append(key)
        rows.append(row)
        var child = keys.count - 1
        while child > 0 {
            let parent = (child - 1) >> 1
            if keys[parent] >= key { break }
            keys[child] = keys[parent]
            rows[child] = rows[parent]
            child = parent
        }
        keys[child] = key
        rows[child] = row
    }

    /// Removes the largest entry.
    mutating func pop() {
        let lastKey = keys.removeLast()
        let lastRow = rows.removeLast()
        let count = keys.count
        if count == 0 { return }
        var parent = 0
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count, keys[child + 1] > keys[child] { child += 1 }
            if keys[child] <= lastKey { break }
            keys[parent] = keys[child]
            rows[parent] = rows[child]
            parent = child
        }
        keys[parent] = lastKey
        rows[parent] = lastRow
    }

    /// Replaces the largest entry with a new one (a pop and a push in one sift).
    mutating func replaceTop(_ key: Float, _ row: Int32) {
        let count = keys.count
        var parent = 0
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count, keys[child + 1] > keys[child] { child += 1 }
            if keys[child] <= key { break }
            keys[parent] = keys[child]
            rows[parent] = rows[child]
            parent = child
        }
        keys[parent] = key
        rows[parent] = row
    }
}
