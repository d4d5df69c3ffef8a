import BulkheadCore
import BulkheadStore
import Foundation

/// One stored item as read from the org's store.
struct StoredRow {
    let key: Int64
    let id: String
    let text: String
    let metadata: [String: String]
    let vector: [Float]
}

/// A graph saved in `vector_graphs`: the rowid and fingerprint of each index row it covers (in
/// index row order; the graph maps its nodes to those rows itself), and the links.
struct SavedGraph {
    let keys: [Int64]
    let fingerprints: [UInt64]
    let graph: Data
}

/// Saving HNSW graphs in the tenant database and reading them back.
///
/// Opening a collection with a saved graph costs one read of its rows and links, and inserts only
/// the rows added since the save; without one, the graph is rebuilt from every row (about 6,000
/// rows a second on this machine). A saved graph may be stale (rows added or deleted since) or
/// damaged (a user edited the file): each saved row position is filled only by the row with its
/// rowid *and* the same floats, a position whose row is gone becomes a dead placeholder, the links are checked by
/// `HNSWIndex.restore`, and anything that does not fit means a rebuild, never a wrong answer. A
/// graph lives in its org's own file, next to the rows it indexes, so it cannot reach another org.
extension VectorStore {
    /// Builds a collection's index from its rows, on the saved graph when it is usable; returns
    /// the index and how many nodes the saved graph covered (0 when it was not used).
    static func buildIndex(dimension: Int, configuration: VectorIndexConfiguration, rows: [StoredRow],
                           saved: SavedGraph?) -> (CollectionIndex, Int) {
        if let saved, let index = restoreIndex(dimension: dimension, configuration: configuration, rows: rows, saved: saved) {
            return (index, saved.keys.count)
        }
        var index = CollectionIndex(dimension: dimension, configuration: configuration)
        for row in rows {
            row.vector.withUnsafeBufferPointer { vector in
                index.upsert(id: row.id, text: row.text, metadata: row.metadata, vector: vector, storageKey: row.key)
            }
        }
        return (index, 0)
    }

    private static func restoreIndex(dimension: Int, configuration: VectorIndexConfiguration, rows: [StoredRow],
                                     saved: SavedGraph) -> CollectionIndex? {
        var byKey = [Int64: Int](minimumCapacity: rows.count)
        for (position, row) in rows.enumerated() { byKey[row.key] = position }
        var index = CollectionIndex(dimension: dimension, configuration: configuration)
        index.graphDeferred = true
        var used = [Bool](repeating: false, count: rows.count)
        var placeholders = 0
        // Index row i must be the row saved as row i: the same rowid and the same floats.
        for (row, key) in saved.keys.enumerated() {
            if let position = byKey[key], !used[position],
               rows[position].vector.withUnsafeBufferPointer({ CollectionIndex.fingerprint($0) }) == saved.fingerprints[row] {
                let row = rows[position]
                used[position] = true
                row.vector.withUnsafeBufferPointer { vector in
                    index.upsert(id: row.id, text: row.text, metadata: row.metadata, vector: vector, storageKey: row.key)
                }
            } else {
                index.appendPlaceholder()
                placeholders += 1
            }
        }
        // Mostly gone: a fresh graph over what is left is smaller and better.
        guard placeholders * 2 <= saved.keys.count else { return nil }
        guard let graph = HNSWIndex.restore(saved.graph, dimension: dimension, parameters: configuration.hnsw,
                                            count: saved.keys.count) else { return nil }
        index.attachGraph(graph)
        for (position, row) in rows.enumerated() where !used[position] {
            row.vector.withUnsafeBufferPointer { vector in
                index.upsert(id: row.id, text: row.text, metadata: row.metadata, vector: vector, storageKey: row.key)
            }
        }
        return index
    }

    /// A stored graph's node list parsed, or nil when it is malformed.
    static func savedGraph(_ stored: StoredGraph) -> SavedGraph? {
        let nodes = stored.nodes
        let keyBytes = stored.rowKeys
        guard nodes > 0, keyBytes.count == nodes * 16 else { return nil }
        var keys = [Int64](repeating: 0, count: nodes)
        var fingerprints = [UInt64](repeating: 0, count: nodes)
        keyBytes.withUnsafeBytes { raw in
            for node in 0..<nodes {
                keys[node] = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: node * 16, as: Int64.self))
                fingerprints[node] = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: node * 16 + 8, as: UInt64.self))
            }
        }
        return SavedGraph(keys: keys, fingerprints: fingerprints, graph: stored.graph)
    }

    /// Saves the collection's graph when it has none saved or has grown or shrunk by a tenth (at
    /// least 1,000 nodes) since; a failure is logged and leaves the old save, which stays usable.
    func saveGraphIfDue(_ principal: Principal, _ collection: CollectionName,
                        _ loaded: inout LoadedCollection) {
        guard loaded.index.usesHNSW else { return }
        let saved = loaded.savedGraphNodes
        let drift = abs(loaded.index.rowCount - saved)
        guard saved == 0 || drift >= max(1_000, saved / 10), let snapshot = loaded.index.graphSnapshot() else { return }
        var keyBytes = Data(capacity: snapshot.keys.count * 16)
        for (key, fingerprint) in zip(snapshot.keys, snapshot.fingerprints) {
            withUnsafeBytes(of: key.littleEndian) { keyBytes.append(contentsOf: $0) }
            withUnsafeBytes(of: fingerprint.littleEndian) { keyBytes.append(contentsOf: $0) }
        }
        do {
            try guarded(principal, code: "vectors-graph-save") {
                try rows.saveGraph(principal, collection: collection.rawValue,
                                   StoredGraph(nodes: snapshot.keys.count, rowKeys: keyBytes, graph: snapshot.graph), at: clock.now())
            }
            loaded.savedGraphNodes = snapshot.keys.count
        } catch {
            // `guarded` logged the code; searches go on with the graph in memory.
        }
    }
}
