import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Foundation
import PostgresNIO

/// Folder grants, host grants, source claims and security events on PostgreSQL.
extension PostgresControlTransaction {
    func folders(of org: OrgID) throws -> [String] {
        try rows("SELECT resolved_path FROM bulkhead.folder_grants WHERE org_id = \(org.rawValue) ORDER BY resolved_path")
            .map { try $0.decode(String.self) }
    }

    func folderGrants() throws -> [(path: String, org: OrgID)] {
        try pairs("SELECT resolved_path, org_id FROM bulkhead.folder_grants ORDER BY resolved_path")
    }

    func insertFolderGrant(_ path: String, org: OrgID, by grantor: OperatorID, at: Date) throws {
        try pin.execute("""
            INSERT INTO bulkhead.folder_grants (resolved_path, org_id, granted_by, granted_at)
            VALUES (\(path), \(org.rawValue), \(grantor.rawValue), \(at)) ON CONFLICT DO NOTHING
            """)
    }

    func deleteFolderGrant(_ path: String, org: OrgID) throws -> Bool {
        try any("DELETE FROM bulkhead.folder_grants WHERE resolved_path = \(path) AND org_id = \(org.rawValue) RETURNING 1")
    }

    func claimHolders(_ path: String) throws -> [OrgID] {
        try rows("SELECT org_id FROM bulkhead.source_claims WHERE resolved_path = \(path)").compactMap { OrgID(rawValue: try $0.decode(String.self)) }
    }

    func insertClaim(_ path: String, org: OrgID, source: String) throws {
        try pin.execute("""
            INSERT INTO bulkhead.source_claims (resolved_path, org_id, source_id) VALUES (\(path), \(org.rawValue), \(source)) ON CONFLICT DO NOTHING
            """)
    }

    func deleteClaims(org: OrgID) throws {
        try pin.execute("DELETE FROM bulkhead.source_claims WHERE org_id = \(org.rawValue)")
    }

    func deleteClaims(source: String, org: OrgID) throws {
        try pin.execute("DELETE FROM bulkhead.source_claims WHERE source_id = \(source) AND org_id = \(org.rawValue)")
    }

    func hosts(of org: OrgID) throws -> [String] {
        try rows("SELECT host FROM bulkhead.host_grants WHERE org_id = \(org.rawValue) ORDER BY host").map { try $0.decode(String.self) }
    }

    func hostGrants() throws -> [(host: String, org: OrgID)] {
        try pairs("SELECT host, org_id FROM bulkhead.host_grants ORDER BY host, org_id")
    }

    func insertHostGrant(_ host: String, org: OrgID, by grantor: OperatorID, at: Date) throws {
        try pin.execute("""
            INSERT INTO bulkhead.host_grants (org_id, host, granted_by, granted_at) VALUES (\(org.rawValue), \(host), \(grantor.rawValue), \(at))
            ON CONFLICT DO NOTHING
            """)
    }

    func deleteHostGrant(_ host: String, org: OrgID) throws -> Bool {
        try any("DELETE FROM bulkhead.host_grants WHERE org_id = \(org.rawValue) AND host = \(host) RETURNING 1")
    }

    func insertEvent(_ event: SecurityEvent, at: Date) throws {
        try pin.execute("""
            INSERT INTO bulkhead.security_events (at, kind, org_id, user_id, detail, actor)
            VALUES (\(at), \(event.kind), \(event.orgID?.rawValue), \(event.userID?.rawValue), \(event.detail), \(event.actor?.description))
            """)
    }

    /// Rows of (text, org id), skipping any whose org id does not parse.
    private func pairs(_ query: PostgresQuery) throws -> [(String, OrgID)] {
        try rows(query).compactMap { row in
            let (text, org) = try row.decode((String, String).self)
            return OrgID(rawValue: org).map { (text, $0) }
        }
    }
}
