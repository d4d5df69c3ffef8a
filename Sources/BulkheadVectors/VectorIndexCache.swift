import BulkheadCore
import Synchronization

/// The key of one in-memory index: the org first, so that two orgs' collections of the same
/// name (and the same content) are two entries that never meet.
struct CollectionKey: Hashable, Sendable {
    let org: OrgID
    let collection: CollectionName
}

/// A collection loaded from its tenant database.
struct LoadedCollection: Sendable {
    /// The embedder recorded with the collection.
    let embedder: String
    /// The dimension recorded with the collection.
    let dimension: Int
    /// The stored version the index matches: every write to the collection's rows changes it.
    var version: Int64
    /// The rows, postings and graph.
    var index: CollectionIndex
    /// Graph nodes covered by the graph saved in the database (0 when none is saved).
    var savedGraphNodes = 0
}

/// The lock of one (org, collection) and its loaded index, if it is resident.
///
/// Every operation on a collection runs under this lock: loading, the database write of an
/// `add` and its application to the index, and searches. That keeps the index and its tenant
/// database in step. Handles are kept for the life of the store (they are small); eviction drops
/// only the loaded index inside.
final class CollectionHandle: Sendable {
    let key: CollectionKey
    let state = Mutex<LoadedCollection?>(nil)

    init(key: CollectionKey) { self.key = key }
}

/// The in-memory indexes of every org, bounded in total bytes, least recently used dropped first.
///
/// Lock order: a handle's lock may be held while this cache's lock is taken (to account bytes),
/// never the reverse; victims are chosen under the cache lock and unloaded after it is released.
final class VectorIndexCache: Sendable {
    private struct State {
        var handles: [CollectionKey: CollectionHandle] = [:]
        var bytes: [CollectionKey: Int] = [:]
        var lastUse: [CollectionKey: UInt64] = [:]
        var tick: UInt64 = 0
        var total = 0
        var loads = 0
        var evictions = 0
        var graphsRestored = 0
        var graphsBuilt = 0
    }

    /// The byte budget shared by all orgs.
    let budget: Int
    private let state = Mutex(State())

    init(budget: Int) { self.budget = budget }

    /// The handle of `key`, made on first use, marked as just used.
    func handle(_ key: CollectionKey) -> CollectionHandle {
        state.withLock { state in
            state.tick += 1
            state.lastUse[key] = state.tick
            if let handle = state.handles[key] { return handle }
            let handle = CollectionHandle(key: key)
            state.handles[key] = handle
            return handle
        }
    }

    /// Forgets the handle of a collection that does not exist, so unknown names do not pile up.
    func forget(_ key: CollectionKey) {
        state.withLock { state in
            state.handles[key] = nil
            state.lastUse[key] = nil
            state.total -= state.bytes.removeValue(forKey: key) ?? 0
        }
    }

    /// Records the bytes `key` holds now (0 when unloaded); call with the handle's lock held.
    func account(_ key: CollectionKey, bytes: Int, loaded: Bool = false) {
        state.withLock { state in
            state.total += bytes - (state.bytes[key] ?? 0)
            state.bytes[key] = bytes == 0 ? nil : bytes
            if loaded { state.loads += 1 }
        }
    }

    /// Counts a load that read a saved graph (`restored`) or had to build one.
    func noteGraph(restored: Bool) {
        state.withLock { state in
            if restored { state.graphsRestored += 1 } else { state.graphsBuilt += 1 }
        }
    }

    /// Unloads the least recently used indexes until the total fits the budget again.
    func enforceBudget() {
        let victims: [CollectionHandle] = state.withLock { state in
            guard state.total > budget else { return [] }
            var excess = state.total - budget
            var chosen: [CollectionHandle] = []
            let order = state.bytes.keys.sorted { (state.lastUse[$0] ?? 0) < (state.lastUse[$1] ?? 0) }
            for key in order where excess > 0 {
                guard let handle = state.handles[key] else { continue }
                excess -= state.bytes[key] ?? 0
                chosen.append(handle)
            }
            return chosen
        }
        for victim in victims {
            victim.state.withLock { loaded in
                guard loaded != nil else { return }
                loaded = nil
                account(victim.key, bytes: 0)
                state.withLock { $0.evictions += 1 }
            }
        }
    }

    /// Loads, evictions, resident bytes and resident indexes, for tests and the benchmark.
    var statistics: VectorCacheStatistics {
        state.withLock { state in
            VectorCacheStatistics(loads: state.loads, evictions: state.evictions, bytes: state.total,
                                  resident: state.bytes.count, graphsRestored: state.graphsRestored,
                                  graphsBuilt: state.graphsBuilt)
        }
    }
}

/// Counters of the in-memory index cache.
public struct VectorCacheStatistics: Sendable, Hashable {
    /// Indexes read from a tenant database (first use, or again after an eviction).
    public let loads: Int
    /// Indexes dropped to stay within the byte budget.
    public let evictions: Int
    /// Bytes held by resident indexes.
    public let bytes: Int
    /// Indexes resident now.
    public let resident: Int
    /// Loads that read a collection's saved HNSW graph back.
    public let graphsRestored: Int
    /// Loads that had to build a collection's graph (none saved, or the saved one stale or damaged).
    public let graphsBuilt: Int
}
