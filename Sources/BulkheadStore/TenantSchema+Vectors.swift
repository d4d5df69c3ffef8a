import BulkheadCore

extension TenantSchema {
    /// The vector store's tables: collections and their items. Owned by the vector store.
    ///
    /// A collection records the embedder and dimension its vectors come from. Items hold the
    /// vector as little-endian float32 bytes (unit length), the text it stands for and its
    /// metadata as a JSON object of strings. Items are read back in rowid order, which is the order
    /// they arrived in (a replaced item gets a new rowid), so a rebuilt HNSW graph is the same graph.
    static func vectorsMigrations(_ org: OrgID) -> [TenantMigration] {
        [
            TenantMigration(id: "v1-vectors", sql: """
                CREATE TABLE vector_collections (
                    name TEXT PRIMARY KEY NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
                    \(orgColumn(org)),
                    embedder TEXT NOT NULL,
                    dimension INTEGER NOT NULL CHECK (dimension BETWEEN 1 AND 8192),
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE vector_items (
                    collection TEXT NOT NULL REFERENCES vector_collections(name) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    \(orgColumn(org)),
                    text TEXT NOT NULL,
                    metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
                    vector BLOB NOT NULL
                );
                CREATE UNIQUE INDEX vector_items_key ON vector_items(collection, id);
                CREATE INDEX vector_items_collection ON vector_items(collection);
                """),
        ]
    }
}
