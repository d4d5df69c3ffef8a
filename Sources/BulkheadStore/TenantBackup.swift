import Foundation
import Crypto
import GRDB
import Logging
import BulkheadCore

/// Backup and restore of one organization's database, and nothing else.
///
/// A backup file is a one-line JSON header (org id, schema version, SHA-256 and size of the
/// payload) followed by the bytes of an SQLite online backup. A restore checks, in order: the
/// header, the org (only into the same org), the version, the checksum, SQLite's own integrity
/// check, the stamp inside the file and that every row of every table carries the org. Only
/// then does it swap the new file in, with a rename, so a failed restore leaves the current data
/// exactly as it was.
public struct TenantBackup: Sendable {
    /// What the first line of a backup file says about the payload.
    public struct Header: Codable, Sendable, Equatable {
        public let format: String
        public let orgID: String
        public let schemaVersion: String
        public let sha256: String
        public let bytes: Int
        public let createdAt: Date

        enum CodingKeys: String, CodingKey {
            case format, bytes
            case orgID = "org_id"
            case schemaVersion = "schema_version"
            case sha256
            case createdAt = "created_at"
        }
    }

    static let format = "bulkhead-backup-1"
    private let tenants: TenantDatabases
    private let events: any SecurityEventRecorder
    private let clock: any Clock
    private let logger = Logger(label: "bulkhead.backup")

    public init(tenants: TenantDatabases, events: any SecurityEventRecorder, clock: any Clock) {
        self.tenants = tenants
        self.events = events
        self.clock = clock
    }

    /// Writes a backup of the principal's org to `file` (org admins only).
    @discardableResult
    public func backup(_ principal: Principal, to file: URL) throws -> Header {
        try principal.requireAdmin()
        // Resolve the destination's folder, so neither `..` nor a symlink can aim the file into the home.
        let folder = file.deletingLastPathComponent().standardizedFileURL.resolvingSymlinksInPath()
        let destination = folder.appendingPathComponent(file.lastPathComponent)
        guard !tenants.workspace.contains(folder), !tenants.workspace.contains(destination) else {
            throw BulkheadError.invalidInput("a backup cannot be written inside the Bulkhead home")
        }
        let database = try tenants.database(for: principal)
        let scratch = try scratchURL(for: principal.orgID, suffix: "backup")
        defer { removeDatabaseFiles(at: scratch) }
        let payload: Data
        do {
            let copy = try DatabaseQueue(path: scratch.path)
            try database.pool.backup(to: copy)
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
            payload = try Data(contentsOf: scratch)
        } catch {
            throw BulkheadError.internalFailure(code: "backup-copy")
        }
        let header = Header(format: Self.format, orgID: principal.orgID.rawValue, schemaVersion: TenantSchema.version,
                            sha256: Self.hex(SHA256.hash(data: payload)), bytes: payload.count, createdAt: clock.now())
        var out = try Self.encoder.encode(header)
        out.append(0x0A)
        out.append(payload)
        do {
            try out.write(to: destination, options: .atomic)
            chmod(destination.path, 0o600)
        } catch {
            throw BulkheadError.invalidInput("cannot write the backup file")
        }
        logger.info("backup written", metadata: ["org": "\(principal.orgID)", "bytes": "\(payload.count)"])
        return header
    }

    /// Replaces the principal's org data with the backup in `file`, after every check passes (org admins only).
    @discardableResult
    public func restore(_ principal: Principal, from file: URL) throws -> Header {
        try principal.requireAdmin()
        let org = principal.orgID
        guard let contents = try? Data(contentsOf: file) else {
            throw BulkheadError.notFound(kind: "backup file", name: file.lastPathComponent)
        }
        let (header, payload) = try parse(contents, org: org)
        guard header.orgID == org.rawValue else {
            refuse(org, "backup of another org")
            throw BulkheadError.integrity("this backup belongs to another organization")
        }
        guard TenantSchema.migrations(for: org).contains(where: { $0.id == header.schemaVersion }) else {
            refuse(org, "unknown schema version")
            throw BulkheadError.integrity("the backup's schema version is not one this Bulkhead knows")
        }
        guard payload.count == header.bytes, Self.hex(SHA256.hash(data: payload)) == header.sha256 else {
            refuse(org, "checksum mismatch")
            throw BulkheadError.integrity("the backup's checksum does not match its contents")
        }
        let staged = try scratchURL(for: org, suffix: "restore")
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
        // Everything checked: swap the file in. The pool is closed first so no connection writes to the old inode.
        let target = tenants.workspace.tenantDatabaseURL(for: org)
        tenants.evict(org: org)
        removeSidecars(of: target)
        guard rename(staged.path, target.path) == 0 else {
            removeDatabaseFiles(at: staged)
            throw BulkheadError.internalFailure(code: "restore-swap")
        }
        _ = try tenants.database(org: org)
        logger.info("backup restored", metadata: ["org": "\(org)"])
        return header
    }

    func parse(_ contents: Data, org: OrgID) throws -> (Header, Data) {
        guard let newline = contents.firstIndex(of: 0x0A),
              let header = try? Self.decoder.decode(Header.self, from: contents[contents.startIndex..<newline]),
              header.format == Self.format else {
            refuse(org, "not a backup file")
            throw BulkheadError.integrity("this is not a Bulkhead backup file")
        }
        return (header, Data(contents[contents.index(after: newline)...]))
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

    private func refuse(_ org: OrgID, _ detail: String) {
        events.record(SecurityEvent(kind: "restore_refused", orgID: org, detail: detail))
    }

    func scratchURL(for org: OrgID, suffix: String) throws -> URL {
        tenants.workspace.tenantsDirectory.appendingPathComponent(".\(org.rawValue).\(suffix).\(UUID().uuidString).db")
    }

    private func removeSidecars(of url: URL) {
        for extra in ["-wal", "-shm"] { unlink(url.path + extra) }
    }

    func removeDatabaseFiles(at url: URL) {
        unlink(url.path)
        removeSidecars(of: url)
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
