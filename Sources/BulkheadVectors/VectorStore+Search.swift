import BulkheadCore

/// Search: the org picks the index, the filter narrows it inside the search.
extension VectorStore {
    /// The `k` items of a collection of the principal's org most similar to `query` among those whose
    /// metadata carries every (key, value) of `filter`, best first.
    ///
    /// The filter is applied inside the search (see `VectorIndexConfiguration` for when the scan is
    /// exact and when the HNSW graph is walked), so `k` hits come back whenever `k` items match.
    public func search(_ principal: Principal, collection name: String, query: VectorQuery, k: Int = 10,
                       filter: [String: String] = [:], embedder: (any Embedder)? = nil) async throws -> [VectorHit] {
        let collection = try CollectionName(name)
        guard (1...configuration.maxK).contains(k) else {
            throw BulkheadError.invalidInput("k must be between 1 and \(configuration.maxK)")
        }
        try Self.validate(filter: filter)
        let text: String
        switch query {
        case let .vector(raw):
            // A caller's vector needs nothing read before the search: one visit to the collection.
            return try withCollection(principal, collection) { loaded in
                let vector = try Self.prepared(raw, dimension: loaded.dimension, what: "the query vector")
                return Self.hits(vector, in: &loaded, k: k, filter: filter)
            }
        case let .text(question):
            text = question
        }
        let (embedderName, dimension) = try withCollection(principal, collection) { ($0.embedder, $0.dimension) }
        let chosen = try resolveEmbedder(embedderName, dimension: dimension, override: embedder)
        guard let raw = try await chosen.embed([text]).first else {
            throw BulkheadError.unavailable("the embedder returned no vector")
        }
        let vector = try Self.prepared(raw, dimension: dimension, what: "the query vector")
        return try withCollection(principal, collection) { loaded in
            guard loaded.dimension == dimension else {
                throw BulkheadError.conflict("collection '\(collection)' changed while searching")
            }
            return Self.hits(vector, in: &loaded, k: k, filter: filter)
        }
    }

    /// The `k` best items of a loaded collection for a unit `vector`, among those matching `filter`.
    private static func hits(_ vector: [Float], in loaded: inout LoadedCollection, k: Int, filter: [String: String]) -> [VectorHit] {
        let found = vector.withUnsafeBufferPointer { loaded.index.search($0.baseAddress!, k: k, filter: filter).hits }
        return found.map { hit in
            let row = loaded.index.row(hit.row)
            return VectorHit(id: row.id, score: hit.score, text: row.text, metadata: row.metadata)
        }
    }
}
