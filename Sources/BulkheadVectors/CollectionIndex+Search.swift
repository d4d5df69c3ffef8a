import Dispatch

/// Exact and HNSW search with metadata filters applied inside the search.
extension CollectionIndex {
    /// How a search was answered, for tests and the benchmark.
    public enum SearchPath: String, Sendable {
        /// An exact scan of every live row (the bounded byte scan from 2,048 rows).
        case exact
        /// A SIMD scan of the rows the filter matched.
        case exactFiltered
        /// A walk of the HNSW graph (with the filter as a bitset when there is one).
        case hnsw
    }

    /// The `k` live rows most similar to `query` that carry every (key, value) of `filter`, best first.
    ///
    /// - Parameters:
    ///   - query: a unit vector of `dimension` floats.
    ///   - exact: forces an exact scan even when the collection has a graph.
    ///   - ef: overrides the graph's `efSearch`.
    public mutating func search(_ query: UnsafePointer<Float>, k: Int, filter: [String: String] = [:],
                                exact: Bool = false, ef: Int? = nil) -> (hits: [(row: Int32, score: Float)], path: SearchPath) {
        guard k > 0, count > 0 else { return ([], hnsw == nil || exact ? .exact : .hnsw) }
        if filter.isEmpty {
            if exact || hnsw == nil {
                if ids.count >= Self.boundedScanMinimum {
                    return (boundedScan(query, k: k), .exact)
                }
                if configuration.scanThreads > 1, ids.count >= configuration.parallelScanMinimum {
                    return (scanAllInParallel(query, k: k), .exact)
                }
                return (scanAll(query, k: k), .exact)
            }
            return (walkGraph(query, k: k, ef: ef, filtered: false), .hnsw)
        }
        collectMatches(filter)
        let exactLimit = max(configuration.filterExactMinimum, Int(configuration.filterExactFraction * Double(count)))
        if exact || hnsw == nil || matchRows.count <= exactLimit {
            return (scanMatches(query, k: k), .exactFiltered)
        }
        // The graph walk needs O(1) membership: turn the matched rows into a bitset.
        let words = (ids.count + 63) >> 6
        if filterBits.count < words { filterBits.append(contentsOf: repeatElement(0, count: words - filterBits.count)) }
        for index in 0..<words { filterBits[index] = 0 }
        for row in matchRows { filterBits[Int(row) >> 6] |= 1 << UInt64(Int(row) & 63) }
        return (walkGraph(query, k: k, ef: ef, filtered: true), .hnsw)
    }

    private mutating func walkGraph(_ query: UnsafePointer<Float>, k: Int, ef: Int?, filtered: Bool) -> [(row: Int32, score: Float)] {
        let bits = filtered ? filterBits : (deadCount > 0 ? aliveBits : [])
        let codes = scanRows
        return codes.withView { view in
            vectors.withUnsafeBufferPointer { buffer in
                bits.withUnsafeBufferPointer { allowed in
                    hnsw!.search(query, k: k, ef: ef, vectors: buffer.baseAddress!, codes: view,
                                 allowed: filtered || deadCount > 0 ? allowed.baseAddress : nil)
                }
            }
        }
    }

    /// Scans every live row with SIMD dot products, keeping the best `k` in a heap.
    private mutating func scanAll(_ query: UnsafePointer<Float>, k: Int) -> [(row: Int32, score: Float)] {
        var heap = ScoreHeap()
        swap(&heap, &self.heap)
        defer { swap(&heap, &self.heap) }
        heap.removeAll()
        let dimension = self.dimension
        let rows = ids.count
        let checkAlive = deadCount > 0
        vectors.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            let alive = aliveBits
            for row in 0..<rows {
                if checkAlive, alive[row >> 6] & (1 << UInt64(row & 63)) == 0 { continue }
                let score = VectorMath.dot(query, base + row * dimension, count: dimension)
                Self.offer(score, Int32(row), k: k, into: &heap)
            }
        }
        return Self.drain(&heap)
    }

    /// Splits the scan into contiguous chunks, one per thread, each keeping its own top k; merges them.
    private func scanAllInParallel(_ query: UnsafePointer<Float>, k: Int) -> [(row: Int32, score: Float)] {
        let threads = configuration.scanThreads
        let rows = ids.count
        let dimension = self.dimension
        let checkAlive = deadCount > 0
        let chunk = (rows + threads - 1) / threads
        var partial = [[(row: Int32, score: Float)]](repeating: [], count: threads)
        vectors.withUnsafeBufferPointer { buffer in
            aliveBits.withUnsafeBufferPointer { alive in
                partial.withUnsafeMutableBufferPointer { output in
                    let shared = ScanPointers(query: query, base: buffer.baseAddress!, alive: alive.baseAddress!,
                                              output: output.baseAddress!)
                    DispatchQueue.concurrentPerform(iterations: threads) { part in
                        let base = shared.base, aliveBase = shared.alive, query = shared.query
                        var heap = ScoreHeap(capacity: k + 1)
                        let end = min(rows, (part + 1) * chunk)
                        var row = part * chunk
                        while row < end {
                            if !checkAlive || aliveBase[row >> 6] & (1 << UInt64(row & 63)) != 0 {
                                let score = VectorMath.dot(query, base + row * dimension, count: dimension)
                                Self.offer(score, Int32(row), k: k, into: &heap)
                            }
                            row += 1
                        }
                        (shared.output + part).pointee = Self.drain(&heap)
                    }
                }
            }
        }
        var merged = ScoreHeap(capacity: k + 1)
        for list in partial { for hit in list { Self.offer(hit.score, hit.row, k: k, into: &merged) } }
        return Self.drain(&merged)
    }

    /// Scans the rows in `matchRows` only.
    private mutating func scanMatches(_ query: UnsafePointer<Float>, k: Int) -> [(row: Int32, score: Float)] {
        var heap = ScoreHeap()
        swap(&heap, &self.heap)
        defer { swap(&heap, &self.heap) }
        heap.removeAll()
        let dimension = self.dimension
        let rows = matchRows
        vectors.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            for row in rows {
                let score = VectorMath.dot(query, base + Int(row) * dimension, count: dimension)
                Self.offer(score, row, k: k, into: &heap)
            }
        }
        return Self.drain(&heap)
    }

    @inline(__always)
    private static func offer(_ score: Float, _ row: Int32, k: Int, into heap: inout ScoreHeap) {
        if heap.count < k {
            heap.push(-score, row)
        } else if score > -heap.topKey {
            heap.replaceTop(-score, row)
        }
    }

    static func drain(_ heap: inout ScoreHeap) -> [(row: Int32, score: Float)] {
        var found = [(row: Int32, score: Float)](repeating: (0, 0), count: heap.count)
        var index = heap.count - 1
        while !heap.isEmpty {
            found[index] = (heap.topRow, -heap.topKey)
            heap.pop()
            index -= 1
        }
        return found
    }
}

/// The buffers one parallel scan shares with its worker threads.
///
/// `@unchecked Sendable` is sound here because `concurrentPerform` returns only after every worker
/// has finished, so the pointers outlive their use; the inputs are only read, and each worker
/// writes its own output slot.
private struct ScanPointers: @unchecked Sendable {
    let query: UnsafePointer<Float>
    let base: UnsafePointer<Float>
    let alive: UnsafePointer<UInt64>
    let output: UnsafeMutablePointer<[(row: Int32, score: Float)]>
}
