import BulkheadCore
import BulkheadStore
import Foundation

/// Loading collections into the cache, and the error wall around the database.
extension VectorStore {
    /// Runs `body` on the principal's collection under its lock, loading it from the principal's
    /// tenant database when it is not resident (or when the file was restored since), and keeps
    /// the cache within its budget afterwards.
    func withCollection<T: Sendable>(_ principal: Principal, _ collection: CollectionName,
                                     _ body: (inout LoadedCollection) throws -> T) throws -> T {
        let key = CollectionKey(org: principal.orgID, collection: collection)
        let handle = cache.handle(key)
        let result: T
        do {
            result = try handle.state.withLock { loaded throws -> T in
                // The stored version first: an index built before another process (or server)
                // wrote, or before a restore, is never served.
                let current = try storedVersion(principal, collection)
                guard let current else {
                    loaded = nil
                    throw BulkheadError.notFound(kind: "collection", name: collection.rawValue)
                }
                if loaded == nil || loaded?.version != current {
                    loaded = try load(principal, collection)
                    cache.account(key, bytes: loaded!.index.memoryBytes, loaded: true)
                }
                let value = try body(&loaded!)
                if loaded != nil {
                    saveGraphIfDue(principal, collection, &loaded!)
                    cache.account(key, bytes: loaded!.index.memoryBytes)
                } else {
                    cache.account(key, bytes: 0)
                }
                return value
            }
        } catch let error as BulkheadError {
            if case .notFound = error { cache.forget(key) }
            cache.enforceBudget()
            throw error
        }
        cache.enforceBudget()
        return result
    }

    /// Reads one collection's record and rows from the org's store and builds its index,
    /// putting its saved graph back when there is a usable one (see `VectorStore+Graphs`).
    private func load(_ principal: Principal, _ collection: CollectionName) throws -> LoadedCollection {
        let started = ContinuousClock.now
        let configuration = self.configuration.index
        var loaded = try guarded(principal, code: "vectors-load") { () throws -> LoadedCollection in
            guard let stored = try rows.load(principal, name: collection.rawValue) else {
                throw BulkheadError.notFound(kind: "collection", name: collection.rawValue)
            }
            let dimension = stored.collection.dimension
            let decoder = JSONDecoder()
            let parsed = try stored.rows.map { row -> StoredRow in
                guard row.vector.count == dimension * MemoryLayout<Float>.stride else {
                    throw BulkheadError.integrity("a stored vector does not have its collection's dimension")
                }
                let metadata = row.metadata == "{}" ? [:]
                    : (try? decoder.decode([String: String].self, from: Data(row.metadata.utf8))) ?? [:]
                let vector = row.vector.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
                return StoredRow(key: row.key, id: row.id, text: row.text, metadata: metadata, vector: vector)
            }
            let saved = stored.graph.flatMap(Self.savedGraph)
            let (index, savedNodes) = Self.buildIndex(dimension: dimension, configuration: configuration, rows: parsed, saved: saved)
            return LoadedCollection(embedder: stored.collection.embedder, dimension: dimension,
                                    version: stored.collection.version, index: index, savedGraphNodes: savedNodes)
        }
        if loaded.index.usesHNSW { cache.noteGraph(restored: loaded.savedGraphNodes > 0) }
        saveGraphIfDue(principal, collection, &loaded)
        let elapsed = ContinuousClock.now - started
        logger.debug("vector index loaded", metadata: [
            "org": "\(principal.orgID)", "rows": "\(loaded.index.count)", "hnsw": "\(loaded.index.usesHNSW)",
            "graph_restored": "\(loaded.savedGraphNodes > 0)",
            "ms": "\(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)",
        ])
        return loaded
    }

    /// Runs `body`, letting `BulkheadError` through and turning anything else (a SQLite error,
    /// whose message could carry a path or SQL) into an internal failure with a code.
    func guarded<T>(_ principal: Principal, code: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as BulkheadError {
            throw error
        } catch {
            logger.error("vector store failure", metadata: ["org": "\(principal.orgID)", "code": "\(code)"])
            throw BulkheadError.internalFailure(code: code)
        }
    }

    /// The embedder for a collection's texts: the caller's (which must be the collection's) or the store's own.
    func resolveEmbedder(_ name: String, dimension: Int, override: (any Embedder)?) throws -> any Embedder {
        if let override {
            guard override.name == name, override.dimension == dimension else {
                throw BulkheadError.invalidInput("this collection's vectors come from another embedder")
            }
            return override
        }
        guard name != Self.noEmbedder else {
            throw BulkheadError.invalidInput("this collection takes vectors, not texts")
        }
        guard let embedder = embedders[name], embedder.dimension == dimension else {
            throw BulkheadError.unavailable("the collection's embedder is not configured")
        }
        return embedder
    }
}
