import Foundation

/// Saving a collection's graph and putting it back when the collection is read again.
extension CollectionIndex {
    /// The graph as saved bytes, with the storage key and fingerprint of every row (in row order);
    /// nil when the collection has no graph.
    func graphSnapshot() -> (keys: [Int64], fingerprints: [UInt64], graph: Data)? {
        guard let hnsw else { return nil }
        let fingerprints = vectors.withUnsafeBufferPointer { buffer in
            (0..<ids.count).map { row in
                Self.fingerprint(UnsafeBufferPointer(rebasing: buffer[(row * dimension)..<((row + 1) * dimension)]))
            }
        }
        return (storageKeys, fingerprints, hnsw.snapshot())
    }

    /// A 64-bit fingerprint of a row's floats (FNV-1a over their bit patterns), so a saved row
    /// position is filled only by the very row the graph was built on, even when a rowid was
    /// reused for another one.
    public static func fingerprint(_ vector: UnsafeBufferPointer<Float>) -> UInt64 {
        var value = FNV1a.offsetBasis
        for element in vector {
            value = (value ^ UInt64(element.bitPattern)) &* FNV1a.prime
        }
        return value
    }

    /// Attaches a saved graph over exactly the rows added so far (read with `HNSWIndex.restore`);
    /// later rows are inserted into it as they arrive.
    mutating func attachGraph(_ graph: HNSWIndex) {
        precondition(graph.count == ids.count && hnsw == nil, "a saved graph covers exactly the rows added before it")
        hnsw = graph
        graphDeferred = false
    }
}
