import CVectorKernels

/// The layer walk shared by inserts and queries, and the query entry point.
extension HNSWIndex {
    /// Searches layer `layer` from `entry` with breadth `ef`; leaves the best `ef` allowed nodes in
    /// `results` (keyed by negated approximate similarity, worst on top).
    ///
    /// `allowed` is a bitset over rows (bit set = may be returned), or nil for every row. A row
    /// that is not allowed is still walked through, so the graph stays connected for the query,
    /// but it never enters the results: a filter is applied inside the walk, and the walk goes on
    /// until `ef` allowed rows are found or the reachable graph is exhausted.
    mutating func searchLayer(_ probe: QuantizedRows.Probe, entry: Int32, entryScore: Float, ef: Int,
                              layer: Int, view: QuantizedRows.View, allowed: UnsafePointer<UInt64>?) {
        // The scratch moves into locals for the walk (and back after), so the closures below
        // capture plain variables rather than overlapping parts of `self`.
        var visited = VisitedSet()
        var candidates = ScoreHeap()
        var results = ScoreHeap()
        swap(&visited, &self.visited)
        swap(&candidates, &self.candidates)
        swap(&results, &self.results)
        defer {
            swap(&visited, &self.visited)
            swap(&candidates, &self.candidates)
            swap(&results, &self.results)
        }
        visited.reset(count: count)
        candidates.removeAll()
        results.removeAll()
        _ = visited.insert(entry)
        let stride0 = maxLinks0 + 1
        let pendingCapacity = maxLinks0 + 1
        var scored = 1
        // A local reference to the links (no copy): the walk reads them while it updates the heaps.
        let links = layer == 0 ? links0 : upperLinks
        // Each node is pushed as a candidate at most once (it is visited once); results never
        // hold more than ef.
        candidates.withUnsafeHeap(reserving: count + 1) { candidates in
            results.withUnsafeHeap(reserving: ef + 1) { results in
                candidates.push(entryScore, entry)
                if Self.isAllowed(entry, allowed) { results.push(-entryScore, entry) }
                links.withUnsafeBufferPointer { block in
                    func linkStart(_ node: Int32) -> Int {
                        layer == 0 ? Int(node) &* stride0 : upperSlot(node, layer)
                    }
                    while !candidates.isEmpty {
                        let candidateScore = candidates.topKey
                        let candidate = candidates.topRow
                        if results.count >= ef, candidateScore < -results.topKey { break }
                        candidates.pop()
                        // The next candidate's links will be read on the next turn: start loading them now.
                        if !candidates.isEmpty { bh_prefetch(block.baseAddress! + linkStart(candidates.topRow)) }
                        let start = linkStart(candidate)
                        let count = Int(block[start])
                        // First gather the unvisited neighbors, then score them while asking for the
                        // rows of those a few places ahead, so their loads overlap with the work.
                        withUnsafeTemporaryAllocation(of: Int32.self, capacity: pendingCapacity) { pending in
                            var pendingCount = 0
                            for offset in 0..<count {
                                let neighbor = block[start + 1 + offset]
                                if visited.insert(neighbor) {
                                    pending[pendingCount] = neighbor
                                    pendingCount += 1
                                }
                            }
                            for index in 0..<min(Self.prefetchDistance, pendingCount) { view.prefetch(pending[index]) }
                            for index in 0..<pendingCount {
                                if index + Self.prefetchDistance < pendingCount { view.prefetch(pending[index + Self.prefetchDistance]) }
                                let neighbor = pending[index]
                                scored &+= 1
                                let score = view.similarity(probe, neighbor)
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
        }
        lastScored = scored
    }

    /// How many neighbors ahead of the one being scored the walk asks for rows: far enough for
    /// the loads to land in time, near enough not to flood the CPU's queue of outstanding misses
    /// (asking for all of a node's neighbors at once was 1.5x slower here).
    static let prefetchDistance = 4

    @inline(__always)
    static func isAllowed(_ row: Int32, _ allowed: UnsafePointer<UInt64>?) -> Bool {
        guard let allowed else { return true }
        let index = Int(row)
        return allowed[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    /// The `k` rows most similar to `query` among the allowed ones, best first, with exact scores.
    ///
    /// The walk scores int8 rows; its `ef` best candidates are then re-scored on the float32 rows
    /// and the best `k` of those returned, so quantization decides only which rows are looked at,
    /// never the order or the scores a caller sees.
    ///
    /// - Parameters:
    ///   - ef: the layer-0 breadth; `parameters.efSearch` when nil, and never below `k`.
    ///   - vectors: the collection's float32 rows, for the final re-scoring.
    ///   - codes: the collection's byte copies, which the walk scores.
    ///   - allowed: a bitset over rows, or nil for every row.
    mutating func search(_ query: UnsafePointer<Float>, k: Int, ef: Int? = nil, vectors: UnsafePointer<Float>,
                         codes view: QuantizedRows.View, allowed: UnsafePointer<UInt64>? = nil) -> [(row: Int32, score: Float)] {
        guard entryPoint >= 0, k > 0 else { return [] }
        let breadth = max(ef ?? parameters.efSearch, k)
        view.withProbe(query) { probe in
            var current = entryPoint
            var currentScore = view.similarity(probe, current)
            if topLevel > 0 {
                for layer in stride(from: topLevel, to: 0, by: -1) {
                    greedy(probe, &current, &currentScore, layer: layer, view: view)
                }
            }
            searchLayer(probe, entry: current, entryScore: currentScore, ef: breadth,
                        layer: 0, view: view, allowed: allowed)
        }
        return rescore(query, k: k, vectors: vectors)
    }

    /// How many of the walk's best candidates are re-scored on float32 rows for a top `k`.
    static func rescoreDepth(_ k: Int) -> Int { max(4 * k, 32) }

    /// Re-scores the walk's candidates (in `results`) on the float32 rows and returns the best `k`.
    private mutating func rescore(_ query: UnsafePointer<Float>, k: Int, vectors: UnsafePointer<Float>) -> [(row: Int32, score: Float)] {
        // Only the best of the walk's candidates can make the top k once re-scored: the int8
        // error is about 1e-3, far below the gap between the k-th and the 4k-th similarity.
        while results.count > Self.rescoreDepth(k) { results.pop() }
        let found = Array(results.rows)
        results.removeAll()
        return VectorMath.topK(query, rows: found, vectors: vectors, dimension: dimension, k: k)
    }
}
