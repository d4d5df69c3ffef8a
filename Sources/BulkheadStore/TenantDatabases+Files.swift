import BulkheadCore
import Foundation
import GRDB

/// Whole-file operations on tenant databases: backup copies, restored files, scratch files.
extension TenantDatabases {
    /// Copies the org's database into a new file at `url` (SQLite's online backup, one snapshot).
    func copy(org: OrgID, to url: URL) throws {
        let database = try database(org: org)
        do {
            let copy = try DatabaseQueue(path: url.path)
            try database.pool.backup(to: copy)
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
        } catch {
            throw BulkheadError.internalFailure(code: "backup-copy")
        }
    }

    /// Replaces the org's database file with the checked file at `url` (renamed into place, so the
    /// swap is all or nothing); its vector collections get new versions first.
    func swapIn(org: OrgID, from url: URL) throws {
        do {
            let queue = try DatabaseQueue(path: url.path)
            try queue.write { db in try Self.restampVectors(db) }
            try queue.close()
        } catch {
            throw BulkheadError.internalFailure(code: "restore-stamp")
        }
        // The pool is closed first so no connection writes to the old inode.
        let target = workspace.tenantDatabaseURL(for: org)
        evict(org: org)
        for extra in ["-wal", "-shm"] { unlink(target.path + extra) }
        guard rename(url.path, target.path) == 0 else { throw BulkheadError.internalFailure(code: "restore-swap") }
        _ = try database(org: org)
    }

    /// Gives every vector collection a new version stamp.
    static func restampVectors(_ db: Database) throws {
        for name in try String.fetchAll(db, sql: "SELECT name FROM vector_collections") {
            try db.execute(sql: "UPDATE vector_collections SET version = ? WHERE name = ?", arguments: [VersionChange.newStamp(), name])
        }
    }

    /// Makes an empty tenant-schema file for `org` at `url` (no stamp row), for a store that
    /// exports rows into it.
    package static func makeScratch(at url: URL, org: OrgID) throws -> DatabaseQueue {
        try DatabaseFiles.ensurePrivateFile(at: url)
        let queue = try DatabaseQueue(path: url.path)
        try migrate(queue, org: org)
        return queue
    }

    /// Migrates a checked backup payload at `url` to the current schema of `org`.
    package static func migrateFile(at url: URL, org: OrgID) throws {
        let queue = try DatabaseQueue(path: url.path)
        defer { try? queue.close() }
        try migrate(queue, org: org)
    }
}
