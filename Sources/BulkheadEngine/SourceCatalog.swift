import BulkheadCore
import Foundation
import GRDB

/// The org's own record of its sources, in its tenant database. (Its `allowed_roots` table is no
/// longer read: folders are granted by the operator, in the control plane.)
///
/// Every function takes a `Database` of one tenant file, which `TenantDatabases` opened from the
/// principal's org; nothing here can name another org's file.
enum SourceCatalog {
    private static let columns = "id, name, kind, location, resolved_location, packaged, sealed_secret, created_by, created_at"

    /// The source named `name`, if the org has one.
    static func source(named name: String, org: OrgID, _ db: Database) throws -> SourceRecord? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM sources WHERE name = ?", arguments: [name]).flatMap { record($0, org: org) }
    }

    /// The source with id `id`, if the org has one.
    static func source(id: SourceID, org: OrgID, _ db: Database) throws -> SourceRecord? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM sources WHERE id = ?", arguments: [id.rawValue]).flatMap { record($0, org: org) }
    }

    /// Every source of the org, by name.
    static func all(org: OrgID, _ db: Database) throws -> [SourceRecord] {
        try Row.fetchAll(db, sql: "SELECT \(columns) FROM sources ORDER BY name").compactMap { record($0, org: org) }
    }

    /// Records a new source; a taken name is a conflict.
    static func insert(_ record: SourceRecord, _ db: Database) throws {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM sources WHERE name = ?", arguments: [record.info.name]) == true {
            throw BulkheadError.conflict("a source named '\(record.info.name)' already exists")
        }
        try db.execute(sql: """
            INSERT INTO sources (id, name, kind, location, resolved_location, packaged, sealed_secret, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                record.info.id.rawValue, record.info.name, record.info.kind.rawValue, record.info.location,
                record.resolvedLocation, record.packaged, record.sealedSecret, record.info.createdBy.rawValue, record.info.createdAt,
            ])
    }

    /// Forgets a source.
    static func delete(_ id: SourceID, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM sources WHERE id = ?", arguments: [id.rawValue])
    }

    private static func record(_ row: Row, org: OrgID) -> SourceRecord? {
        guard let id = SourceID(rawValue: row["id"]), let kind = SourceKind(rawValue: row["kind"]),
              let createdBy = UserID(rawValue: row["created_by"]) else { return nil }
        let info = SourceInfo(id: id, name: row["name"], kind: kind, location: row["location"], createdBy: createdBy, createdAt: row["created_at"])
        return SourceRecord(info: info, owner: org, resolvedLocation: row["resolved_location"], packaged: row["packaged"],
                            sealedSecret: row["sealed_secret"])
    }
}
