import BulkheadCore
import Foundation
import GRDB

/// Which org has connected which resolved file, so no org can connect a file another org has.
///
/// Folders are granted by the operator and never overlap across orgs (``FolderGrants``), but a
/// file can still be reached twice (a grant revoked and given to another org, a hard link made
/// before a grant), so a connected file is claimed, and the first org to connect it keeps it. The
/// claims file lives in the home (0600), is never shown to a tenant, and a refusal caused by it
/// reads exactly like any other path refusal.
final class SourceClaims: Sendable {
    private let queue: DatabaseQueue

    init(url: URL) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        queue = try DatabaseQueue(path: url.path, configuration: configuration)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS claims (
                    resolved_path TEXT PRIMARY KEY NOT NULL,
                    org_id TEXT NOT NULL,
                    source_id TEXT NOT NULL
                );
                """)
        }
        chmod(url.path, 0o600)
    }

    /// Records that `org` connects `path` as `source`; refuses when another org holds it.
    func claim(_ path: String, org: OrgID, source: SourceID) throws {
        try queue.write { db in
            if let holder = try String.fetchOne(db, sql: "SELECT org_id FROM claims WHERE resolved_path = ?", arguments: [path]),
               holder != org.rawValue {
                throw SourcePathPolicy.refusal
            }
            try db.execute(sql: "INSERT OR IGNORE INTO claims (resolved_path, org_id, source_id) VALUES (?, ?, ?)",
                           arguments: [path, org.rawValue, source.rawValue])
        }
    }

    /// Throws the path refusal when `path` is claimed by an org other than `org`.
    func check(_ path: String, org: OrgID) throws {
        let holders = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT org_id FROM claims WHERE resolved_path = ?", arguments: [path])
        }
        if holders.contains(where: { $0 != org.rawValue }) { throw SourcePathPolicy.refusal }
    }

    /// Forgets every claim of one org (when the org is deleted).
    func release(org: OrgID) throws {
        try queue.write { db in try db.execute(sql: "DELETE FROM claims WHERE org_id = ?", arguments: [org.rawValue]) }
    }

    /// Forgets the claims of one source.
    func release(source: SourceID, org: OrgID) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM claims WHERE source_id = ? AND org_id = ?", arguments: [source.rawValue, org.rawValue])
        }
    }
}
