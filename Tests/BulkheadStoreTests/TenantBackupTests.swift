import Foundation
import Testing
import GRDB
import BulkheadCore
@testable import BulkheadStore

@Suite struct TenantBackupTests {
    /// Backups go outside the home: the home refuses them.
    private func backupFile(_ f: StoreFixture, _ name: String) -> URL {
        f.outside.appendingPathComponent(name)
    }

    @Test func roundTripRestoresTheOrgsData() throws {
        let f = try StoreFixture()
        let backups = TenantBackup(tenants: f.tenants, events: f.control, clock: f.clock)
        let file = backupFile(f, "acme.bak")
        let header = try backups.backup(f.principal(f.acme), to: file)
        #expect(header.orgID == f.acme.rawValue)
        #expect(header.schemaVersion == TenantSchema.version)
        try f.tenants.database(for: f.principal(f.acme)).write { db in try db.execute(sql: "DELETE FROM notes") }
        #expect(try f.notes(f.acme).isEmpty)
        try backups.restore(f.principal(f.acme), from: file)
        #expect(try f.notes(f.acme) == ["ACME-CANARY-store"])
        #expect(try f.tenants.database(for: f.principal(f.acme)).generation == 1)
    }

    @Test func globexBackupIsRefusedByAcme() throws {
        let f = try StoreFixture()
        let backups = TenantBackup(tenants: f.tenants, events: f.control, clock: f.clock)
        let file = backupFile(f, "globex.bak")
        try backups.backup(f.principal(f.globex), to: file)
        #expect(throws: BulkheadError.integrity("this backup belongs to another organization")) {
            try backups.restore(f.principal(f.acme), from: file)
        }
        #expect(try f.notes(f.acme) == ["ACME-CANARY-store"])
        #expect(try f.control.securityEvents(kind: "restore_refused").count == 1)
    }

    @Test func globexBackupRelabelledAsAcmeIsRefusedByTheStamp() throws {
        let f = try StoreFixture()
        let backups = TenantBackup(tenants: f.tenants, events: f.control, clock: f.clock)
        let file = backupFile(f, "globex.bak")
        try backups.backup(f.principal(f.globex), to: file)
        // Rewrite the header so it claims Acme (the checksum still matches the payload).
        let contents = try Data(contentsOf: file)
        let newline = contents.firstIndex(of: 0x0A)!
        var headerText = String(decoding: contents[..<newline], as: UTF8.self)
        headerText = headerText.replacingOccurrences(of: f.globex.rawValue, with: f.acme.rawValue)
        var forged = Data(headerText.utf8)
        forged.append(contents[newline...])
        try forged.write(to: file)
        #expect(throws: BulkheadError.integrity("the backup's stamp names another organization")) {
            try backups.restore(f.principal(f.acme), from: file)
        }
        #expect(try f.notes(f.acme) == ["ACME-CANARY-store"])
    }

    @Test func corruptedBackupLeavesDataIntact() throws {
        let f = try StoreFixture()
        let backups = TenantBackup(tenants: f.tenants, events: f.control, clock: f.clock)
        let file = backupFile(f, "acme.bak")
        try backups.backup(f.principal(f.acme), to: file)
        try f.tenants.database(for: f.principal(f.acme)).write { db in
            try db.execute(sql: "INSERT INTO notes (id, text, created_by, created_at) VALUES ('n9', 'after', 'u', ?)", arguments: [Date()])
        }
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 100] ^= 0xFF
        try bytes.write(to: file)
        #expect(throws: BulkheadError.integrity("the backup's checksum does not match its contents")) {
            try backups.restore(f.principal(f.acme), from: file)
        }
        #expect(try f.notes(f.acme) == ["ACME-CANARY-store", "after"])
        try Data("not a backup".utf8).write(to: file)
        #expect(throws: BulkheadError.integrity("this is not a Bulkhead backup file")) {
            try backups.restore(f.principal(f.acme), from: file)
        }
        #expect(try f.notes(f.acme) == ["ACME-CANARY-store", "after"])
    }

    @Test func aBackupCannotBeAimedIntoTheHome() throws {
        let f = try StoreFixture()
        let backups = TenantBackup(tenants: f.tenants, events: f.control, clock: f.clock)
        let globexFile = f.workspace.tenantDatabaseURL(for: f.globex)
        let sneaky = f.outside.appendingPathComponent("../\(f.home.lastPathComponent)/tenants/\(f.globex.rawValue).db")
        for target in [globexFile, f.workspace.controlDatabaseURL, sneaky] {
            #expect(throws: BulkheadError.invalidInput("a backup cannot be written inside the Bulkhead home")) {
                try backups.backup(f.principal(f.acme), to: target)
            }
        }
        #expect(try f.notes(f.globex) == ["GLOBEX-CANARY-store"])
    }

    @Test func membersCannotBackUpOrRestore() throws {
        let f = try StoreFixture()
        let backups = TenantBackup(tenants: f.tenants, events: f.control, clock: f.clock)
        #expect(throws: BulkheadError.denied) {
            try backups.backup(f.principal(f.acme, role: .member), to: backupFile(f, "m.bak"))
        }
    }
}
