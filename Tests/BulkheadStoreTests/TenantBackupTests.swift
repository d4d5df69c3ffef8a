import Foundation
import Testing
import GRDB
import BulkheadCore
import BulkheadTestBackends
@testable import BulkheadStore

@Suite struct TenantBackupTests {
    private func backups(_ f: StoreFixture) throws -> TenantBackup {
        try TenantBackup(archive: f.stores.archive, workspace: f.workspace, events: f.control, clock: f.clock)
    }

    /// The backup file of `org` named `name`, inside the org's backup area.
    private func file(_ f: StoreFixture, _ org: OrgID, _ name: String) -> URL {
        BackupArea(workspace: f.workspace).folder(for: org).appendingPathComponent(name)
    }

    @Test(arguments: TestBackend.allCases)
    func roundTripRestoresTheOrgsDataFromItsOwnArea(_ backend: TestBackend) throws {
        let f = try StoreFixture(backend)
        let backups = try backups(f)
        let header = try backups.backup(f.principal(f.acme), named: "acme.bak")
        #expect(header.orgID == f.acme.rawValue)
        #expect(header.schemaVersion == TenantSchema.version)
        let written = file(f, f.acme, "acme.bak")
        #expect(FileManager.default.fileExists(atPath: written.path))
        #expect((try FileManager.default.attributesOfItem(atPath: written.path)[.posixPermissions] as? Int) == 0o600)
        try f.deleteNotes(f.acme)
        #expect(try f.notes(f.acme).isEmpty)
        try backups.restore(f.principal(f.acme), named: "acme.bak")
        #expect(try f.notes(f.acme) == ["ACME-CANARY-store"])
        #expect(try backups.area.list(org: f.acme).map(\.name) == ["acme.bak"])
        #expect(try backups.area.list(org: f.globex).isEmpty)
    }

    @Test(arguments: TestBackend.allCases)
    func aStreamedBackupRestoresFromItsBytes(_ backend: TestBackend) throws {
        let f = try StoreFixture(backend)
        let backups = try backups(f)
        let archive = try backups.archive(f.principal(f.acme))
        try f.deleteNotes(f.acme)
        try backups.restore(f.principal(f.acme), from: archive.data)
        #expect(try f.notes(f.acme) == ["ACME-CANARY-store"])
    }

    @Test(arguments: TestBackend.allCases)
    func aForeignBackupIsRefusedExactlyLikeAnEditedOne(_ backend: TestBackend) throws {
        let f = try StoreFixture(backend)
        let backups = try backups(f)
        let globex = try backups.archive(f.principal(f.globex)).data
        #expect(throws: TenantBackup.notAuthentic) { try backups.restore(f.principal(f.acme), from: globex) }
        // Relabelled: the header claims Acme (the checksum still matches the payload).
        var relabelled = String(decoding: globex, as: UTF8.self)
        relabelled = relabelled.replacingOccurrences(of: f.globex.rawValue, with: f.acme.rawValue)
        #expect(throws: TenantBackup.notAuthentic) { try backups.restore(f.principal(f.acme), from: Data(relabelled.utf8)) }
        #expect(try f.notes(f.acme) == ["ACME-CANARY-store"])
        #expect(try f.control.securityEvents(kind: "restore_refused").count == 2)
        #expect(!TenantBackup.notAuthentic.message.contains(f.globex.rawValue))
    }

    @Test(arguments: TestBackend.allCases)
    func anEditedBackupIsRefusedEvenWithItsChecksumFixed(_ backend: TestBackend) throws {
        let f = try StoreFixture(backend)
        let backups = try backups(f)
        let data = try backups.archive(f.principal(f.acme)).data
        let newline = data.firstIndex(of: 0x0A)!
        var header = try JSONSerialization.jsonObject(with: data[..<newline]) as! [String: Any]
        header["created_at"] = (header["created_at"] as! Double) + 1
        var edited = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        edited.append(data[newline...])
        #expect(throws: TenantBackup.notAuthentic) { try backups.restore(f.principal(f.acme), from: edited) }
        // Another installation's key: the same bytes do not verify in another home.
        let other = try StoreFixture(backend)
        #expect(throws: TenantBackup.notAuthentic) {
            try TenantBackup(archive: other.stores.archive, workspace: other.workspace, events: other.control, clock: other.clock)
                .restore(other.principal(f.acme), from: data)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func corruptedBackupLeavesDataIntact(_ backend: TestBackend) throws {
        let f = try StoreFixture(backend)
        let backups = try backups(f)
        var bytes = try backups.archive(f.principal(f.acme)).data
        try f.addNote(f.acme, id: "n9", text: "after")
        bytes[bytes.count - 100] ^= 0xFF
        #expect(throws: BulkheadError.integrity("the backup's checksum does not match its contents")) {
            try backups.restore(f.principal(f.acme), from: bytes)
        }
        #expect(try f.notes(f.acme) == ["ACME-CANARY-store", "after"])
        #expect(throws: BulkheadError.integrity("this is not a Bulkhead backup file")) {
            try backups.restore(f.principal(f.acme), from: Data("not a backup".utf8))
        }
        #expect(try f.notes(f.acme) == ["ACME-CANARY-store", "after"])
    }

    @Test(arguments: TestBackend.allCases)
    func backupNamesArePlainFileNamesInTheOrgsArea(_ backend: TestBackend) throws {
        let f = try StoreFixture(backend)
        let backups = try backups(f)
        let globexFile = f.workspace.tenantDatabaseURL(for: f.globex)
        for name in [globexFile.path, "../../tenants/\(globexFile.lastPathComponent)", "../\(f.globex.rawValue)/x.bak", ".hidden",
                     "a/b", "", String(repeating: "x", count: 200), "bad\u{1B}name"] {
            #expect(throws: BackupArea.nameRefusal) { try backups.backup(f.principal(f.acme), named: name) }
            #expect(throws: BackupArea.nameRefusal) { try backups.restore(f.principal(f.acme), named: name) }
        }
        #expect(try f.notes(f.globex) == ["GLOBEX-CANARY-store"])
        #expect(!FileManager.default.fileExists(atPath: file(f, f.globex, "x.bak").path))
    }

    @Test(arguments: TestBackend.allCases)
    func aBackupNeverOverwritesAFileAndAMissingOneIsNotFound(_ backend: TestBackend) throws {
        let f = try StoreFixture(backend)
        let backups = try backups(f)
        try backups.backup(f.principal(f.acme), named: "one.bak")
        let before = try Data(contentsOf: file(f, f.acme, "one.bak"))
        #expect(throws: BulkheadError.conflict("a backup named 'one.bak' already exists; backups are never overwritten")) {
            try backups.backup(f.principal(f.acme), named: "one.bak")
        }
        #expect(try Data(contentsOf: file(f, f.acme, "one.bak")) == before)
        try backups.backup(f.principal(f.globex), named: "globex-only.bak")
        #expect(throws: BulkheadError.notFound(kind: "backup", name: "globex-only.bak")) {
            try backups.restore(f.principal(f.acme), named: "globex-only.bak")
        }
    }

    @Test(arguments: TestBackend.allCases)
    func membersCannotBackUpOrRestore(_ backend: TestBackend) throws {
        let f = try StoreFixture(backend)
        let backups = try backups(f)
        #expect(throws: BulkheadError.denied) { try backups.backup(f.principal(f.acme, role: .member), named: "m.bak") }
        #expect(throws: BulkheadError.denied) { try backups.archive(f.principal(f.acme, role: .member)) }
        #expect(throws: BulkheadError.denied) { try backups.restore(f.principal(f.acme, role: .member), from: Data()) }
    }

    @Test(arguments: [(TestBackend.sqlite, TestBackend.postgres), (.postgres, .sqlite)])
    func aBackupMadeOnOneStoreRestoresOnTheOther(_ from: TestBackend, _ to: TestBackend) throws {
        let made = try StoreFixture(from)
        let target = try StoreFixture(to, sharing: made)
        try made.addNote(made.acme, id: "n2", text: "written on \(from)")
        let archive = try backups(made).archive(made.principal(made.acme)).data
        try backups(target).restore(target.principal(target.acme), from: archive)
        #expect(try target.notes(target.acme) == ["ACME-CANARY-store", "written on \(from)"])
        #expect(try target.notes(target.globex) == ["GLOBEX-CANARY-store"])
        #expect(throws: TenantBackup.notAuthentic) { try backups(target).restore(target.principal(target.globex), from: archive) }
    }
}
