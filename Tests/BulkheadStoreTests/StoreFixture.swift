import Foundation
import GRDB
import BulkheadCore
@testable import BulkheadStore

/// A throwaway workspace with two stamped orgs, Acme and Globex, each with a note.
final class StoreFixture: @unchecked Sendable {
    let home: URL
    /// A folder beside the home, for files that must not live in it (backups).
    let outside: URL
    let workspace: Workspace
    let clock = ManualClock()
    let control: ControlDatabase
    let tenants: TenantDatabases
    let acme = OrgID(rawValue: "org-acme")!
    let globex = OrgID(rawValue: "org-globex")!

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-store-\(UUID().uuidString)")
        outside = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-store-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        workspace = try Workspace(root: home)
        control = try ControlDatabase(workspace: workspace, clock: clock)
        tenants = TenantDatabases(workspace: workspace, events: control, clock: clock)
        for (org, text) in [(acme, "ACME-CANARY-store"), (globex, "GLOBEX-CANARY-store")] {
            let db = try tenants.create(org: org)
            try db.write { db in
                try db.execute(sql: "INSERT INTO notes (id, text, created_by, created_at) VALUES ('n1', ?, 'usr-x', ?)",
                               arguments: [text, Date()])
            }
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: home)
        try? FileManager.default.removeItem(at: outside)
    }

    func principal(_ org: OrgID, role: Role = .admin) -> Principal {
        Principal(userID: UserID(rawValue: "usr-\(org.rawValue)")!, email: "x@\(org.rawValue).test", orgID: org,
                  orgName: org.rawValue, role: role, sessionID: SessionID(rawValue: "ses-1")!, expiresAt: .distantFuture)
    }

    func notes(_ org: OrgID) throws -> [String] {
        try tenants.database(for: principal(org)).read { db in try String.fetchAll(db, sql: "SELECT text FROM notes ORDER BY id") }
    }
}
