import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Foundation
import PostgresNIO

/// The orgs' catalogs of sources in `bulkhead.sources`, each call under its caller's claims.
struct PostgresSourceCatalog: SourceCatalogStore {
    let store: PostgresStore
    private static let columns = "id, name, kind, location, resolved_location, packaged, sealed_secret, created_by, created_at"

    func source(_ principal: Principal, named name: String) throws -> StoredSource? {
        try first(.tenant(principal), "SELECT \(unescaped: Self.columns) FROM bulkhead.sources WHERE name = \(name)")
    }

    func source(_ principal: Principal, id: String) throws -> StoredSource? {
        try first(.tenant(principal), "SELECT \(unescaped: Self.columns) FROM bulkhead.sources WHERE id = \(id)")
    }

    func source(id: String, ownedBy org: OrgID) throws -> StoredSource? {
        try first(.org(org), "SELECT \(unescaped: Self.columns) FROM bulkhead.sources WHERE id = \(id)")
    }

    func sources(_ principal: Principal) throws -> [StoredSource] {
        try fetch(.tenant(principal), "SELECT \(unescaped: Self.columns) FROM bulkhead.sources ORDER BY name")
    }

    func insert(_ principal: Principal, _ source: StoredSource) throws {
        try guarded("engine-tenant-write") {
            try store.waitTransaction(.tenant(principal)) { connection in
                let taken = try await connection.query("SELECT 1 FROM bulkhead.sources WHERE name = \(source.name)", logger: PostgresLog.quiet)
                    .collect()
                guard taken.isEmpty else { throw BulkheadError.conflict("a source named '\(source.name)' already exists") }
                try await connection.query("""
                    INSERT INTO bulkhead.sources (id, name, kind, location, resolved_location, packaged, sealed_secret, created_by, created_at)
                    VALUES (\(source.id), \(source.name), \(source.kind), \(source.location), \(source.resolvedLocation), \(source.packaged),
                            \(source.sealedSecret), \(source.createdBy), \(source.createdAt))
                    """, logger: PostgresLog.quiet)
            }
        }
    }

    func delete(_ principal: Principal, id: String) throws {
        try guarded("engine-tenant-write") {
            try store.waitTransaction(.tenant(principal)) { connection in
                try await connection.query("DELETE FROM bulkhead.sources WHERE id = \(id)", logger: PostgresLog.quiet)
            }
        }
    }

    private func first(_ claims: RequestClaims, _ query: PostgresQuery) throws -> StoredSource? {
        try fetch(claims, query).first
    }

    private func fetch(_ claims: RequestClaims, _ query: PostgresQuery) throws -> [StoredSource] {
        try guarded("engine-tenant-read") {
            try store.waitTransaction(claims, .read) { connection in
                try await connection.query(query, logger: PostgresLog.quiet).collect().map { row in
                    let (id, name, kind, location, resolved, packaged, sealed, createdBy, createdAt) =
                        try row.decode((String, String, String, String, String, Bool, String?, String, Date).self)
                    return StoredSource(id: id, name: name, kind: kind, location: location, resolvedLocation: resolved, packaged: packaged,
                                        sealedSecret: sealed, createdBy: createdBy, createdAt: createdAt)
                }
            }
        }
    }
}
