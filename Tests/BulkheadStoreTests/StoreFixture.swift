import Foundation
import GRDB
import PostgresNIO
import BulkheadCore
import BulkheadPostgres
import BulkheadPostgresKit
import BulkheadTestBackends
@testable import BulkheadStore

/// A throwaway home with two orgs, Acme and Globex, each with a note, on one of the two stores.
final class StoreFixture: @unchecked Sendable {
    let backend: TestBackend
    let home: URL
    /// A folder beside the home, for files that must not live in it (backups).
    let outside: URL
    let workspace: Workspace
    let clock = ManualClock()
    let opened: TestStores
    let acme = OrgID(rawValue: "org-acme")!
    let globex = OrgID(rawValue: "org-globex")!

    var stores: Stores { opened.stores }
    var control: any ControlStore { stores.control }
    /// The SQLite files (SQLite only).
    var tenants: TenantDatabases { stores.files! }

    /// A fixture on `backend`; with `sharing`, in that fixture's home (the same installation keys), on a store of its own.
    init(_ backend: TestBackend = .sqlite, sharing: StoreFixture? = nil) throws {
        self.backend = backend
        ownsHome = sharing == nil
        home = sharing?.home ?? FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-store-\(UUID().uuidString)")
        outside = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-store-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        workspace = try Workspace(root: home)
        opened = try backend.open(workspace: workspace, clock: clock)
        for (org, text) in [(acme, "ACME-CANARY-store"), (globex, "GLOBEX-CANARY-store")] {
            try control.write(.operator, "test-org") { try $0.insertOrganization(org, name: org.rawValue, at: Date()) }
            try stores.tenants.create(org: org)
            try addNote(org, id: "n1", text: text)
        }
    }

    private let ownsHome: Bool

    deinit {
        if ownsHome { try? FileManager.default.removeItem(at: home) }
        try? FileManager.default.removeItem(at: outside)
    }

    func principal(_ org: OrgID, role: Role = .admin) -> Principal {
        Principal(userID: UserID(rawValue: "usr-\(org.rawValue)")!, email: "x@\(org.rawValue).test", orgID: org,
                  orgName: org.rawValue, role: role, sessionID: SessionID(rawValue: "ses-1")!, expiresAt: .distantFuture)
    }

    /// Writes a note row straight into the org's store, as the org.
    func addNote(_ org: OrgID, id: String, text: String) throws {
        let principal = principal(org)
        switch backend {
        case .sqlite:
            try tenants.database(for: principal).write { db in
                try db.execute(sql: "INSERT INTO notes (id, text, created_by, created_at) VALUES (?, ?, 'usr-x', ?)",
                               arguments: [id, text, Date()])
            }
        case .postgres:
            let now = Date()
            _ = try opened.postgres!.waitTransaction(.tenant(principal)) { connection in
                try await connection.query("INSERT INTO bulkhead.notes (id, text, created_by, created_at) VALUES (\(id), \(text), 'usr-x', \(now))",
                                           logger: PostgresLog.quiet)
            }
        }
    }

    /// Deletes the org's notes straight in its store, as the org.
    func deleteNotes(_ org: OrgID) throws {
        let principal = principal(org)
        switch backend {
        case .sqlite:
            try tenants.database(for: principal).write { db in try db.execute(sql: "DELETE FROM notes") }
        case .postgres:
            _ = try opened.postgres!.waitTransaction(.tenant(principal)) { connection in
                try await connection.query("DELETE FROM bulkhead.notes", logger: PostgresLog.quiet)
            }
        }
    }

    /// The org's note texts, by id.
    func notes(_ org: OrgID) throws -> [String] {
        let principal = principal(org)
        switch backend {
        case .sqlite:
            return try tenants.database(for: principal).read { db in try String.fetchAll(db, sql: "SELECT text FROM notes ORDER BY id") }
        case .postgres:
            return try opened.postgres!.waitTransaction(.tenant(principal)) { connection in
                try await connection.query("SELECT text FROM bulkhead.notes ORDER BY id", logger: PostgresLog.quiet).collect()
                    .map { try $0.decode(String.self) }
            }
        }
    }
}
