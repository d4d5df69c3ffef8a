import BulkheadCore
import Foundation
import GRDB

/// Vector collections in each org's tenant file (`vector_collections`, `vector_items`,
/// `vector_graphs`). Row keys are SQLite rowids: a replaced item gets a new one, so rows read
/// back in rowid order arrive in the order they were written.
public struct SQLiteVectorRows: VectorRowStore {
    private let tenants: TenantDatabases

    public init(tenants: TenantDatabases) {
        self.tenants = tenants
    }

    public func collection(_ principal: Principal, name: String) throws -> StoredCollection? {
        try tenants.read(principal, "vectors-read") { try Self.collection(name, $0) }
    }

    public func collections(_ principal: Principal) throws -> [(collection: StoredCollection, count: Int)] {
        try tenants.read(principal, "vectors-list") { db in
            try Row.fetchAll(db, sql: """
                SELECT c.name, c.embedder, c.dimension, c.version,
                       (SELECT COUNT(*) FROM vector_items i WHERE i.collection = c.name) AS count
                FROM vector_collections c ORDER BY c.name
                """).map { (Self.collection($0), $0["count"]) }
        }
    }

    public func createCollection(_ principal: Principal, name: String, embedder: String, dimension: Int, ifMissing: Bool,
                                 at: Date) throws -> Bool {
        try tenants.write(principal, "vectors-create") { db -> Bool in
            if let existing = try Self.collection(name, db) {
                guard ifMissing, existing.embedder == embedder, existing.dimension == dimension else {
                    throw BulkheadError.conflict("collection '\(name)' already exists")
                }
                return false
            }
            try db.execute(sql: "INSERT INTO vector_collections (name, embedder, dimension, created_at, version) VALUES (?, ?, ?, ?, ?)",
                           arguments: [name, embedder, dimension, at, VersionChange.newStamp()])
            return true
        }
    }

    public func deleteCollection(_ principal: Principal, name: String) throws -> Bool {
        try tenants.write(principal, "vectors-drop") { db -> Bool in
            try db.execute(sql: "DELETE FROM vector_items WHERE collection = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM vector_graphs WHERE collection = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM vector_collections WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    public func load(_ principal: Principal, name: String) throws -> StoredVectors? {
        try tenants.read(principal, "vectors-load") { db -> StoredVectors? in
            guard let collection = try Self.collection(name, db) else { return nil }
            var rows: [StoredVectorRow] = []
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT rowid, id, text, metadata, vector FROM vector_items WHERE collection = ? ORDER BY rowid
                """, arguments: [name])
            while let row = try cursor.next() {
                rows.append(StoredVectorRow(key: row["rowid"], id: row["id"], text: row["text"], metadata: row["metadata"],
                                            vector: row["vector"]))
            }
            let graph = try Row.fetchOne(db, sql: "SELECT nodes, row_keys, graph FROM vector_graphs WHERE collection = ?",
                                         arguments: [name]).map { StoredGraph(nodes: $0["nodes"], rowKeys: $0["row_keys"], graph: $0["graph"]) }
            return StoredVectors(collection: collection, rows: rows, graph: graph)
        }
    }

    public func version(_ principal: Principal, name: String) throws -> Int64? {
        try tenants.read(principal, "vectors-read") { db in
            try Int64.fetchOne(db, sql: "SELECT version FROM vector_collections WHERE name = ?", arguments: [name])
        }
    }

    public func versions(_ principal: Principal, names: [String]) throws -> [String: Int64] {
        try tenants.read(principal, "vectors-read") { db in
            var found: [String: Int64] = [:]
            let statement = try db.cachedStatement(sql: "SELECT version FROM vector_collections WHERE name = ?")
            for name in names {
                if let version = try Int64.fetchOne(statement, arguments: [name]) {
                    found[name] = version
                }
            }
            return found
        }
    }

    public func upsert(_ principal: Principal, collection: String, items: [(id: String, text: String, metadata: String, vector: Data)])
        throws -> (keys: [Int64], version: VersionChange) {
        try tenants.write(principal, "vectors-add") { db in
            let change = try Self.bump(collection, db)
            let insert = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO vector_items (collection, id, text, metadata, vector) VALUES (?, ?, ?, ?, ?)
                """)
            var keys: [Int64] = []
            for item in items {
                try insert.execute(arguments: [collection, item.id, item.text, item.metadata, item.vector])
                keys.append(db.lastInsertedRowID)
            }
            return (keys, change)
        }
    }

    public func delete(_ principal: Principal, collection: String, ids: [String]) throws -> VersionChange {
        try tenants.write(principal, "vectors-delete") { db in
            let change = try Self.bump(collection, db)
            let statement = try db.cachedStatement(sql: "DELETE FROM vector_items WHERE collection = ? AND id = ?")
            for id in ids { try statement.execute(arguments: [collection, id]) }
            return change
        }
    }

    public func saveGraph(_ principal: Principal, collection: String, _ graph: StoredGraph, at: Date) throws {
        try tenants.write(principal, "vectors-graph-save") { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO vector_graphs (collection, nodes, row_keys, graph, saved_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [collection, graph.nodes, graph.rowKeys, graph.graph, at])
        }
    }

    /// Gives the collection a new version and returns the change; `notFound` when it is missing.
    private static func bump(_ name: String, _ db: Database) throws -> VersionChange {
        guard let before = try Int64.fetchOne(db, sql: "SELECT version FROM vector_collections WHERE name = ?", arguments: [name]) else {
            throw BulkheadError.notFound(kind: "collection", name: name)
        }
        let after = VersionChange.newStamp()
        try db.execute(sql: "UPDATE vector_collections SET version = ? WHERE name = ?", arguments: [after, name])
        return VersionChange(before: before, after: after)
    }

    private static func collection(_ name: String, _ db: Database) throws -> StoredCollection? {
        try Row.fetchOne(db, sql: "SELECT name, embedder, dimension, version FROM vector_collections WHERE name = ?",
                         arguments: [name]).map(collection)
    }

    private static func collection(_ row: Row) -> StoredCollection {
        StoredCollection(name: row["name"], embedder: row["embedder"], dimension: row["dimension"], version: row["version"])
    }
}
