/// A binary max-heap of (key, row) pairs in two parallel arrays that are reused across queries.
///
/// Search keeps two of these: the candidates to expand (keyed by similarity, best on top) and the
/// current results (keyed by negated similarity, worst on top). Storing keys and rows side by side
/// in plain arrays, and clearing rather than reallocating, keeps the hot loop free of allocations.
/// The storage only grows; `count` says how much of it is the heap. The graph walk, which pushes
/// and pops thousands of times per query, works on an `UnsafeScoreHeap` view of the same storage
/// (`withUnsafeHeap`), so that no operation pays an array's uniqueness and bounds checks.
struct ScoreHeap {
    private var keyStorage: [Float] = []
    private var rowStorage: [Int32] = []
    /// The number of entries.
    private(set) var count = 0

    /// Makes an empty heap with room for `capacity` entries.
    init(capacity: Int = 0) {
        reserve(capacity)
    }

    /// True when there are no entries.
    var isEmpty: Bool { count == 0 }
    /// The largest key; only valid when the heap is not empty.
    var topKey: Float { keyStorage[0] }
    /// The row of the largest key; only valid when the heap is not empty.
    var topRow: Int32 { rowStorage[0] }
    /// The rows, in heap order.
    var rows: ArraySlice<Int32> { rowStorage[0..<count] }
    /// Entries the storage holds without growing.
    var capacity: Int { keyStorage.count }

    /// Makes room for at least `capacity` entries.
    mutating func reserve(_ capacity: Int) {
        guard capacity > keyStorage.count else { return }
        let extra = max(capacity, keyStorage.count * 2) - keyStorage.count
        keyStorage.append(contentsOf: repeatElement(0, count: extra))
        rowStorage.append(contentsOf: repeatElement(0, count: extra))
    }

    /// Empties the heap and keeps its storage.
    mutating func removeAll() {
        count = 0
    }

    /// Adds an entry.
    mutating func push(_ key: Float, _ row: Int32) {
        reserve(count + 1)
        withUnsafeHeap { $0.push(key, row) }
    }

    /// Removes the largest entry.
    mutating func pop() {
        withUnsafeHeap { $0.pop() }
    }

    /// Replaces the largest entry with a new one (a pop and a push in one sift).
    mutating func replaceTop(_ key: Float, _ row: Int32) {
        withUnsafeHeap { $0.replaceTop(key, row) }
    }

    /// Runs `body` on a pointer view of the heap with room for `capacity` entries in all.
    mutating func withUnsafeHeap<T>(reserving capacity: Int = 0, _ body: (inout UnsafeScoreHeap) -> T) -> T {
        reserve(capacity)
        let count = self.count
        let (result, newCount) = keyStorage.withUnsafeMutableBufferPointer { keys in
            rowStorage.withUnsafeMutableBufferPointer { rows in
                var view = UnsafeScoreHeap(keys: keys.baseAddress!, rows: rows.baseAddress!, count: count, capacity: keys.count)
                let result = body(&view)
                return (result, view.count)
            }
        }
        self.count = newCount
        return result
    }
}

/// A `ScoreHeap`'s storage as pointers, for the graph walk's hot loop; valid only inside
/// `ScoreHeap.withUnsafeHeap`, and never holding more than the capacity it was given.
struct UnsafeScoreHeap {
    let keys: UnsafeMutablePointer<Float>
    let rows: UnsafeMutablePointer<Int32>
    private(set) var count: Int
    let capacity: Int

    init(keys: UnsafeMutablePointer<Float>, rows: UnsafeMutablePointer<Int32>, count: Int, capacity: Int) {
        self.keys = keys
        self.rows = rows
        self.count = count
        self.capacity = capacity
    }

    var isEmpty: Bool { count == 0 }
    var topKey: Float { keys[0] }
    var topRow: Int32 { rows[0] }

    @inline(__always)
    mutating func push(_ key: Float, _ row: Int32) {
        precondition(count < capacity, "heap capacity reserved by the caller")
        var child = count
        count += 1
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

    @inline(__always)
    mutating func pop() {
        count -= 1
        guard count > 0 else { return }
        siftDown(keys[count], rows[count])
    }

    @inline(__always)
    mutating func replaceTop(_ key: Float, _ row: Int32) {
        siftDown(key, row)
    }

    /// Puts (key, row) at the root and moves it down to its place.
    @inline(__always)
    private mutating func siftDown(_ key: Float, _ row: Int32) {
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
