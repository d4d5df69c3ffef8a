/// The layer walk shared by inserts and queries, and the query entry point.
extension HNSWIndex {
    /// Searches layer `layer` from `entry` with breadth `ef`; leaves the best `ef` allowed rows in
    /// `results` (keyed by negated similarity, worst on top).
    ///
    /// `allowed` is a bitset over rows (bit set = may be returned), or nil for every row. A row
    /// that is not allowed is still walked through, so the graph stays connected for the query,
    /// but it never enters the results: a filter is applied inside the walk, and the walk goes on
    /// until `ef` allowed rows are found or the reachable graph is exhausted.
    mutating func searchLayer(_ query: UnsafePointer<Float>, entry: Int32, entryScore: Float, ef: Int, layer: Int,
                              vectors: UnsafePointer<Float>, allowed: UnsafePointer<UInt64>?) {
        visited.reset(count: count)
        candidates.removeAll()
        results.removeAll()
        _ = visited.insert(entry)
        candidates.push(entryScore, entry)
        if Self.isAllowed(entry, allowed) { results.push(-entryScore, entry) }
        let dimension = self.dimension
        let stride0 = maxLinks0 + 1
        while !candidates.isEmpty {
            let candidateScore = candidates.topKey
            let candidate = candidates.topRow
            if results.count >= ef, candidateScore < -results.topKey { break }
            candidates.pop()
            let links = layer == 0 ? links0 : upperLinks
            let start = layer == 0 ? Int(candidate) * stride0 : upperSlot(candidate, layer)
            links.withUnsafeBufferPointer { block in
                let count = Int(block[start])
                // First gather the unvisited neighbors and touch two cache lines of each, so their
                // memory loads overlap instead of stalling one after the other; then score them.
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: maxLinks0 + 1) { pending in
                    var pendingCount = 0
                    var touch: Float = 0
                    for offset in 0..<count {
                        let neighbor = block[start + 1 + offset]
                        if visited.insert(neighbor) {
                            pending[pendingCount] = neighbor
                            pendingCount += 1
                            let row = vectors + Int(neighbor) * dimension
                            touch += row[0] + row[dimension >> 1]
                        }
                    }
                    touchSink = touch
                    for index in 0..<pendingCount {
                        let neighbor = pending[index]
                        let score = VectorMath.dot(query, vectors + Int(neighbor) * dimension, count: dimension)
                        if results.count < ef || score > -results.topKey {
                            candidates.push(score, neighbor)
                            if Self.isAllowed(neighbor, allowed) {
                                if results.count < ef {
                                    results.push(-score, neighbor)
                                } else {
                                    results.replaceTop(-score, neighbor)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    static func isAllowed(_ row: Int32, _ allowed: UnsafePointer<UInt64>?) -> Bool {
        guard let allowed else { return true }
        let index = Int(row)
        return allowed[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    /// The `k` rows most similar to `query` among the allowed ones, best first.
    ///
    /// - Parameters:
    ///   - ef: the layer-0 breadth; `parameters.efSearch` when nil, and never below `k`.
    ///   - allowed: a bitset over rows, or nil for every row.
    public mutating func search(_ query: UnsafePointer<Float>, k: Int, ef: Int? = nil, vectors: UnsafePointer<Float>,
                                allowed: UnsafePointer<UInt64>? = nil) -> [(row: Int32, score: Float)] {
        guard entryPoint >= 0, k > 0 else { return [] }
        var current = entryPoint
        var currentScore = VectorMath.dot(query, vectors + Int(current) * dimension, count: dimension)
        if topLevel > 0 {
            for layer in stride(from: topLevel, to: 0, by: -1) {
                greedy(query, &current, &currentScore, layer: layer, vectors: vectors)
            }
        }
        searchLayer(query, entry: current, entryScore: currentScore, ef: max(ef ?? parameters.efSearch, k),
                    layer: 0, vectors: vectors, allowed: allowed)
        while results.count > k { results.pop() }
        var found = [(row: Int32, score: Float)](repeating: (0, 0), count: results.count)
        var index = results.count - 1
        while !results.isEmpty {
            found[index] = (results.topRow, -results.topKey)
            results.pop()
            index -= 1
        }
        return found
    }
}
