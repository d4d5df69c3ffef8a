import Foundation
import Testing
import GRDB
import BulkheadCore
@testable import BulkheadStore

@Suite struct TenantDatabaseTests {
    @Test func homeAndFilesArePrivate() throws {
        let f = try StoreFixture()
        let mode = { (path: String) -> Int in
            ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int ?? -1) & 0o777
        }
        #expect(mode(f.workspace.root.path) == 0o700)
        #expect(mode(f.workspace.tenantsDirectory.path) == 0o700)
        #expect(mode(f.workspace.controlDatabaseURL.path) == 0o600)
        #expect(mode(f.workspace.tenantDatabaseURL(for: f.acme).path) == 0o600)
    }

    @Test func eachPrincipalReachesOnlyItsOwnFile() throws {
        let f = try StoreFixture()
        #expect(try f.notes(f.acme) == ["ACME-CANARY-store"])
        #expect(try f.notes(f.globex) == ["GLOBEX-CANARY-store"])
    }

    @Test func globexFileCopiedOverAcmeIsRefusedAndReported() throws {
        let f = try StoreFixture()
        let acmeURL = f.workspace.tenantDatabaseURL(for: f.acme)
        let globexURL = f.workspace.tenantDatabaseURL(for: f.globex)
        // A fresh process view: nothing cached yet.
        let tenants = TenantDatabases(workspace: f.workspace, events: f.control, clock: f.clock)
        _ = try tenants.database(for: f.principal(f.globex))
        tenants.evict(org: f.globex)
        try FileManager.default.removeItem(at: acmeURL)
        try FileManager.default.copyItem(at: globexURL, to: acmeURL)
        #expect(throws: BulkheadError.integrity("the organization's database does not carry its stamp")) {
            _ = try tenants.database(for: f.principal(f.acme))
        }
        #expect(try f.control.securityEvents(kind: "tenant_stamp_mismatch").contains { $0.orgID == f.acme })
    }

    @Test func attachIsDisabledOnTenantConnections() throws {
        let f = try StoreFixture()
        let db = try f.tenants.database(for: f.principal(f.acme))
        let other = f.workspace.tenantDatabaseURL(for: f.globex).path
        #expect(throws: DatabaseError.self) {
            try db.write { db in try db.execute(sql: "ATTACH DATABASE ? AS b", arguments: [other]) }
        }
    }

    @Test func aRowOfAnotherOrgIsRefusedByTheFile() throws {
        let f = try StoreFixture()
        let db = try f.tenants.database(for: f.principal(f.acme))
        #expect(throws: DatabaseError.self) {
            try db.write { db in
                try db.execute(sql: "INSERT INTO notes (id, org_id, text, created_by, created_at) VALUES ('n2', 'org-globex', 'x', 'u', ?)",
                               arguments: [Date()])
            }
        }
        #expect(throws: DatabaseError.self) {
            try db.write { db in try db.execute(sql: "UPDATE notes SET org_id = 'org-globex'") }
        }
        #expect(try f.notes(f.acme) == ["ACME-CANARY-store"])
    }

    @Test func creatingAnExistingOrgFails() throws {
        let f = try StoreFixture()
        #expect(throws: BulkheadError.self) { _ = try f.tenants.create(org: f.acme) }
    }

    @Test func homeResolutionFollowsTheContract() {
        let user = URL(fileURLWithPath: "/srv/u")
        #expect(Workspace.resolveRoot(option: "/x", environment: ["BULKHEAD_HOME": "/y"], userHome: user).path == "/x")
        #expect(Workspace.resolveRoot(option: nil, environment: ["BULKHEAD_HOME": "/y"], userHome: user).path == "/y")
        #expect(Workspace.resolveRoot(option: nil, environment: ["XDG_DATA_HOME": "/d"], userHome: user).path == "/d/bulkhead")
        #expect(Workspace.resolveRoot(option: nil, environment: [:], userHome: user).path == "/srv/u/.local/share/bulkhead")
    }
}
