import BulkheadCore
import Foundation
import GRDB

/// Folder grants, host grants, source claims and security events on `control.db`.
extension SQLiteControlTransaction {
    func folders(of org: OrgID) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT resolved_path FROM folder_grants WHERE org_id = ? ORDER BY resolved_path",
                            arguments: [org.rawValue])
    }

    func folderGrants() throws -> [(path: String, org: OrgID)] {
        try Row.fetchAll(db, sql: "SELECT resolved_path, org_id FROM folder_grants ORDER BY resolved_path").compactMap { row in
            OrgID(rawValue: row["org_id"]).map { (row["resolved_path"], $0) }
        }
    }

    func insertFolderGrant(_ path: String, org: OrgID, by grantor: OperatorID, at: Date) throws {
        try db.execute(sql: """
            INSERT INTO folder_grants (resolved_path, org_id, granted_by, granted_at) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, arguments: [path, org.rawValue, grantor.rawValue, at])
    }

    func deleteFolderGrant(_ path: String, org: OrgID) throws -> Bool {
        try db.execute(sql: "DELETE FROM folder_grants WHERE resolved_path = ? AND org_id = ?", arguments: [path, org.rawValue])
        return db.changesCount > 0
    }

    func claimHolders(_ path: String) throws -> [OrgID] {
        try String.fetchAll(db, sql: "SELECT org_id FROM source_claims WHERE resolved_path = ?", arguments: [path])
            .compactMap(OrgID.init(rawValue:))
    }

    func insertClaim(_ path: String, org: OrgID, source: String) throws {
        try db.execute(sql: "INSERT INTO source_claims (resolved_path, org_id, source_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                       arguments: [path, org.rawValue, source])
    }

    func deleteClaims(org: OrgID) throws {
        try db.execute(sql: "DELETE FROM source_claims WHERE org_id = ?", arguments: [org.rawValue])
    }

    func deleteClaims(source: String, org: OrgID) throws {
        try db.execute(sql: "DELETE FROM source_claims WHERE source_id = ? AND org_id = ?", arguments: [source, org.rawValue])
    }

    func hosts(of org: OrgID) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT host FROM host_grants WHERE org_id = ? ORDER BY host", arguments: [org.rawValue])
    }

    func hostGrants() throws -> [(host: String, org: OrgID)] {
        try Row.fetchAll(db, sql: "SELECT host, org_id FROM host_grants ORDER BY host, org_id").compactMap { row in
            OrgID(rawValue: row["org_id"]).map { (row["host"], $0) }
        }
    }

    func insertHostGrant(_ host: String, org: OrgID, by grantor: OperatorID, at: Date) throws {
        try db.execute(sql: "INSERT INTO host_grants (org_id, host, granted_by, granted_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                       arguments: [org.rawValue, host, grantor.rawValue, at])
    }

    func deleteHostGrant(_ host: String, org: OrgID) throws -> Bool {
        try db.execute(sql: "DELETE FROM host_grants WHERE org_id = ? AND host = ?", arguments: [org.rawValue, host])
        return db.changesCount > 0
    }

    func insertEvent(_ event: SecurityEvent, at: Date) throws {
        try db.execute(sql: "INSERT INTO security_events (at, kind, org_id, user_id, detail, actor) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [at, event.kind, event.orgID?.rawValue, event.userID?.rawValue, event.detail, event.actor?.description])
    }
}
