import BulkheadCore
import Foundation
import GRDB

/// The source catalog in each org's tenant file (`sources`). (Its `allowed_roots` table is no
/// longer read: folders are granted by the operator, in the control plane.)
public struct SQLiteSourceCatalog: SourceCatalogStore {
    private let tenants: TenantDatabases
    private static let columns = "id, name, kind, location, resolved_location, packaged, sealed_secret, created_by, created_at"

    public init(tenants: TenantDatabases) {
        self.tenants = tenants
    }

    public func source(_ principal: Principal, named name: String) throws -> StoredSource? {
        try tenants.read(principal, "engine-tenant-read") { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM sources WHERE name = ?", arguments: [name]).map(Self.stored)
        }
    }

    public func source(_ principal: Principal, id: String) throws -> StoredSource? {
        try tenants.read(principal, "engine-tenant-read") { try Self.source(id: id, $0) }
    }

    public func source(id: String, ownedBy org: OrgID) throws -> StoredSource? {
        do {
            return try tenants.database(org: org).read { try Self.source(id: id, $0) }
        } catch {
            throw BulkheadError.safe(error, code: "engine-tenant-read")
        }
    }

    public func sources(_ principal: Principal) throws -> [StoredSource] {
        try tenants.read(principal, "engine-tenant-read") { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM sources ORDER BY name").map(Self.stored)
        }
    }

    public func insert(_ principal: Principal, _ source: StoredSource) throws {
        try tenants.write(principal, "engine-tenant-write") { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM sources WHERE name = ?", arguments: [source.name]) == true {
                throw BulkheadError.conflict("a source named '\(source.name)' already exists")
            }
            try db.execute(sql: """
                INSERT INTO sources (id, name, kind, location, resolved_location, packaged, sealed_secret, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [source.id, source.name, source.kind, source.location, source.resolvedLocation, source.packaged,
                                 source.sealedSecret, source.createdBy, source.createdAt])
        }
    }

    public func delete(_ principal: Principal, id: String) throws {
        try tenants.write(principal, "engine-tenant-write") { db in
            try db.execute(sql: "DELETE FROM sources WHERE id = ?", arguments: [id])
        }
    }

    private static func source(id: String, _ db: Database) throws -> StoredSource? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM sources WHERE id = ?", arguments: [id]).map(stored)
    }

    private static func stored(_ row: Row) -> StoredSource {
        StoredSource(id: row["id"], name: row["name"], kind: row["kind"], location: row["location"],
                     resolvedLocation: row["resolved_location"], packaged: row["packaged"], sealedSecret: row["sealed_secret"],
                     createdBy: row["created_by"], createdAt: row["created_at"])
    }
}
