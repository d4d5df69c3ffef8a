import BulkheadCore
import BulkheadStore
import Foundation
import GRDB
import Logging

/// Per-org vector collections: one object per process serving every org.
///
/// Every call takes a `Principal`, and the principal's org alone picks both the tenant database
/// (through `TenantDatabases`) and the in-memory index (keyed by org and collection) before any
/// vector is read. A collection lives in its org's tenant database (`vector_collections`,
/// `vector_items`), so no name, id or filter can reach another org's rows: they are in another
/// file. Another org's collection answers `notFound` exactly like a missing one, because from
/// inside the caller's file it is missing.
///
/// Writes of one `add` go to the database in one transaction and reach the in-memory index only
/// after it commits, under the collection's lock, so a crash mid-ingest leaves nothing partial
/// and a search never sees rows the database does not hold.
public final class VectorStore: Sendable {
    /// The settings the store was made with.
    public let configuration: VectorStoreConfiguration
    let tenants: TenantDatabases
    let clock: any Clock
    let embedders: [String: any Embedder]
    let cache: VectorIndexCache
    let logger = Logger(label: "bulkhead.vectors")

    /// The embedder name recorded for collections that take caller-supplied vectors only.
    public static let noEmbedder = "none"

    /// Makes the store.
    ///
    /// - Parameters:
    ///   - embedders: the process-wide embedders, by name; the built-in `HashingEmbedder` by
    ///     default. Per-org embedders (an org's HTTP endpoint with its own key) are passed to
    ///     each call instead.
    public init(tenants: TenantDatabases, clock: any Clock, configuration: VectorStoreConfiguration = VectorStoreConfiguration(),
                embedders: [any Embedder] = [HashingEmbedder()]) {
        self.tenants = tenants
        self.clock = clock
        self.configuration = configuration
        self.embedders = Dictionary(embedders.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.cache = VectorIndexCache(budget: configuration.cacheBytes)
    }

    /// Counters of the in-memory cache (loads, evictions, resident bytes).
    public var cacheStatistics: VectorCacheStatistics { cache.statistics }

    // MARK: Collections

    /// Makes a collection in the principal's org whose texts are embedded by `embedder`.
    public func createCollection(_ principal: Principal, name: String, embedder: any Embedder, ifMissing: Bool = false) throws {
        try createCollection(principal, name: name, embedder: embedder.name, dimension: embedder.dimension, ifMissing: ifMissing)
    }

    /// Makes a collection in the principal's org for vectors of `dimension` floats.
    ///
    /// - Parameters:
    ///   - embedder: the embedder name recorded with it (`VectorStore.noEmbedder` when the caller
    ///     always supplies vectors).
    ///   - ifMissing: succeed when a collection of that name, embedder and dimension already exists.
    public func createCollection(_ principal: Principal, name: String, embedder: String, dimension: Int,
                                 ifMissing: Bool = false) throws {
        let collection = try CollectionName(name)
        guard (1...8_192).contains(dimension) else {
            throw BulkheadError.invalidInput("a collection's dimension must be between 1 and 8192")
        }
        guard (1...128).contains(embedder.utf8.count), !embedder.utf8.contains(0) else {
            throw BulkheadError.invalidInput("an embedder name must be 1 to 128 characters")
        }
        let database = try tenants.database(for: principal)
        let created = try guarded(principal, code: "vectors-create") {
            try database.write { db -> Bool in
                if let row = try Row.fetchOne(db, sql: "SELECT embedder, dimension FROM vector_collections WHERE name = ?",
                                              arguments: [collection.rawValue]) {
                    guard ifMissing, row["embedder"] as String == embedder, row["dimension"] as Int == dimension else {
                        throw BulkheadError.conflict("collection '\(collection)' already exists")
                    }
                    return false
                }
                try db.execute(sql: "INSERT INTO vector_collections (name, embedder, dimension, created_at) VALUES (?, ?, ?, ?)",
                               arguments: [collection.rawValue, embedder, dimension, clock.now()])
                return true
            }
        }
        if created {
            // A handle left from a deleted collection of the same name must not serve old rows.
            let handle = cache.handle(CollectionKey(org: principal.orgID, collection: collection))
            handle.state.withLock { loaded in
                loaded = nil
                cache.account(handle.key, bytes: 0)
            }
        }
    }

    /// The principal's org's collections, by name.
    public func collections(_ principal: Principal) throws -> [VectorCollectionInfo] {
        let database = try tenants.database(for: principal)
        return try guarded(principal, code: "vectors-list") {
            try database.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT c.name, c.embedder, c.dimension,
                           (SELECT COUNT(*) FROM vector_items i WHERE i.collection = c.name) AS count
                    FROM vector_collections c ORDER BY c.name
                    """).map { row in
                    VectorCollectionInfo(name: row["name"], embedder: row["embedder"], dimension: row["dimension"], count: row["count"])
                }
            }
        }
    }

    /// The collection's record in the principal's org; `notFound` when there is none.
    public func collection(_ principal: Principal, name: String) throws -> VectorCollectionInfo {
        let collection = try CollectionName(name)
        return try withCollection(principal, collection) { loaded in
            VectorCollectionInfo(name: collection.rawValue, embedder: loaded.embedder, dimension: loaded.dimension,
                                 count: loaded.index.count)
        }
    }

    /// Deletes a collection of the principal's org and all its items.
    public func deleteCollection(_ principal: Principal, name: String) throws {
        let collection = try CollectionName(name)
        let database = try tenants.database(for: principal)
        let key = CollectionKey(org: principal.orgID, collection: collection)
        let handle = cache.handle(key)
        try handle.state.withLock { loaded in
            let removed = try guarded(principal, code: "vectors-drop") {
                try database.write { db -> Bool in
                    try db.execute(sql: "DELETE FROM vector_items WHERE collection = ?", arguments: [collection.rawValue])
                    try db.execute(sql: "DELETE FROM vector_graphs WHERE collection = ?", arguments: [collection.rawValue])
                    try db.execute(sql: "DELETE FROM vector_collections WHERE name = ?", arguments: [collection.rawValue])
                    return db.changesCount > 0
                }
            }
            loaded = nil
            cache.account(key, bytes: 0)
            guard removed else { throw BulkheadError.notFound(kind: "collection", name: collection.rawValue) }
        }
        cache.forget(key)
    }

    // MARK: Items

    /// Adds (or replaces, by id) items in a collection of the principal's org, in one transaction.
    ///
    /// Items without a vector are embedded with the collection's embedder: `embedder` when given
    /// (an org's own HTTP endpoint; it must be the one the collection was made with), else the
    /// store's built-in embedder of that name. Every vector must have the collection's dimension.
    public func add(_ principal: Principal, collection name: String, items: [VectorItem], embedder: (any Embedder)? = nil) async throws {
        let collection = try CollectionName(name)
        guard items.count <= configuration.maxBatch else {
            throw BulkheadError.invalidInput("at most \(configuration.maxBatch) items may be added at once")
        }
        for item in items { try Self.validate(item) }
        guard !items.isEmpty else { return }
        let (embedderName, dimension) = try withCollection(principal, collection) { ($0.embedder, $0.dimension) }
        var vectors: [[Float]] = items.map { $0.vector ?? [] }
        let missing = items.indices.filter { items[$0].vector == nil }
        if !missing.isEmpty {
            let chosen = try resolveEmbedder(embedderName, dimension: dimension, override: embedder)
            let embedded = try await chosen.embed(missing.map { items[$0].text })
            guard embedded.count == missing.count else { throw BulkheadError.unavailable("the embedder returned too few vectors") }
            for (offset, index) in missing.enumerated() { vectors[index] = embedded[offset] }
        }
        for index in vectors.indices {
            vectors[index] = try Self.prepared(vectors[index], dimension: dimension, what: "an item's vector")
        }
        let rows = try zip(items, vectors).map { item, vector in
            (item, vector, try Self.encodeMetadata(item.metadata), vector.withUnsafeBufferPointer { Data(buffer: $0) })
        }
        let database = try tenants.database(for: principal)
        try withCollection(principal, collection) { loaded in
            guard loaded.dimension == dimension, loaded.embedder == embedderName else {
                throw BulkheadError.conflict("collection '\(collection)' changed while adding")
            }
            let keys = try guarded(principal, code: "vectors-add") {
                try database.write { db -> [Int64] in
                    let insert = try db.cachedStatement(sql: """
                        INSERT OR REPLACE INTO vector_items (collection, id, text, metadata, vector) VALUES (?, ?, ?, ?, ?)
                        """)
                    var keys: [Int64] = []
                    for (item, _, metadata, blob) in rows {
                        try insert.execute(arguments: [collection.rawValue, item.id, item.text, metadata, blob])
                        keys.append(db.lastInsertedRowID)
                    }
                    return keys
                }
            }
            // Committed: now, and only now, the rows join the index.
            for ((item, vector, _, _), key) in zip(rows, keys) {
                vector.withUnsafeBufferPointer { buffer in
                    loaded.index.upsert(id: item.id, text: item.text, metadata: item.metadata, vector: buffer, storageKey: key)
                }
            }
        }
    }

    /// The items with these ids in a collection of the principal's org, in the order asked; missing ids are skipped.
    public func get(_ principal: Principal, collection name: String, ids: [String]) throws -> [VectorRecord] {
        let collection = try CollectionName(name)
        return try withCollection(principal, collection) { loaded in
            ids.compactMap { id in
                loaded.index.item(id: id).map { VectorRecord(id: id, text: $0.text, metadata: $0.metadata, vector: $0.vector) }
            }
        }
    }

    /// Deletes the items with these ids; returns how many existed.
    @discardableResult
    public func delete(_ principal: Principal, collection name: String, ids: [String]) throws -> Int {
        let collection = try CollectionName(name)
        return try withCollection(principal, collection) { loaded in
            try deleteRows(principal, collection, ids: ids.filter { loaded.index.contains(id: $0) }, from: &loaded)
        }
    }

    /// Deletes every item whose metadata carries all of `filter` (for example `source=chinook`
    /// when a source is removed); returns how many were deleted. An empty filter deletes nothing.
    @discardableResult
    public func delete(_ principal: Principal, collection name: String, matching filter: [String: String]) throws -> Int {
        let collection = try CollectionName(name)
        try Self.validate(filter: filter)
        guard !filter.isEmpty else { return 0 }
        return try withCollection(principal, collection) { loaded in
            try deleteRows(principal, collection, ids: loaded.index.ids(matching: filter), from: &loaded)
        }
    }

    private func deleteRows(_ principal: Principal, _ collection: CollectionName, ids: [String], from loaded: inout LoadedCollection) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let database = try tenants.database(for: principal)
        try guarded(principal, code: "vectors-delete") {
            try database.write { db in
                let statement = try db.cachedStatement(sql: "DELETE FROM vector_items WHERE collection = ? AND id = ?")
                for id in ids { try statement.execute(arguments: [collection.rawValue, id]) }
            }
        }
        var removed = 0
        for id in ids where loaded.index.remove(id: id) { removed += 1 }
        return removed
    }
}
