import BulkheadCore

/// One step of a tenant database's schema, as SQL with the org id already baked in.
public struct TenantMigration: Sendable, Hashable {
    /// The GRDB migration identifier; never reuse or reorder one that has shipped.
    public let id: String
    /// The SQL to run; it must create every table with `TenantSchema.orgColumn(org)`.
    public let sql: String

    public init(id: String, sql: String) {
        self.id = id
        self.sql = sql
    }
}

/// The schema of a tenant database, assembled from one list per topic.
///
/// Every tenant table carries `org_id` with a CHECK that names the file's own org, written
/// into the DDL when the file is created. A row of another org cannot be inserted even by
/// code that forgot to set it: the default is the file's org and the CHECK refuses any other.
public enum TenantSchema {
    /// The column definition every tenant table starts with.
    public static func orgColumn(_ org: OrgID) -> String {
        // OrgID is validated to [a-z0-9-], so it cannot break out of the quotes.
        "org_id TEXT NOT NULL DEFAULT '\(org.rawValue)' CHECK (org_id = '\(org.rawValue)')"
    }

    /// Every migration, in order, for the database of `org`.
    public static func migrations(for org: OrgID) -> [TenantMigration] {
        coreMigrations(org) + engineMigrations(org) + vectorsMigrations(org) + assistantMigrations(org)
            + vectorGraphMigrations(org) + networkSourceMigrations(org) + answersMigrations(org) + vectorVersionMigrations(org)
    }

    /// The identifier of the newest migration: the schema version a backup records.
    public static var version: String {
        migrations(for: OrgID(rawValue: "version")!).last!.id
    }

    /// The stamp and the tables every topic shares.
    static func coreMigrations(_ org: OrgID) -> [TenantMigration] {
        [
            TenantMigration(id: "v1-core", sql: """
                CREATE TABLE tenant_meta (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    \(orgColumn(org)),
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE notes (
                    id TEXT PRIMARY KEY NOT NULL,
                    \(orgColumn(org)),
                    text TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                """),
        ]
    }
}
