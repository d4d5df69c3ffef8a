import Foundation
import Crypto
import GRDB
import Logging
import BulkheadCore

/// Backup and restore of one organization's tenant data, and nothing else, on either store.
///
/// A backup is a one-line JSON header (org id, schema version, SHA-256 and size of the payload,
/// and a MAC) followed by the payload: one SQLite file of the tenant schema holding the org's
/// rows (``TenantArchive`` makes it from the org's file, or from its PostgreSQL rows). The MAC is an HMAC-SHA256 under
/// the installation's backup key (`backup-hmac.key` in the home, 0600) over the header's fields
/// with the org bound in, so an edited backup, another org's backup and another installation's
/// backup are all refused, alike, before a byte of the payload is trusted. Then a restore
/// checks the version, the checksum, SQLite's own integrity check, the stamp inside the file and
/// that every row of every table carries the org, and only then hands the file to the store,
/// which replaces the org's data all at once, so a failed restore leaves it exactly as it was.
///
/// Backups are kept in the org's own area of the home (``BackupArea``) or streamed (`backup -`);
/// a tenant names a backup, never a path.
public struct TenantBackup: Sendable {
    private let archiver: any TenantArchive
    private let workspace: Workspace
    private let events: any SecurityEventRecorder
    private let clock: any Clock
    private let key: SymmetricKey
    /// The org's backup files.
    public let area: BackupArea
    /// Test seam: with authentication off, a restore skips the MAC and backup names are taken as
    /// paths (the red team's edited-backup and write-anywhere attacks work again).
    private let authenticate: Bool
    private let logger = Logger(label: "bulkhead.backup")

    /// The file in the home that holds the backup authentication key.
    public static let keyFileName = "backup-hmac.key"

    /// Opens backups of the data `archive` keeps, creating the installation's backup key in `workspace` on first use.
    public init(archive: any TenantArchive, workspace: Workspace, events: any SecurityEventRecorder, clock: any Clock) throws {
        try self.init(archive: archive, workspace: workspace, events: events, clock: clock, authenticate: true)
    }

    @_spi(Testing)
    public init(archive: any TenantArchive, workspace: Workspace, events: any SecurityEventRecorder, clock: any Clock,
                authenticate: Bool) throws {
        self.archiver = archive
        self.workspace = workspace
        self.events = events
        self.clock = clock
        self.authenticate = authenticate
        area = BackupArea(workspace: workspace, confined: authenticate)
        key = try PrivateKeyFile.loadOrCreate(
            at: workspace.privateFileURL(Self.keyFileName), in: workspace, purpose: "backup key",
            make: {
                let key = SymmetricKey(size: .bits256)
                return (key.withUnsafeBytes { Data($0) }, key)
            },
            decode: { $0.count == 32 ? SymmetricKey(data: $0) : nil }
        ).key
    }

    /// Makes a backup of the principal's org (org admins only) and returns its bytes.
    public func archive(_ principal: Principal) throws -> (header: Header, data: Data) {
        try principal.requireAdmin()
        let scratch = scratchURL(for: principal.orgID, suffix: "backup")
        defer { removeDatabaseFiles(at: scratch) }
        try archiver.export(principal, to: scratch)
        guard let payload = try? Data(contentsOf: scratch) else { throw BulkheadError.internalFailure(code: "backup-copy") }
        let org = principal.orgID.rawValue, sha = Self.hex(SHA256.hash(data: payload))
        let created = Date(timeIntervalSince1970: (clock.now().timeIntervalSince1970 * 1000).rounded() / 1000)
        let header = Header(format: Self.format, orgID: org, schemaVersion: TenantSchema.version, sha256: sha,
                            bytes: payload.count, createdAt: created,
                            mac: Self.mac(org: org, schemaVersion: TenantSchema.version, sha256: sha, bytes: payload.count,
                                          createdAt: created, key: key))
        var out: Data
        do { out = try Self.encoder.encode(header) } catch { throw BulkheadError.internalFailure(code: "backup-header") }
        out.append(0x0A)
        out.append(payload)
        logger.info("backup made", metadata: ["org": "\(principal.orgID)", "bytes": "\(payload.count)"])
        return (header, out)
    }

    /// Backs the principal's org up into its backup area as `name` (a new file; never an overwrite).
    @discardableResult
    public func backup(_ principal: Principal, named name: String) throws -> Header {
        try principal.requireAdmin()
        if authenticate { try checkName(name, principal, operation: "backup") }
        let (header, data) = try archive(principal)
        _ = try area.write(data, named: name, org: principal.orgID)
        return header
    }

    /// Restores the principal's org from the backup `name` of its own area (org admins only).
    @discardableResult
    public func restore(_ principal: Principal, named name: String) throws -> Header {
        try principal.requireAdmin()
        if authenticate { try checkName(name, principal, operation: "restore") }
        return try restore(principal, from: try area.read(named: name, org: principal.orgID))
    }

    /// Replaces the principal's org data with the backup `contents`, after every check passes (org admins only).
    @discardableResult
    public func restore(_ principal: Principal, from contents: Data) throws -> Header {
        try principal.requireAdmin()
        let org = principal.orgID
        let header: Header, payload: Data
        do {
            (header, payload) = try Self.parse(contents)
        } catch {
            refuse(org, "not a backup file")
            throw error
        }
        let expected = Self.mac(org: org.rawValue, schemaVersion: header.schemaVersion, sha256: header.sha256,
                                bytes: header.bytes, createdAt: header.createdAt, key: key)
        if authenticate {
            guard header.orgID == org.rawValue, Self.constantTimeEquals(expected, header.mac) else {
                refuse(org, "not authentic")
                throw Self.notAuthentic
            }
        }
        guard TenantSchema.migrations(for: org).contains(where: { $0.id == header.schemaVersion }) else {
            refuse(org, "unknown schema version")
            throw BulkheadError.integrity("the backup's schema version is not one this Bulkhead knows")
        }
        guard payload.count == header.bytes, Self.hex(SHA256.hash(data: payload)) == header.sha256 else {
            refuse(org, "checksum mismatch")
            throw BulkheadError.integrity("the backup's checksum does not match its contents")
        }
        let staged = scratchURL(for: org, suffix: "restore")
        do {
            try DatabaseFiles.ensurePrivateFile(at: staged)
            try payload.write(to: staged)
            try verifyInvariants(of: staged, org: org)
        } catch {
            removeDatabaseFiles(at: staged)
            if let safe = error as? BulkheadError { throw safe }
            refuse(org, "payload is not a valid database")
            throw BulkheadError.integrity("the backup does not hold a valid database")
        }
        // Everything checked: the store replaces the org's data with the file's rows, all at once.
        defer { removeDatabaseFiles(at: staged) }
        do {
            try TenantDatabases.migrateFile(at: staged, org: org)
        } catch {
            throw BulkheadError.internalFailure(code: "restore-migrate")
        }
        try archiver.replace(principal, from: staged)
        logger.info("backup restored", metadata: ["org": "\(org)"])
        return header
    }

    /// The invariants a restored file must hold before it may replace live data.
    func verifyInvariants(of url: URL, org: OrgID) throws {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: url.path, configuration: config)
        defer { try? queue.close() }
        try queue.read { db in
            guard try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok" else {
                refuse(org, "integrity_check failed")
                throw BulkheadError.integrity("the backup's database is damaged")
            }
            guard try db.tableExists("tenant_meta"),
                  try String.fetchOne(db, sql: "SELECT org_id FROM tenant_meta WHERE singleton = 1") == org.rawValue else {
                refuse(org, "stamp mismatch")
                throw BulkheadError.integrity("the backup's stamp names another organization")
            }
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'")
            for table in tables {
                let columns = try db.columns(in: table).map(\.name)
                guard columns.contains("org_id") else {
                    refuse(org, "table without org column")
                    throw BulkheadError.integrity("the backup holds a table without an organization column")
                }
                let foreign = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.quotedDatabaseIdentifier) WHERE org_id IS NOT ?", arguments: [org.rawValue]) ?? 0
                guard foreign == 0 else {
                    refuse(org, "rows of another org")
                    throw BulkheadError.integrity("the backup holds rows of another organization")
                }
            }
        }
    }

    /// Refuses (and records) a backup name that is not a plain file name of the org's area.
    private func checkName(_ name: String, _ principal: Principal, operation: String) throws {
        do {
            _ = try BackupArea.validatedName(name)
        } catch {
            events.record(SecurityEvent(kind: "backup_refused", orgID: principal.orgID, userID: principal.userID,
                                        detail: "op=\(operation) reason=outside_area", actor: .user(principal.userID)))
            throw error
        }
    }

    private func refuse(_ org: OrgID, _ detail: String) {
        events.record(SecurityEvent(kind: "restore_refused", orgID: org, detail: detail))
    }

    func scratchURL(for org: OrgID, suffix: String) -> URL {
        workspace.tenantsDirectory.appendingPathComponent(".\(org.rawValue).\(suffix).\(UUID().uuidString).db")
    }

    private func removeSidecars(of url: URL) {
        for extra in ["-wal", "-shm"] { unlink(url.path + extra) }
    }

    func removeDatabaseFiles(at url: URL) {
        unlink(url.path)
        removeSidecars(of: url)
    }
}
