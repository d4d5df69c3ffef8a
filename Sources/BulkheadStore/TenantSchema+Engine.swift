import BulkheadCore

extension TenantSchema {
    /// The engine's tables: the org's sources and the folders they may live in. Owned by the engine.
    ///
    /// `sources.location` is the path the user gave; `resolved_location` is its realpath at add
    /// time (the engine re-resolves on every open and compares against the rules again).
    /// `packaged` marks a file the package itself placed in the org's own area (the demo), which
    /// is held to that area instead of to the allowed roots. `allowed_roots.path` is resolved.
    static func engineMigrations(_ org: OrgID) -> [TenantMigration] {
        [
            TenantMigration(id: "v2-engine-sources", sql: """
                CREATE TABLE sources (
                    id TEXT PRIMARY KEY NOT NULL,
                    \(orgColumn(org)),
                    name TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL CHECK (kind IN ('sqlite', 'csv')),
                    location TEXT NOT NULL,
                    resolved_location TEXT NOT NULL,
                    packaged INTEGER NOT NULL DEFAULT 0 CHECK (packaged IN (0, 1)),
                    created_by TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE allowed_roots (
                    path TEXT PRIMARY KEY NOT NULL,
                    \(orgColumn(org)),
                    created_by TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                """),
        ]
    }

    /// PostgreSQL sources: `kind` admits `postgres`, and `sealed_secret` keeps a network source's
    /// password sealed for the org and the source. SQLite cannot change a CHECK in place, so the
    /// table is rebuilt with its rows.
    static func networkSourceMigrations(_ org: OrgID) -> [TenantMigration] {
        [
            TenantMigration(id: "v3-engine-network-sources", sql: """
                CREATE TABLE sources_v3 (
                    id TEXT PRIMARY KEY NOT NULL,
                    \(orgColumn(org)),
                    name TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL CHECK (kind IN ('sqlite', 'csv', 'postgres')),
                    location TEXT NOT NULL,
                    resolved_location TEXT NOT NULL,
                    packaged INTEGER NOT NULL DEFAULT 0 CHECK (packaged IN (0, 1)),
                    sealed_secret TEXT,
                    created_by TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                INSERT INTO sources_v3 (id, org_id, name, kind, location, resolved_location, packaged, created_by, created_at)
                    SELECT id, org_id, name, kind, location, resolved_location, packaged, created_by, created_at FROM sources;
                DROP TABLE sources;
                ALTER TABLE sources_v3 RENAME TO sources;
                """),
        ]
    }
}
