import BulkheadCore
import BulkheadStore
import Foundation
import Logging

/// Per-org vector collections: one object per process serving every org.
///
/// Every call takes a `Principal`, and the principal's org alone picks both the stored rows
/// (its own tenant file, or its claims under row-level security) and the in-memory index (keyed
/// by org and collection) before any vector is read, so no name, id or filter can reach another
/// org's rows. Another org's collection answers `notFound` exactly like a missing one, because
/// from inside the caller's org it is missing. The in-memory index is a cache of the stored rows:
/// each use first reads the collection's version, and a changed version (another process or
/// server wrote, or a restore) rebuilds it.
///
/// Writes of one `add` go to the store in one transaction and reach the in-memory index only
/// after it commits, under the collection's lock, so a crash mid-ingest leaves nothing partial
/// and a search never sees rows the database does not hold.
public final class VectorStore: Sendable {
    /// The settings the store was made with.
    public let configuration: VectorStoreConfiguration
    /// The orgs' stored collections.
    let rows: any VectorRowStore
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
    public init(rows: any VectorRowStore, clock: any Clock, configuration: VectorStoreConfiguration = VectorStoreConfiguration(),
                embedders: [any Embedder] = [HashingEmbedder()]) {
        self.rows = rows
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
        let created = try guarded(principal, code: "vectors-create") {
            try rows.createCollection(principal, name: collection.rawValue, embedder: embedder, dimension: dimension,
                                      ifMissing: ifMissing, at: clock.now())
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
        return try guarded(principal, code: "vectors-list") {
            try rows.collections(principal).map { entry in
                VectorCollectionInfo(name: entry.collection.name, embedder: entry.collection.embedder,
                                     dimension: entry.collection.dimension, count: entry.count)
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
        let key = CollectionKey(org: principal.orgID, collection: collection)
        let handle = cache.handle(key)
        try handle.state.withLock { loaded in
            let removed = try guarded(principal, code: "vectors-drop") { try rows.deleteCollection(principal, name: collection.rawValue) }
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
        let prepared = try zip(items, vectors).map { item, vector in
            (item, vector, try Self.encodeMetadata(item.metadata), vector.withUnsafeBufferPointer { Data(buffer: $0) })
        }
        try withCollection(principal, collection) { loaded in
            guard loaded.dimension == dimension, loaded.embedder == embedderName else {
                throw BulkheadError.conflict("collection '\(collection)' changed while adding")
            }
            let (keys, change) = try guarded(principal, code: "vectors-add") {
                try rows.upsert(principal, collection: collection.rawValue,
                                items: prepared.map { (id: $0.0.id, text: $0.0.text, metadata: $0.2, vector: $0.3) })
            }
            // Committed: now, and only now, the rows join the index.
            for ((item, vector, _, _), key) in zip(prepared, keys) {
                vector.withUnsafeBufferPointer { buffer in
                    loaded.index.upsert(id: item.id, text: item.text, metadata: item.metadata, vector: buffer, storageKey: key)
                }
            }
            loaded.version = Self.versionAfter(change, cached: loaded.version)
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
        let change = try guarded(principal, code: "vectors-delete") { try rows.delete(principal, collection: collection.rawValue, ids: ids) }
        var removed = 0
        for id in ids where loaded.index.remove(id: id) { removed += 1 }
        loaded.version = Self.versionAfter(change, cached: loaded.version)
        return removed
    }

    /// The version a cached index holds after its own write: the new one when nobody else wrote
    /// since it was loaded; otherwise a value no store ever hands out, so the next use reloads
    /// (and picks up the other writer's rows).
    static func versionAfter(_ change: VersionChange, cached: Int64) -> Int64 {
        change.before == cached ? change.after : -1
    }
}
