import BulkheadCore
import Foundation
import GRDB

/// Which org has connected which resolved file, and which org allowed which folder, so no org can
/// connect a file another org has, nor reach into another org's folder.
///
/// Folders: an org may not allow a folder that is, contains or lies inside another org's allowed
/// folder. Otherwise Acme's admin could allow Globex's folder and connect a file Globex put there
/// but has not connected yet. Folders allowed before folders were claimed are claimed when a
/// source under them is added, with the same rule. Files: a connected file is claimed, so even
/// folders that overlap (from before) cannot hand another org's source over. The claims file is
/// the one place that knows, across orgs and across processes, who came first. It lives in the
/// home (0600), is never shown to a tenant, and a refusal caused by it reads exactly like any
/// other path refusal.
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
                CREATE TABLE IF NOT EXISTS root_claims (
                    resolved_root TEXT PRIMARY KEY NOT NULL,
                    org_id TEXT NOT NULL
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

    /// Records that `org` allows folder `root`; throws `refusal` when it is, contains or lies
    /// inside a folder another org allowed.
    func claimRoot(_ root: String, org: OrgID, refusal: BulkheadError = SourcePathPolicy.rootRefusal) throws {
        try queue.write { db in
            let others = try String.fetchAll(db, sql: "SELECT resolved_root FROM root_claims WHERE org_id != ?",
                                             arguments: [org.rawValue])
            for other in others where SourcePathPolicy.isInside(root, other) || SourcePathPolicy.isInside(other, root) {
                throw refusal
            }
            try db.execute(sql: "INSERT OR IGNORE INTO root_claims (resolved_root, org_id) VALUES (?, ?)",
                           arguments: [root, org.rawValue])
        }
    }

    /// Claims (or confirms) each of `roots` that holds `path`, for folders allowed before folders
    /// were claimed; throws the path refusal when one of them overlaps another org's folder.
    func claimRoots(holding path: String, roots: [String], org: OrgID) throws {
        for root in roots where SourcePathPolicy.isInside(path, root) {
            try claimRoot(root, org: org, refusal: SourcePathPolicy.refusal)
        }
    }

    /// Throws the path refusal when `path` is claimed by an org other than `org`.
    func check(_ path: String, org: OrgID) throws {
        let holders = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT org_id FROM claims WHERE resolved_path = ?", arguments: [path])
        }
        if holders.contains(where: { $0 != org.rawValue }) { throw SourcePathPolicy.refusal }
    }

    /// Forgets the claims of one source.
    func release(source: SourceID, org: OrgID) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM claims WHERE source_id = ? AND org_id = ?", arguments: [source.rawValue, org.rawValue])
        }
    }
}
