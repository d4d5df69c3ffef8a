import Foundation
import GRDB
import Logging
import BulkheadCore

/// The control-plane database (`control.db`), the SQLite ``ControlStore``: who exists, who belongs where, sessions and security events.
///
/// It holds no tenant data: no sources, notes, rows or prompts. Those live in each org's own file,
/// so a bug in a control-plane query can leak at most ids and names, never data.
public final class ControlDatabase: ControlStore {
    /// The GRDB pool; the auth service runs its queries through it.
    public let writer: DatabasePool
    private let clock: any Clock
    private let logger = Logger(label: "bulkhead.control")

    /// Opens (and migrates) the control database of `workspace`.
    public init(workspace: Workspace, clock: any Clock) throws {
        self.clock = clock
        do {
            try DatabaseFiles.ensurePrivateFile(at: workspace.controlDatabaseURL)
            writer = try DatabasePool(path: workspace.controlDatabaseURL.path, configuration: DatabaseFiles.configuration(label: "control"))
            try Self.migrator.migrate(writer)
        } catch let error as BulkheadError {
            throw error
        } catch {
            throw BulkheadError.internalFailure(code: "control-open")
        }
    }

    /// Records a security event. A failure to record is logged by code and swallowed, so it never hides the refusal.
    public func record(_ event: SecurityEvent) {
        do {
            try writer.write { db in try SQLiteControlTransaction(db: db).insertEvent(event, at: clock.now()) }
            logger.notice("security event", metadata: ["kind": "\(event.kind)", "org": "\(event.orgID?.rawValue ?? "-")"])
        } catch {
            logger.error("security event not recorded", metadata: ["kind": "\(event.kind)"])
        }
    }

    /// Runs `body` in one snapshot of `control.db` (the scope matters only to stores with row-level security).
    public func read<T>(_ scope: ControlScope, _ code: String, _ body: (any ControlTransaction) throws -> T) throws -> T {
        try guarded(code) { try writer.read { db in try body(SQLiteControlTransaction(db: db)) } }
    }

    /// Runs `body` in one write transaction of `control.db`; SQLite serializes writers across processes.
    public func write<T>(_ scope: ControlScope, _ code: String, _ body: (any ControlTransaction) throws -> T) throws -> T {
        try guarded(code) { try writer.write { db in try body(SQLiteControlTransaction(db: db)) } }
    }

    /// The security events recorded so far, oldest first (for the operator and tests).
    public func securityEvents(kind: String?) throws -> [SecurityEvent] {
        try guarded("events-read") {
            try writer.read { db in
                let rows: [Row]
                if let kind {
                    rows = try Row.fetchAll(db, sql: "SELECT * FROM security_events WHERE kind = ? ORDER BY id", arguments: [kind])
                } else {
                    rows = try Row.fetchAll(db, sql: "SELECT * FROM security_events ORDER BY id")
                }
                return rows.map { row in
                    SecurityEvent(kind: row["kind"], orgID: (row["org_id"] as String?).flatMap(OrgID.init(rawValue:)),
                                  userID: (row["user_id"] as String?).flatMap(UserID.init(rawValue:)), detail: row["detail"],
                                  actor: (row["actor"] as String?).flatMap(SecurityEvent.Actor.init(stored:)))
                }
            }
        }
    }

    /// Lets `BulkheadError` through and turns any other failure (whose text could carry SQL) into a coded one.
    private func guarded<T>(_ code: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as BulkheadError {
            throw error
        } catch {
            logger.error("control database failure", metadata: ["code": "\(code)"])
            throw BulkheadError.internalFailure(code: code)
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-control") { db in
            try db.execute(sql: """
                CREATE TABLE organizations (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE users (
                    id TEXT PRIMARY KEY NOT NULL,
                    email TEXT NOT NULL UNIQUE,
                    password_hash TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE memberships (
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                    role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
                    created_at DATETIME NOT NULL,
                    PRIMARY KEY (user_id, org_id)
                );
                CREATE TABLE sessions (
                    id TEXT PRIMARY KEY NOT NULL,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                    issued_at DATETIME NOT NULL,
                    expires_at DATETIME NOT NULL,
                    revoked_at DATETIME
                );
                CREATE TABLE login_failures (
                    email TEXT PRIMARY KEY NOT NULL,
                    count INTEGER NOT NULL,
                    last_failure_at DATETIME NOT NULL,
                    locked_until DATETIME
                );
                CREATE TABLE ssh_keys (
                    id TEXT PRIMARY KEY NOT NULL,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    fingerprint TEXT NOT NULL UNIQUE,
                    public_key TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE security_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at DATETIME NOT NULL,
                    kind TEXT NOT NULL,
                    org_id TEXT,
                    user_id TEXT,
                    detail TEXT NOT NULL
                );
                CREATE INDEX sessions_user ON sessions(user_id);
                CREATE INDEX security_events_kind ON security_events(kind);
                """)
        }
        registerAuthorization(in: &migrator)
        registerSSH(in: &migrator)
        registerClaimsAndHosts(in: &migrator)
        return migrator
    }
}
