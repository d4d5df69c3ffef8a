import Crypto
import Foundation
@_spi(Testing) import BulkheadAssistant
import BulkheadAuth
import BulkheadCore
import BulkheadStore

extension AuditRunner {
    /// Folder grants the operator itself must not be able to make, and database hosts nobody granted.
    static var grantPatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list.append(.oneWay("AUTHZ-14", .authorization, "a grant containing the home",
                            tried: "the operator grants a folder that contains the Bulkhead home (its parent)") { world, me in
            let parent = world.home.deletingLastPathComponent()
            try await world.expectFailure(me, .notPermitted, "grant the home's parent", echo: [parent.path, world.home.path, me.orgName]) {
                try await world.services.grantFolder(parent.path, to: me.orgName, credentials: world.operatorCredentials)
            }
        })
        list.append(.oneWay("AUTHZ-15", .authorization, "grants inside the home", as: .b,
                            tried: "the operator grants the home, its tenants folder and the other org's area of the home") { world, me in
            let workspace = world.services.workspace
            for folder in [workspace.root, workspace.tenantsDirectory, workspace.orgAreaURL(for: world.victim(of: me).orgID)] {
                try await world.expectFailure(me, .notPermitted, "grant a folder of the home", echo: [folder.path, world.home.path, me.orgName]) {
                    try await world.services.grantFolder(folder.path, to: me.orgName, credentials: world.operatorCredentials)
                }
            }
        })
        list += AuditPattern.twoWay("AUTHZ-16", .authorization, "a grant over the other org's grant",
                                    tried: "the operator grants this org the other org's folder, a folder inside it, and the folder holding both") { world, me in
            let victim = world.victim(of: me)
            let inner = victim.root.appendingPathComponent("inner-\(UUID().uuidString.prefix(6).lowercased())", isDirectory: true)
            try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            defer { try? FileManager.default.removeItem(at: inner) }
            for folder in [victim.root, inner, victim.root.deletingLastPathComponent()] {
                try await world.expectFailure(me, .notPermitted, "grant the other org's folder",
                                              echo: [folder.path, victim.root.path, me.orgName]) {
                    try await world.services.grantFolder(folder.path, to: me.orgName, credentials: world.operatorCredentials)
                }
            }
        }
        list.append(.oneWay("AUTHZ-17", .authorization, "system folders as grants",
                            tried: "the operator grants /, /proc, /etc, /dev and the world-writable temporary folder") { world, me in
            for folder in ["/", "/proc", "/proc/self", "/etc", "/dev", "/sys", NSTemporaryDirectory()] {
                try await world.expectFailure(me, .notPermitted, "grant a system folder", echo: [folder, me.orgName]) {
                    try await world.services.grantFolder(folder, to: me.orgName, credentials: world.operatorCredentials)
                }
            }
        })
        list += AuditPattern.twoWay("AUTHZ-24", .authorization, "a database host nobody granted",
                                    tried: "an admin connects PostgreSQL sources at hosts the operator never granted it, one of them granted to the other org") { world, me in
            let victim = world.victim(of: me)
            let theirs = "127.0.0.1:\(49_152 + Int(victim.canary.utf8.reduce(0) { ($0 &* 31 &+ UInt32($1)) % 10_000 }))"
            _ = try await world.services.grantHost(theirs, to: victim.orgName, credentials: world.operatorCredentials)
            for host in [theirs, "localhost:5432", "[::1]:5432", "127.0.0.2:5432"] {
                try await world.expectFailure(me, .notPermitted, "connect a source at an ungranted host", echo: [host, victim.orgName]) {
                    try await world.services.addPostgresSource(me.admin, name: "ungranted", url: "postgres://reader@\(host)/data",
                                                                password: "x")
                }
            }
            try world.require(try world.services.engine.listSources(me.admin).allSatisfy { $0.name != "ungranted" },
                              "a source at an ungranted host was recorded")
        }
        return list
    }

    /// Backups written or read outside the org's area, overwritten, edited or of the other org.
    static var backupAreaPatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list += AuditPattern.twoWay("AUTHZ-18", .authorization, "a backup written outside the org's area",
                                    tried: "names its backup with absolute and ../ paths into its scratch folder and the other org's area") { world, me in
            let victim = world.victim(of: me)
            let outside = me.scratch.appendingPathComponent("escaped-\(UUID().uuidString.prefix(6)).backup")
            let theirs = "../\(victim.orgID.rawValue)/planted-\(UUID().uuidString.prefix(6)).backup"
            for name in [outside.path, "../../../" + outside.lastPathComponent, theirs] {
                try await world.expectFailure(me, .notPermitted, "backup outside the area", echo: [name]) {
                    try world.services.backups.backup(me.admin, named: name)
                }
            }
            let planted = world.services.backups.area.folder(for: victim.orgID).appendingPathComponent(URL(fileURLWithPath: theirs).lastPathComponent)
            try world.require(!FileManager.default.fileExists(atPath: outside.path) && !FileManager.default.fileExists(atPath: planted.path),
                              "a backup was written outside the org's area")
        }
        list += AuditPattern.twoWay("AUTHZ-19", .authorization, "a backup read from outside the org's area",
                                    tried: "restores the other org's backup by a ../ name and by its plain name, and a host file by path") { world, me in
            let victim = world.victim(of: me)
            let theirs = victim.backupFile.lastPathComponent
            try await world.expectFailure(me, .notPermitted, "restore by a ../ name", echo: [theirs, victim.orgID.rawValue]) {
                try world.services.backups.restore(me.admin, named: "../\(victim.orgID.rawValue)/\(theirs)")
            }
            try await world.expectFailure(me, .notPermitted, "restore a host file", echo: ["/etc/passwd"]) {
                try world.services.backups.restore(me.admin, named: "/etc/passwd")
            }
            if theirs != me.backupFile.lastPathComponent {
                try await world.expectLikeMissing(me, "restore the other org's backup by name", reference: theirs,
                                                  missing: "missing-\(UUID().uuidString.prefix(6)).backup") { name in
                    try world.services.backups.restore(me.admin, named: name)
                }
            }
            try world.requireOwnNotesIntact(me)
        }
        list.append(.oneWay("AUTHZ-20", .authorization, "a backup over an existing backup",
                            tried: "writes a backup under the name of its existing backup") { world, me in
            let before = try Data(contentsOf: me.backupFile)
            try await world.expectFailure(me, .conflict, "overwrite a backup", echo: [me.backupFile.lastPathComponent]) {
                try world.services.backups.backup(me.admin, named: me.backupFile.lastPathComponent)
            }
            try world.require(try Data(contentsOf: me.backupFile) == before, "the existing backup was overwritten")
        })
        list += AuditPattern.twoWay("AUTHZ-21", .authorization, "an edited backup",
                                    tried: "adds a source row to its own backup's database, fixes the checksum and restores it") { world, me in
            let edited = try world.editedBackup(me)
            try await world.expectFailure(me, .integrity, "restore an edited backup") { try world.services.backups.restore(me.admin, from: edited) }
            try world.requireOwnNotesIntact(me)
        }
        list += AuditPattern.twoWay("AUTHZ-22", .authorization, "a foreign backup answers like an edited one",
                                    tried: "restores the other org's authentic backup and its own edited one; the refusals must read the same") { world, me in
            let foreign = try await world.expectFailure(me, .integrity, "restore a foreign backup") {
                try world.services.backups.restore(me.admin, from: try Data(contentsOf: world.victim(of: me).backupFile))
            }
            let edited = try await world.expectFailure(me, .integrity, "restore an edited backup") {
                try world.services.backups.restore(me.admin, from: try world.editedBackup(me))
            }
            try world.require(foreign.message == edited.message, "a foreign backup's refusal tells it apart from an edited one")
        }
        return list
    }

    /// Lockout from one client must not lock the account's owner out elsewhere.
    static var lockoutClientPatterns: [AuditPattern] {
        AuditPattern.twoWay("AUTHZ-23", .authorization, "lockout from another client",
                            tried: "guesses the other org's user's password from one address until locked; the user logs in from their own terminal") { world, me in
            let victim = world.victim(of: me)
            let attacker = LoginClient.ssh(address: "203.0.113.\(me.side == .a ? 7 : 9)")
            var locked = false
            for _ in 0..<8 where !locked {
                do {
                    _ = try await world.services.auth.login(email: victim.lockEmail, password: "Wrong-\(UUID().uuidString)", client: attacker)
                    throw AuditBreach("a wrong password logged in")
                } catch let error as BulkheadError {
                    try world.leakCheck(error.message, viewer: me, what: "cross-client brute force")
                    locked = error.code == "locked_out"
                }
            }
            try world.require(locked, "eight wrong passwords did not lock the attacking client")
            try world.requireEvent("login_lockout", "client=ssh")
            let login = try await world.services.auth.login(email: victim.lockEmail, password: victim.lockPassword,
                                                            client: .terminal("/dev/pts/audit-\(victim.side.rawValue)"))
            try world.require(login.principal.orgID == victim.orgID, "the owner's login went elsewhere")
            try world.services.auth.logout(principal: login.principal)
        }
    }
}
