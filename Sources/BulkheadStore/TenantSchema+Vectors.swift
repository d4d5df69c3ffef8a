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

    /// Saved HNSW graphs, one per large collection, so opening one re-reads its graph instead of
    /// rebuilding it. A graph is derived data: it names each node's row by rowid and a fingerprint
    /// of the row's floats, and the vector store checks all of it on read and rebuilds when the
    /// saved graph is missing, stale or damaged. Added after the other topics, so existing files
    /// migrate in order.
    static func vectorGraphMigrations(_ org: OrgID) -> [TenantMigration] {
        [
            TenantMigration(id: "v2-vector-graphs", sql: """
                CREATE TABLE vector_graphs (
                    collection TEXT PRIMARY KEY NOT NULL REFERENCES vector_collections(name) ON DELETE CASCADE,
                    \(orgColumn(org)),
                    nodes INTEGER NOT NULL CHECK (nodes >= 0),
                    row_keys BLOB NOT NULL,
                    graph BLOB NOT NULL,
                    saved_at DATETIME NOT NULL
                );
                """),
        ]
    }

    /// A version stamp per collection, changed with every write to its items (a random value, so a
    /// restored file never repeats one a cache holds): a process serving a cached index reads it
    /// first and rebuilds the index when another process wrote since.
    static func vectorVersionMigrations(_ org: OrgID) -> [TenantMigration] {
        [
            TenantMigration(id: "v4-vector-version", sql: """
                ALTER TABLE vector_collections ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
                """),
        ]
    }
}
