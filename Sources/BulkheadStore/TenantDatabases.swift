import Foundation
import GRDB
import GRDBSQLite
import Logging
import Synchronization
import BulkheadCore

/// Opens organizations' databases; one object serves every org in the process.
///
/// The file is chosen from the org inside a verified `Principal`, never from input. Every
/// open checks the stamp inside the file against the org it was opened for, so a file copied
/// or renamed over another org's is refused (and reported) instead of served.
public final class TenantDatabases: Sendable {
    private struct Entry: Sendable {
        let pool: DatabasePool
        let generation: Int
    }

    /// The workspace whose `tenants/` folder holds the files.
    public let workspace: Workspace
    private let events: any SecurityEventRecorder
    private let clock: any Clock
    private let open = Mutex<[OrgID: Entry]>([:])
    private let generations = Mutex<[OrgID: Int]>([:])
    private let logger = Logger(label: "bulkhead.tenants")

    public init(workspace: Workspace, events: any SecurityEventRecorder, clock: any Clock) {
        self.workspace = workspace
        self.events = events
        self.clock = clock
    }

    /// The database of the principal's own org; the only door to tenant data for services.
    public func database(for principal: Principal) throws -> TenantDatabase {
        try database(org: principal.orgID)
    }

    /// Makes and stamps the database of a new org. Fails if the org already has one.
    package func create(org: OrgID) throws -> TenantDatabase {
        let url = workspace.tenantDatabaseURL(for: org)
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw BulkheadError.conflict("the organization already has a database")
        }
        do {
            try DatabaseFiles.ensurePrivateFile(at: url)
            let pool = try Self.openPool(at: url, org: org)
            try Self.migrate(pool, org: org)
            try pool.write { db in
                try db.execute(sql: "INSERT INTO tenant_meta (singleton, org_id, created_at) VALUES (1, ?, ?)",
                               arguments: [org.rawValue, clock.now()])
            }
            try pool.close()
        } catch let error as BulkheadError {
            throw error
        } catch {
            logger.error("tenant create failed", metadata: ["org": "\(org)"])
            throw BulkheadError.internalFailure(code: "tenant-create")
        }
        return try database(org: org)
    }

    /// Opens (or reuses) the database of `org`, checking its stamp. Package-internal: services go through a principal.
    package func database(org: OrgID) throws -> TenantDatabase {
        if let entry = open.withLock({ $0[org] }) {
            return TenantDatabase(orgID: org, generation: entry.generation, pool: entry.pool)
        }
        let url = workspace.tenantDatabaseURL(for: org)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw BulkheadError.notFound(kind: "organization database", name: org.rawValue)
        }
        let pool: DatabasePool
        do {
            pool = try Self.openPool(at: url, org: org)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            // A file that does not even read as this org's database (another file copied over it,
            // beside this one's journal) fails the same check as a wrong stamp.
            events.record(SecurityEvent(kind: "tenant_stamp_mismatch", orgID: org, detail: "the file does not read as the org's database"))
            logger.error("tenant file unreadable", metadata: ["org": "\(org)"])
            throw BulkheadError.integrity("the organization's database does not carry its stamp")
        } catch {
            throw BulkheadError.internalFailure(code: "tenant-open")
        }
        try checkStamp(pool, org: org)
        do {
            try Self.migrate(pool, org: org)
        } catch {
            throw BulkheadError.internalFailure(code: "tenant-migrate")
        }
        let generation = generations.withLock { $0[org, default: 0] }
        let entry = open.withLock { table -> Entry in
            if let existing = table[org] { return existing }
            let made = Entry(pool: pool, generation: generation)
            table[org] = made
            return made
        }
        if entry.pool !== pool { try? pool.close() }
        return TenantDatabase(orgID: org, generation: entry.generation, pool: entry.pool)
    }

    /// Closes the org's pool and bumps its generation; used before a file is replaced.
    package func evict(org: OrgID) {
        let entry = open.withLock { $0.removeValue(forKey: org) }
        generations.withLock { $0[org, default: 0] += 1 }
        try? entry?.pool.close()
    }

    private func checkStamp(_ pool: DatabasePool, org: OrgID) throws {
        let stamped: String?
        do {
            stamped = try pool.read { db -> String? in
                guard try db.tableExists("tenant_meta") else { return nil }
                return try String.fetchOne(db, sql: "SELECT org_id FROM tenant_meta WHERE singleton = 1")
            }
        } catch {
            stamped = nil
        }
        guard stamped == org.rawValue else {
            try? pool.close()
            events.record(SecurityEvent(kind: "tenant_stamp_mismatch", orgID: org, detail: "stamp does not match the file's org"))
            logger.error("tenant stamp mismatch", metadata: ["org": "\(org)"])
            throw BulkheadError.integrity("the organization's database does not carry its stamp")
        }
    }

    static func openPool(at url: URL, org: OrgID) throws -> DatabasePool {
        var config = DatabaseFiles.configuration(label: "tenant")
        config.prepareDatabase { db in
            // No tenant connection may reach another file, whatever SQL runs on it.
            sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_ATTACHED, 0)
        }
        return try DatabasePool(path: url.path, configuration: config)
    }

    static func migrate(_ writer: some DatabaseWriter, org: OrgID) throws {
        var migrator = DatabaseMigrator()
        for step in TenantSchema.migrations(for: org) {
            migrator.registerMigration(step.id) { db in try db.execute(sql: step.sql) }
        }
        try migrator.migrate(writer)
    }
}
