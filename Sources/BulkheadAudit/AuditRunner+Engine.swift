import Foundation
import BulkheadCore
import BulkheadEngine

extension AuditRunner {
    /// Connections and queries: the other org's sources by name and id, the pool, the schema cache, paths.
    static var enginePatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list += AuditPattern.twoWay("ENG-01", .engine, "the other org's source by name",
                                    tried: "queries the other org's source by the name only that org uses") { world, me in
            let victim = world.victim(of: me)
            try await world.expectLikeMissing(me, "source by name", reference: victim.privateName, missing: "nosuch-private") {
                try world.services.engine.query(me.admin, source: $0, sql: "SELECT 1")
            }
        }
        typealias ByID = (id: String, name: String, pick: @Sendable (AuditTenant) -> SourceID,
                          call: @Sendable (AuditWorld, AuditTenant, String) async throws -> Void)
        let byID: [ByID] = [
            ("ENG-02", "query the other org's shared-name source by id", { $0.sharedID }, { world, me, ref in
                try world.observe(me, try world.services.engine.query(me.admin, source: ref, sql: "SELECT * FROM customers"), "query by id")
            }),
            ("ENG-03", "query the other org's packaged source by id", { $0.packagedID }, { world, me, ref in
                try world.observe(me, try world.services.engine.query(me.admin, source: ref, sql: "SELECT * FROM vault"), "packaged by id")
            }),
            ("ENG-04", "query the other org's CSV source by id", { $0.csvID }, { world, me, ref in
                try world.observe(me, try world.services.engine.query(me.admin, source: ref, sql: "SELECT * FROM ledger"), "CSV by id")
            }),
            ("ENG-05", "query the other org's private source by id", { $0.privateID }, { world, me, ref in
                try world.observe(me, try world.services.engine.query(me.admin, source: ref, sql: "SELECT 1"), "private by id")
            }),
            ("ENG-06", "read the cached schema of the other org's source", { $0.sharedID }, { world, me, ref in
                try world.observe(me, try world.services.engine.schema(me.admin, source: ref), "schema by id")
            }),
            ("ENG-07", "show the other org's source", { $0.packagedID }, { world, me, ref in
                try world.observe(me, try world.services.engine.showSource(me.admin, ref), "show by id")
            }),
            ("ENG-08", "open a cursor on the other org's source", { $0.sharedID }, { world, me, ref in
                let cursor = try world.services.engine.openCursor(me.admin, source: ref, sql: "SELECT * FROM customers")
                defer { cursor.close() }
                try world.observe(me, try cursor.nextPage(50), "cursor by id")
            }),
            ("ENG-09", "remove the other org's source", { $0.privateID }, { world, me, ref in
                try world.services.engine.removeSource(me.admin, ref)
            }),
        ]
        for entry in byID {
            list += AuditPattern.twoWay(entry.id, .engine, entry.name,
                                        tried: "after the other org used it (pool, ownership map and schema cache warm), presents its source id") { world, me in
                let victim = world.victim(of: me)
                try world.warm(victim)
                try await world.expectLikeMissing(me, entry.name, reference: entry.pick(victim).rawValue,
                                                  missing: world.missingID(prefix: "src")) { ref in
                    try await entry.call(world, me, ref)
                }
                try world.warm(victim)
            }
        }
        list += AuditPattern.twoWay("ENG-10", .engine, "same source name in both orgs",
                                    tried: "queries its own 'sales' source, which the other org also has, with the same tables") { world, me in
            let result = try world.observe(me, try world.services.engine.query(me.admin, source: "sales", sql: "SELECT name, note FROM customers"),
                                           "own same-name source")
            try world.require(String(describing: result).contains(me.canary), "the same-name source did not return the org's own rows")
        }
        list.append(.oneWay("ENG-11", .engine, "pooled connections under interleaved use",
                            tried: "both orgs query their same-name source from 16 concurrent tasks; every answer must be the asker's own") { world, _ in
            try await world.interleavedQueries()
        })
        list += AuditPattern.twoWay("ENG-12", .engine, "schema cache poisoning",
                                    tried: "warms the schema cache of its same-name source, then the other org reads its own schema") { world, me in
            let victim = world.victim(of: me)
            world.recordEvidence(me, input: "reads the schema of its own 'sales' source first (the cache is warm with its samples)",
                                 refusal: "", code: nil)
            _ = try world.services.engine.schema(me.admin, source: "sales")
            let schema = try world.services.engine.schema(victim.admin, source: "sales")
            try world.observe(victim, schema, "schema after the other org warmed the cache")
            try world.require(String(describing: schema).contains(victim.canary), "the schema cache served another org's samples")
        }
        list += pathPatterns
        return list
    }

    /// Paths: the other org's files reached directly, through symlinks (also swapped later), hard links and traversal.
    static var pathPatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        typealias PathAttack = (id: String, name: String, tried: String, path: @Sendable (AuditWorld, AuditTenant) throws -> String)
        let attacks: [PathAttack] = [
            ("ENG-13", "the other org's file by path", "adds the other org's SQLite file (outside its allowed folders) as a source", { world, me in
                world.victim(of: me).sharedFile.path
            }),
            ("ENG-14", "traversal to the other org's file", "adds '<own folder>/../<other folder>/sales.sqlite' as a source", { world, me in
                let victim = world.victim(of: me)
                return me.root.path + "/../" + victim.root.lastPathComponent + "/sales.sqlite"
            }),
            ("ENG-15", "symlink to the other org's file", "adds a symlink in its own folder that points at the other org's file", { world, me in
                try world.makeLink(in: me, to: world.victim(of: me).sharedFile, hard: false)
            }),
            ("ENG-16", "hard link to the other org's file", "adds a hard link in its own folder to the other org's file", { world, me in
                try world.makeLink(in: me, to: world.victim(of: me).privateFile, hard: true)
            }),
            ("ENG-17", "symlink to control.db", "adds a symlink in its own folder that points at the home's control.db (on PostgreSQL, the secrets key)", { world, me in
                try world.makeLink(in: me, to: world.controlFile, hard: false)
            }),
            ("ENG-18", "the other org's tenant database", "adds the other org's tenant database file (on PostgreSQL, its backup) in the home as a source", { world, me in
                world.tenantFile(of: world.victim(of: me)).path
            }),
            ("ENG-19", "symlink to the other org's tenant database", "adds a symlink to the other org's tenant database (on PostgreSQL, its backup)", { world, me in
                try world.makeLink(in: me, to: world.tenantFile(of: world.victim(of: me)), hard: false)
            }),
            ("ENG-20", "the signing key", "adds the home's signing key file as a source", { world, _ in
                world.services.workspace.privateFileURL("signing-ed25519.key").path
            }),
            ("ENG-21", "the other org's packaged source", "adds the other org's packaged source file in the home's org area", { world, me in
                world.services.workspace.orgAreaURL(for: world.victim(of: me).orgID).appendingPathComponent("vault.sqlite").path
            }),
        ]
        for (offset, attack) in attacks.enumerated() {
            list.append(.oneWay(attack.id, .engine, attack.name, as: offset % 2 == 0 ? .a : .b,
                                tried: attack.tried) { world, me in
                let path = try attack.path(world, me)
                try await world.expectFailure(me, .invalidInput, attack.name, echo: [path]) {
                    try await world.services.addSource(me.admin, name: "stolen-\(UUID().uuidString.prefix(6).lowercased())", path: path)
                }
            })
        }
        list.append(.oneWay("ENG-22", .engine, "a file in the other org's granted folder",
                            tried: "adds a file the other org put in its granted folder (and a folder inside it) but has not connected") { world, me in
            let victim = world.victim(of: me)
            let inner = victim.root.appendingPathComponent("inner-\(UUID().uuidString.prefix(6).lowercased())", isDirectory: true)
            try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: inner) }
            let unconnected = inner.appendingPathComponent("unconnected.sqlite")
            try FileManager.default.copyItem(at: victim.sharedFile, to: unconnected)
            for path in [unconnected.path, victim.root.appendingPathComponent("unconnected-\(UUID().uuidString.prefix(4)).sqlite").path] {
                try? FileManager.default.copyItem(at: victim.sharedFile, to: URL(fileURLWithPath: path))
                try await world.expectFailure(me, .invalidInput, "add the other org's unconnected file", echo: [path]) {
                    try await world.services.addSource(me.admin, name: "stolen-\(UUID().uuidString.prefix(6).lowercased())", path: path)
                }
            }
        })
        list.append(.oneWay("ENG-23", .engine, "symlink swapped after the source was added",
                            tried: "adds a symlink to its own copy, queries it, swaps the link to the other org's file, queries again") { world, me in
            try await world.swappedSymlink(me)
        })
        list.append(.oneWay("ENG-24", .engine, "home files as sources", as: .b,
                            tried: "adds the home's control database, the other org's tenant file and its area's files as sources") { world, me in
            let workspace = world.services.workspace
            let victim = world.victim(of: me)
            for file in [workspace.controlDatabaseURL, workspace.tenantDatabaseURL(for: victim.orgID),
                         workspace.orgAreaURL(for: victim.orgID).appendingPathComponent("vault.sqlite")] {
                try await world.expectFailure(me, .invalidInput, "add a home file", echo: [file.path]) {
                    try await world.services.addSource(me.admin, name: "home-\(UUID().uuidString.prefix(6).lowercased())", path: file.path)
                }
            }
        })
        list.append(.oneWay("ENG-25", .engine, "source reference variants",
                            tried: "names the other org's source with case, spaces, traversal and id-case variants") { world, me in
            let victim = world.victim(of: me)
            for ref in [victim.privateName.uppercased(), " \(victim.privateName)", "../\(victim.privateName)", "\(victim.privateName)/",
                        victim.privateID.rawValue.uppercased(), victim.privateID.rawValue + " ", "\(victim.orgID.rawValue)/\(victim.privateName)"] {
                try await world.expectFailure(me, .notFound, "source variant", echo: [ref, ref.trimmingCharacters(in: .whitespaces)]) {
                    try world.services.engine.query(me.admin, source: ref, sql: "SELECT 1")
                }
            }
        })
        return list
    }
}

extension AuditWorld {
    /// The victim uses every source it has, so the ownership map, the pool and the schema cache hold its entries.
    func warm(_ victim: AuditTenant) throws {
        for (source, sql) in [(victim.sharedName, "SELECT * FROM customers"), (victim.packagedName, "SELECT * FROM vault"),
                              (victim.csvName, "SELECT * FROM ledger"), (victim.privateName, "SELECT 1")] {
            let result = try services.engine.query(victim.admin, source: source, sql: sql)
            try observe(victim, result, "warming \(source)")
        }
        _ = try services.engine.schema(victim.admin, source: victim.sharedName)
    }

    /// Makes a symlink (or hard link) in the attacker's own folder pointing at `target`.
    /// The home's shared control-plane file: `control.db`, or on PostgreSQL (which keeps the control plane itself) the secrets key.
    var controlFile: URL {
        postgres == nil ? services.workspace.controlDatabaseURL : services.workspace.privateFileURL("secrets.key")
    }

    /// A file of the home holding `tenant`'s data: its database file, or on PostgreSQL its backup.
    func tenantFile(of tenant: AuditTenant) -> URL {
        postgres == nil ? services.workspace.tenantDatabaseURL(for: tenant.orgID) : tenant.backupFile
    }

    func makeLink(in me: AuditTenant, to target: URL, hard: Bool) throws -> String {
        let path = me.root.appendingPathComponent("link-\(UUID().uuidString.prefix(8)).sqlite").path
        let made = hard ? link(target.path, path) : symlink(target.path, path)
        try require(made == 0, "could not make the link for the attack")
        return path
    }

    /// Both orgs query their same-name source from concurrent tasks; each answer must be the asker's own.
    func interleavedQueries() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<16 {
                let me = index % 2 == 0 ? a : b
                group.addTask {
                    let result = try self.services.engine.query(me.admin, source: "sales", sql: "SELECT name, note FROM customers")
                    try self.observe(me, result, "interleaved query")
                    try self.require(String(describing: result).contains(me.canary), "an interleaved query returned someone else's rows")
                }
            }
            try await group.waitForAll()
        }
    }

    /// A source behind a symlink that is swapped to the victim's file after the first query.
    func swappedSymlink(_ me: AuditTenant) async throws {
        let copy = me.root.appendingPathComponent("swap-target-\(UUID().uuidString.prefix(6)).sqlite")
        try FileManager.default.copyItem(at: me.sharedFile, to: copy)
        let linkPath = me.root.appendingPathComponent("swap-\(UUID().uuidString.prefix(6)).sqlite").path
        try require(symlink(copy.path, linkPath) == 0, "could not make the symlink")
        let name = "swap-\(UUID().uuidString.prefix(6).lowercased())"
        try await services.addSource(me.admin, name: name, path: linkPath)
        defer { try? services.removeSource(me.admin, name: name) }
        try observe(me, try services.engine.query(me.admin, source: name, sql: "SELECT name FROM customers"), "before the swap")
        unlink(linkPath)
        try require(symlink(victim(of: me).sharedFile.path, linkPath) == 0, "could not swap the symlink")
        try await expectFailure(me, .invalidInput, "query after the swap") {
            try services.engine.query(me.admin, source: name, sql: "SELECT name, note FROM customers")
        }
    }
}
