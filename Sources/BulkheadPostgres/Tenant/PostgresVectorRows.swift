import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Foundation
import PostgresNIO

/// Vector collections in `bulkhead.vector_collections`, `vector_items` and `vector_graphs`,
/// each call under its caller's claims.
///
/// Row keys are the `position` column, handed out from the org's own counter in its stamp row
/// (never a sequence shared by orgs, whose gaps would count other orgs' rows), under that row's
/// lock, so two servers adding at once get distinct, increasing keys unique in the org, and a
/// replaced item gets a new one, exactly like a SQLite rowid.
struct PostgresVectorRows: VectorRowStore {
    let store: PostgresStore

    func collection(_ principal: Principal, name: String) throws -> StoredCollection? {
        try guarded("vectors-read") {
            try store.waitTransaction(.tenant(principal), .read) { try await Self.collection(name, $0) }
        }
    }

    func collections(_ principal: Principal) throws -> [(collection: StoredCollection, count: Int)] {
        let rows = try guarded("vectors-list") {
            try store.waitTransaction(.tenant(principal), .read) { connection in
                try await connection.query("""
                    SELECT c.name, c.embedder, c.dimension, c.version,
                           (SELECT count(*) FROM bulkhead.vector_items i WHERE i.collection = c.name)
                    FROM bulkhead.vector_collections c ORDER BY c.name
                    """, logger: PostgresLog.quiet).collect().map { row in
                    let (name, embedder, dimension, version, count) = try row.decode((String, String, Int, Int64, Int).self)
                    return CountedCollection(collection: StoredCollection(name: name, embedder: embedder, dimension: dimension, version: version),
                                             count: count)
                }
            }
        }
        return rows.map { ($0.collection, $0.count) }
    }

    func createCollection(_ principal: Principal, name: String, embedder: String, dimension: Int, ifMissing: Bool, at: Date) throws -> Bool {
        let stamp = VersionChange.newStamp()
        return try guarded("vectors-create") {
            try store.waitTransaction(.tenant(principal)) { connection in
                if let existing = try await Self.collection(name, connection) {
                    guard ifMissing, existing.embedder == embedder, existing.dimension == dimension else {
                        throw BulkheadError.conflict("collection '\(name)' already exists")
                    }
                    return false
                }
                try await connection.query("""
                    INSERT INTO bulkhead.vector_collections (name, embedder, dimension, created_at, version)
                    VALUES (\(name), \(embedder), \(dimension), \(at), \(stamp))
                    """, logger: PostgresLog.quiet)
                return true
            }
        }
    }

    func deleteCollection(_ principal: Principal, name: String) throws -> Bool {
        try guarded("vectors-drop") {
            try store.waitTransaction(.tenant(principal)) { connection in
                try await connection.query("DELETE FROM bulkhead.vector_graphs WHERE collection = \(name)", logger: PostgresLog.quiet)
                try await connection.query("DELETE FROM bulkhead.vector_items WHERE collection = \(name)", logger: PostgresLog.quiet)
                return try await !connection.query("DELETE FROM bulkhead.vector_collections WHERE name = \(name) RETURNING 1",
                                                   logger: PostgresLog.quiet).collect().isEmpty
            }
        }
    }

    func load(_ principal: Principal, name: String) throws -> StoredVectors? {
        try guarded("vectors-load") {
            try store.waitTransaction(.tenant(principal), .read) { connection -> StoredVectors? in
                guard let collection = try await Self.collection(name, connection) else { return nil }
                var rows: [StoredVectorRow] = []
                for try await row in try await connection.query("""
                    SELECT position, id, text, metadata::text, vector FROM bulkhead.vector_items
                    WHERE collection = \(name) ORDER BY position
                    """, logger: PostgresLog.quiet) {
                    let (key, id, text, metadata, vector) = try row.decode((Int64, String, String, String, ByteBuffer).self)
                    rows.append(StoredVectorRow(key: key, id: id, text: text, metadata: metadata, vector: Data(buffer: vector)))
                }
                let graph = try await connection.query("""
                    SELECT nodes, row_keys, graph FROM bulkhead.vector_graphs WHERE collection = \(name)
                    """, logger: PostgresLog.quiet).collect().first.map { row -> StoredGraph in
                    let (nodes, keys, graph) = try row.decode((Int, ByteBuffer, ByteBuffer).self)
                    return StoredGraph(nodes: nodes, rowKeys: Data(buffer: keys), graph: Data(buffer: graph))
                }
                return StoredVectors(collection: collection, rows: rows, graph: graph)
            }
        }
    }

    func version(_ principal: Principal, name: String) throws -> Int64? {
        try guarded("vectors-read") {
            try store.waitTransaction(.tenant(principal), .read) { connection in
                try await connection.query("SELECT version FROM bulkhead.vector_collections WHERE name = \(name)", logger: PostgresLog.quiet)
                    .collect().first?.decode(Int64.self)
            }
        }
    }

    func versions(_ principal: Principal, names: [String]) throws -> [String: Int64] {
        let rows = try guarded("vectors-read") {
            try store.waitTransaction(.tenant(principal), .read) { connection in
                try await CollectionVersions.rows(on: connection, names).map { try $0.decode((String, Int64).self) }
            }
        }
        return Dictionary(rows.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
    }

    func upsert(_ principal: Principal, collection: String, items: [(id: String, text: String, metadata: String, vector: Data)])
        throws -> (keys: [Int64], version: VersionChange) {
        let stamp = VersionChange.newStamp()
        let rows = items.map { VectorInsert(id: $0.id, text: $0.text, metadata: $0.metadata, vector: $0.vector) }
        let result = try guarded("vectors-add") {
            try store.waitTransaction(.tenant(principal)) { connection -> UpsertResult in
                let (before, first) = try await Self.claimPositions(collection, count: rows.count, stamp: stamp, connection)
                var keys: [Int64] = []
                for (offset, row) in rows.enumerated() {
                    let key = first + Int64(offset)
                    try await connection.query("""
                        INSERT INTO bulkhead.vector_items (collection, id, position, text, metadata, vector)
                        VALUES (\(collection), \(row.id), \(key), \(row.text), \(row.metadata)::jsonb, \(ByteBuffer(data: row.vector)))
                        ON CONFLICT (org_id, collection, id) DO UPDATE SET position = excluded.position, text = excluded.text,
                            metadata = excluded.metadata, vector = excluded.vector
                        """, logger: PostgresLog.quiet)
                    keys.append(key)
                }
                return UpsertResult(keys: keys, change: VersionChange(before: before, after: stamp))
            }
        }
        return (result.keys, result.change)
    }

    func delete(_ principal: Principal, collection: String, ids: [String]) throws -> VersionChange {
        let stamp = VersionChange.newStamp()
        return try guarded("vectors-delete") {
            try store.waitTransaction(.tenant(principal)) { connection in
                let (before, _) = try await Self.claimPositions(collection, count: 0, stamp: stamp, connection)
                try await connection.query("DELETE FROM bulkhead.vector_items WHERE collection = \(collection) AND id = ANY(\(ids))",
                                           logger: PostgresLog.quiet)
                return VersionChange(before: before, after: stamp)
            }
        }
    }

    func saveGraph(_ principal: Principal, collection: String, _ graph: StoredGraph, at: Date) throws {
        try guarded("vectors-graph-save") {
            try store.waitTransaction(.tenant(principal)) { connection in
                try await connection.query("""
                    INSERT INTO bulkhead.vector_graphs (collection, nodes, row_keys, graph, saved_at)
                    VALUES (\(collection), \(graph.nodes), \(ByteBuffer(data: graph.rowKeys)), \(ByteBuffer(data: graph.graph)), \(at))
                    ON CONFLICT (org_id, collection) DO UPDATE SET nodes = excluded.nodes, row_keys = excluded.row_keys,
                        graph = excluded.graph, saved_at = excluded.saved_at
                    """, logger: PostgresLog.quiet)
            }
        }
    }

    /// Locks the collection's row and stamps a new version, then takes `count` positions from the
    /// org's counter (the stamp row's lock orders the org's writers); returns the version before and
    /// the first position. - Throws: `notFound` when the collection is missing.
    private static func claimPositions(_ collection: String, count: Int, stamp: Int64,
                                       _ connection: PostgresConnection) async throws -> (Int64, Int64) {
        let rows = try await connection.query("""
            WITH old AS (SELECT version FROM bulkhead.vector_collections WHERE name = \(collection) FOR UPDATE)
            UPDATE bulkhead.vector_collections c SET version = \(stamp) FROM old WHERE c.name = \(collection)
            RETURNING old.version
            """, logger: PostgresLog.quiet).collect()
        guard let row = rows.first else { throw BulkheadError.notFound(kind: "collection", name: collection) }
        let before = try row.decode(Int64.self)
        guard count > 0 else { return (before, 0) }
        let first = try await connection.query("""
            UPDATE bulkhead.tenant_meta SET next_vector_position = next_vector_position + \(count) RETURNING next_vector_position - \(count)
            """, logger: PostgresLog.quiet).collect().first?.decode(Int64.self)
        guard let first else { throw BulkheadError.notFound(kind: "organization database", name: collection) }
        return (before, first)
    }

    private static func collection(_ name: String, _ connection: PostgresConnection) async throws -> StoredCollection? {
        try await connection.query("""
            SELECT name, embedder, dimension, version FROM bulkhead.vector_collections WHERE name = \(name)
            """, logger: PostgresLog.quiet).collect().first.map { row in
            let (name, embedder, dimension, version) = try row.decode((String, String, Int, Int64).self)
            return StoredCollection(name: name, embedder: embedder, dimension: dimension, version: version)
        }
    }
}

/// One item to insert, as a value that may cross to the runtime.
private struct VectorInsert: Sendable {
    let id: String
    let text: String
    let metadata: String
    let vector: Data
}

private struct UpsertResult: Sendable {
    let keys: [Int64]
    let change: VersionChange
}

private struct CountedCollection: Sendable {
    let collection: StoredCollection
    let count: Int
}

/// The versions of named collections: read by every context build (prepared, see ``HotStatement``).
private enum CollectionVersions: HotStatement {
    static let sql = "SELECT name, version FROM bulkhead.vector_collections WHERE name = ANY($1)"
}
