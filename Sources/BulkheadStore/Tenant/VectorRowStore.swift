import BulkheadCore
import Foundation

/// A vector collection's record.
public struct StoredCollection: Sendable, Hashable {
    public let name: String
    /// The embedder its texts are embedded with (or `none`).
    public let embedder: String
    public let dimension: Int
    /// Changes with every write to the collection's rows, so a cached index can tell it is stale.
    public let version: Int64

    public init(name: String, embedder: String, dimension: Int, version: Int64) {
        self.name = name
        self.embedder = embedder
        self.dimension = dimension
        self.version = version
    }
}

/// One stored item: its key (the order rows are read back in), id, text, metadata (a JSON
/// object of strings) and vector (little-endian float32 bytes).
public struct StoredVectorRow: Sendable, Hashable {
    public let key: Int64
    public let id: String
    public let text: String
    public let metadata: String
    public let vector: Data

    public init(key: Int64, id: String, text: String, metadata: String, vector: Data) {
        self.key = key
        self.id = id
        self.text = text
        self.metadata = metadata
        self.vector = vector
    }
}

/// A saved HNSW graph: node count, 16 bytes per node (row key and fingerprint), and the links.
public struct StoredGraph: Sendable, Hashable {
    public let nodes: Int
    public let rowKeys: Data
    public let graph: Data

    public init(nodes: Int, rowKeys: Data, graph: Data) {
        self.nodes = nodes
        self.rowKeys = rowKeys
        self.graph = graph
    }
}

/// Everything an index is built from, read in one snapshot.
public struct StoredVectors: Sendable {
    public let collection: StoredCollection
    /// Every row, in key order.
    public let rows: [StoredVectorRow]
    public let graph: StoredGraph?

    public init(collection: StoredCollection, rows: [StoredVectorRow], graph: StoredGraph?) {
        self.collection = collection
        self.rows = rows
        self.graph = graph
    }
}

/// What a write to a collection's rows did to its version.
public struct VersionChange: Sendable, Hashable {
    /// The version before the write: when it is not the one a cache holds, that cache missed
    /// another writer's rows and must reload.
    public let before: Int64
    public let after: Int64

    public init(before: Int64, after: Int64) {
        self.before = before
        self.after = after
    }
}

/// The rows behind the vector store's in-process indexes: per org, per collection.
///
/// Every call takes the verified principal, whose org alone picks the rows. Each write to a
/// collection's items changes its version, and the store reads the version before serving a
/// cached index, so an index is never served stale, whichever process (or server) wrote.
public protocol VectorRowStore: Sendable {
    func collection(_ principal: Principal, name: String) throws -> StoredCollection?
    /// The org's collections by name, each with its item count.
    func collections(_ principal: Principal) throws -> [(collection: StoredCollection, count: Int)]
    /// Makes a collection; returns false when `ifMissing` and one of that name, embedder and
    /// dimension exists. - Throws: `conflict` when the name is taken otherwise.
    func createCollection(_ principal: Principal, name: String, embedder: String, dimension: Int, ifMissing: Bool, at: Date) throws -> Bool
    /// Deletes a collection with its items and graph; false when there was none.
    func deleteCollection(_ principal: Principal, name: String) throws -> Bool
    /// The collection with every row and its saved graph, in one snapshot; nil when there is none.
    func load(_ principal: Principal, name: String) throws -> StoredVectors?
    /// The collection's current version; nil when there is none.
    func version(_ principal: Principal, name: String) throws -> Int64?
    /// The current versions of several collections in one read, by name; a missing one is absent.
    func versions(_ principal: Principal, names: [String]) throws -> [String: Int64]
    /// Inserts or replaces (by id) items in one transaction; a replaced item gets a new key.
    /// Returns each item's key, in order, and the version change. - Throws: `notFound` for a missing collection.
    func upsert(_ principal: Principal, collection: String, items: [(id: String, text: String, metadata: String, vector: Data)])
        throws -> (keys: [Int64], version: VersionChange)
    /// Deletes items by id in one transaction. - Throws: `notFound` for a missing collection.
    func delete(_ principal: Principal, collection: String, ids: [String]) throws -> VersionChange
    /// Saves (replaces) the collection's graph; the version does not change (the rows did not).
    func saveGraph(_ principal: Principal, collection: String, _ graph: StoredGraph, at: Date) throws
}

extension VersionChange {
    /// A fresh version stamp: random, so that no two writes anywhere (a restore included) reuse one.
    public static func newStamp() -> Int64 {
        Int64.random(in: 1...Int64.max)
    }
}
