import Crypto
import Foundation
import GRDB
import GRDBSQLite
import BulkheadAssistant
import BulkheadCore
import BulkheadStore

extension AuditRunner {
    /// The tables every tenant file holds; each carries an org column that refuses other orgs' rows.
    static let tenantTables = ["tenant_meta", "notes", "sources", "allowed_roots", "vector_collections", "vector_items",
                               "conversations", "turns", "examples", "requests", "settings"]

    /// Tenant data: files copied, renamed or linked over another org's, ATTACH, foreign rows, backups.
    static var tenantDataPatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        let swaps: [(String, String, @Sendable (URL, URL) throws -> Void)] = [
            ("TD-01", "copied", { victim, target in
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: victim, to: target)
            }),
            ("TD-02", "renamed", { victim, target in
                let staged = target.deletingLastPathComponent().appendingPathComponent(".staged-\(UUID().uuidString).db")
                try FileManager.default.copyItem(at: victim, to: staged)
                guard rename(staged.path, target.path) == 0 else { throw AuditBreach("could not rename the staged file") }
            }),
            ("TD-03", "symlinked", { victim, target in
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.createSymbolicLink(at: target, withDestinationURL: victim)
            }),
            ("TD-04", "hard-linked", { victim, target in
                try? FileManager.default.removeItem(at: target)
                guard link(victim.path, target.path) == 0 else { throw AuditBreach("could not hard-link the file") }
            }),
        ]
        for (id, verb, swap) in swaps {
            list.append(.oneWay(id, .tenantData, "another org's data \(verb) over a tenant's",
                                tried: "puts the other org's database file (on PostgreSQL, its rows) in place of a tenant's (\(verb)) and reads it as that tenant") { world, me in
                if world.postgres != nil { return try await world.rowSwap(verb, me) }
                let victim = world.victim(of: me)
                try await world.withSpareFile(replacedBy: { target in
                    try swap(world.services.workspace.tenantDatabaseURL(for: victim.orgID), target)
                }) {
                    // A hard link shares the victim's inode but not its WAL, so SQLite may refuse it before the stamp is read.
                    try await world.expectFailure(me, verb == "hard-linked" ? .oneOf(["integrity", "internal"]) : .integrity,
                                                  "open a swapped tenant file") {
                        try world.services.notes.list(world.spare.admin)
                    }
                }
            })
        }
        list.append(.oneWay("TD-05", .tenantData, "ATTACH on a tenant connection",
                            tried: "runs ATTACH of the other org's database file on its own tenant connection (on PostgreSQL: dblink, SET ROLE)") { world, me in
            if world.postgres != nil { return try world.rowAttach(me) }
            let victim = world.services.workspace.tenantDatabaseURL(for: world.victim(of: me).orgID)
            var refusal = ""
            do {
                try world.files().database(for: me.admin).write { db in
                    try db.execute(sql: "ATTACH DATABASE ? AS other", arguments: [victim.path])
                }
            } catch {
                refusal = String(describing: error)
            }
            world.recordEvidence(me, input: "ATTACH DATABASE '\(victim.path)' AS other",
                                 refusal: refusal.isEmpty ? "" : "SQLite refused the ATTACH on the tenant connection", code: nil)
            try world.require(!refusal.isEmpty, "a tenant connection attached another org's file")
            // GRDB runs every block in a transaction, where SQLite refuses ATTACH anyway; the limit
            // below is what refuses it everywhere else, so it must be zero on reader and writer alike.
            let limits = try world.files().database(for: me.admin).read { db in
                sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_ATTACHED, -1)
            } + (try world.files()).database(for: me.admin).write { db in
                sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_ATTACHED, -1)
            }
            try world.require(limits == 0, "a tenant connection allows ATTACH (limit above zero)")
        })
        for (offset, table) in tenantTables.enumerated() {
            list.append(.oneWay(String(format: "TD-%02d", 6 + offset), .tenantData, "a row of the other org in \(table)",
                                as: offset % 2 == 0 ? .a : .b,
                                tried: "writes the other org's org_id into a row of its own \(table) table") { world, me in
                if world.postgres != nil { return try world.rowForeign(me, table: table) }
                try world.foreignRowRefused(me, table: table)
            })
        }
        list += backupPatterns
        list.append(.oneWay("TD-23", .tenantData, "sealed API key copied across orgs",
                            tried: "copies the other org's sealed model API key into its own settings and asks for a provider") { world, me in
            try await world.copiedSealedKey(me)
        })
        return list
    }

    /// Backups: the other org's backup restored, relabeled, re-stamped, tampered; a backup aimed at a tenant file.
    static var backupPatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list += AuditPattern.twoWay("TD-17", .tenantData, "the other org's backup restored",
                                    tried: "restores the other org's backup file into its own org") { world, me in
            try await world.expectFailure(me, .integrity, "restore a foreign backup") {
                try world.services.backups.restore(me.admin, from: try Data(contentsOf: world.victim(of: me).backupFile))
            }
            try world.requireOwnNotesIntact(me)
        }
        list.append(.oneWay("TD-18", .tenantData, "foreign backup relabeled",
                            tried: "rewrites the other org's backup header to name its own org and restores it") { world, me in
            let file = try world.forgedBackup(me, restamp: false)
            try await world.expectFailure(me, .integrity, "restore a relabeled backup") { try world.services.backups.restore(me.admin, from: file) }
            try world.requireOwnNotesIntact(me)
        })
        list.append(.oneWay("TD-19", .tenantData, "foreign backup relabeled and re-stamped", as: .b,
                            tried: "re-stamps the other org's backup payload with its own org id, fixes the checksum and restores it") { world, me in
            let file = try world.forgedBackup(me, restamp: true)
            try await world.expectFailure(me, .integrity, "restore a re-stamped backup") { try world.services.backups.restore(me.admin, from: file) }
            try world.requireOwnNotesIntact(me)
        })
        list.append(.oneWay("TD-20", .tenantData, "backup payload tampered",
                            tried: "flips a byte in a backup's payload and restores it") { world, me in
            var data = try Data(contentsOf: me.backupFile)
            data[data.count - 100] ^= 0xFF
            try await world.expectFailure(me, .integrity, "restore a tampered backup") { try world.services.backups.restore(me.admin, from: data) }
        })
        list.append(.oneWay("TD-21", .tenantData, "raw tenant file as a backup", as: .b,
                            tried: "restores the other org's raw database file (on PostgreSQL, its backup's bare payload) as if it were a backup") { world, me in
            let raw = try world.rawDataFile(of: world.victim(of: me))
            try await world.expectFailure(me, .integrity, "restore a raw tenant file", echo: [raw.name]) {
                try world.services.backups.restore(me.admin, from: raw.data)
            }
        })
        list.append(.oneWay("TD-22", .tenantData, "backup written over a tenant file",
                            tried: "an admin names its backup with a path to another org's database file (on PostgreSQL, its backup) in the home") { world, me in
            try await world.withSpareFile(replacedBy: { _ in }) {
                let target = try world.protectedFile()
                let before = try Data(contentsOf: target)
                let sibling = "../\(target.deletingLastPathComponent().lastPathComponent)/\(target.lastPathComponent)"
                for name in [target.path, "../../tenants/\(target.lastPathComponent)", sibling] {
                    try await world.expectFailure(me, .notPermitted, "backup over a tenant file", echo: [name]) {
                        try world.services.backups.backup(me.admin, named: name)
                    }
                }
                try world.require(try Data(contentsOf: target) == before, "a backup overwrote another org's database file")
            }
        })
        return list
    }
}

extension AuditWorld {
    /// Swaps the spare org's tenant file with `replacedBy`, runs `body`, and puts the original back.
    func withSpareFile(replacedBy swap: (URL) throws -> Void, _ body: () async throws -> Void) async throws {
        if postgres != nil { return try await body() }
        let target = services.workspace.tenantDatabaseURL(for: spare.orgID)
        let saved = target.deletingLastPathComponent().appendingPathComponent(".spare-\(UUID().uuidString).db")
        try files().evict(org: spare.orgID)
        try FileManager.default.copyItem(at: target, to: saved)
        defer {
            try? files().evict(org: spare.orgID)
            try? FileManager.default.removeItem(at: target)
            for suffix in ["-wal", "-shm"] { unlink(target.path + suffix) }
            _ = rename(saved.path, target.path)
        }
        try swap(target)
        try files().evict(org: spare.orgID)
        try await body()
    }

    /// Writes the other org's id into a row of `table` (or, for an empty table, checks its declared guard).
    func foreignRowRefused(_ me: AuditTenant, table: String) throws {
        let victim = self.victim(of: me)
        let outcome: Result<Int, any Error> = Result(catching: {
            try files().database(for: me.admin).write { db -> Int in
                let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                if rows == 0 {
                    let ddl = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                                  arguments: [table]) ?? ""
                    guard ddl.contains("CHECK (org_id = '\(me.orgID.rawValue)')") else {
                        throw AuditBreach("\(table) is empty and declares no org guard")
                    }
                    return 0
                }
                try db.execute(sql: "UPDATE \(table) SET org_id = ? WHERE rowid = (SELECT min(rowid) FROM \(table))",
                               arguments: [victim.orgID.rawValue])
                return db.changesCount
            }
        })
        switch outcome {
        case let .success(changed):
            try require(changed == 0, "\(table) accepted a row carrying the other org's id")
        case let .failure(error):
            if let breach = error as? AuditBreach { throw breach }
            transcript.record(me.side, .error, String(describing: error))
        }
    }

    /// The attacker's own notes are still there, and none of the other org's.
    func requireOwnNotesIntact(_ me: AuditTenant) throws {
        let notes = try observe(me, try services.notes.list(me.admin), "notes after a refused restore")
        try require(notes.count == me.noteIDs.count, "a refused restore changed the org's notes")
    }

    /// The other org's backup, relabeled for the attacker's org, optionally re-stamped with fixed checksum.
    func forgedBackup(_ me: AuditTenant, restamp: Bool) throws -> Data {
        let data = try Data(contentsOf: victim(of: me).backupFile)
        guard let newline = data.firstIndex(of: 0x0A),
              var header = try JSONSerialization.jsonObject(with: data[data.startIndex..<newline]) as? [String: Any]
        else { throw AuditBreach("the other org's backup has no header") }
        var payload = Data(data[data.index(after: newline)...])
        header["org_id"] = me.orgID.rawValue
        if restamp {
            let staged = me.scratch.appendingPathComponent("restamp-\(UUID().uuidString).db")
            try payload.write(to: staged)
            let queue = try DatabaseQueue(path: staged.path)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
                try db.execute(sql: "UPDATE tenant_meta SET org_id = ?", arguments: [me.orgID.rawValue])
            }
            try queue.close()
            payload = try Data(contentsOf: staged)
            header["sha256"] = SHA256.hash(data: payload).map { String(format: "%02x", $0) }.joined()
            header["bytes"] = payload.count
        }
        var out = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        out.append(0x0A)
        out.append(payload)
        return out
    }

    /// Copies the victim's sealed model key into the attacker's settings and asks for a provider.
    func copiedSealedKey(_ me: AuditTenant) async throws {
        let victim = self.victim(of: me)
        let secret = "sk-audit-\(victim.canary)"
        try services.models.set(victim.admin, choice: .init(provider: "anthropic", model: "audit-model"), apiKey: secret)
        let sealed = try services.stores.settings.settings(victim.admin, prefix: "model.anthropic.api_key")["model.anthropic.api_key"]
        try services.models.set(victim.admin, choice: .init(provider: "offline", model: "offline"), apiKey: nil)
        guard let sealed else { throw AuditBreach("the victim's key was not stored sealed") }
        try require(!sealed.contains(victim.canary), "the model key is stored in clear")
        // Straight into the attacker's own settings rows, below the service that would seal a key for its own org.
        try services.stores.settings.updateSettings(me.admin, prefix: "model.") { stored in
            SettingsChange(delete: Array(stored.keys),
                           put: ["model.provider": "anthropic", "model.anthropic.name": "audit-model", "model.anthropic.api_key": sealed])
        }
        defer { try? services.models.set(me.admin, choice: .init(provider: "offline", model: "offline"), apiKey: nil) }
        try await expectFailure(me, .oneOf(["integrity", "internal", "invalid_input"]), "open a copied sealed key") {
            try services.models.provider(for: me.admin)
        }
    }

    /// The other org's data as raw bytes that are no backup: its SQLite file, or on PostgreSQL the
    /// payload of its backup without the header.
    func rawDataFile(of victim: AuditTenant) throws -> (name: String, data: Data) {
        guard postgres != nil else {
            let url = services.workspace.tenantDatabaseURL(for: victim.orgID)
            return (url.lastPathComponent, try Data(contentsOf: url))
        }
        let backup = try Data(contentsOf: victim.backupFile)
        guard let newline = backup.firstIndex(of: 0x0A) else { throw AuditBreach("the other org's backup has no header") }
        return (victim.backupFile.lastPathComponent, Data(backup[backup.index(after: newline)...]))
    }

    /// A file of the home no backup name may reach: the spare org's database file, or on PostgreSQL the other orgs' backups.
    func protectedFile() throws -> URL {
        guard postgres != nil else { return services.workspace.tenantDatabaseURL(for: spare.orgID) }
        return b.backupFile
    }
}
