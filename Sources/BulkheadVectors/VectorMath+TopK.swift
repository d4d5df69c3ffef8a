import CVectorKernels

extension VectorMath {
    /// The best `k` of `rows` by their float32 dot product with `query`, best first.
    ///
    /// Both the graph walk and the bounded exact scan end here, with a few dozen rows scattered
    /// over the collection: each is a cache miss, so the rows a few places ahead are asked for
    /// while the current one is scored.
    static func topK(_ query: UnsafePointer<Float>, rows: [Int32], vectors: UnsafePointer<Float>, dimension: Int,
                     k: Int) -> [(row: Int32, score: Float)] {
        let ahead = 4
        func prefetch(_ position: Int) {
            guard position < rows.count else { return }
            let start = UnsafeRawPointer(vectors + Int(rows[position]) * dimension)
            var offset = 0
            while offset < dimension * MemoryLayout<Float>.stride {
                bh_prefetch(start + offset)
                offset += 64
            }
        }
        for position in 0..<min(ahead, rows.count) { prefetch(position) }
        var heap = ScoreHeap(capacity: k + 1)
        for (position, row) in rows.enumerated() {
            prefetch(position + ahead)
            let score = dot(query, vectors + Int(row) * dimension, count: dimension)
            if heap.count < k {
                heap.push(-score, row)
            } else if score > -heap.topKey {
                heap.replaceTop(-score, row)
            }
        }
        return CollectionIndex.drain(&heap)
    }
}
