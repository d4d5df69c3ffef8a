import BulkheadCore
@_spi(Testing) @testable import BulkheadEngine
import Foundation
import Testing

@Suite("Isolation between orgs and path rules")
struct IsolationTests {
    @Test("another org's source answers exactly like a missing one, by name and by id")
    func anotherOrgsSource() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let globex = fixture.admin(fixture.globex)
        let added = try fixture.engine.addSource(globex, name: "clinic", path: try fixture.database(in: fixture.globexRoot, as: "clinic.sqlite", labels: ["GLOBEX-CANARY-1"]))
        _ = try fixture.engine.query(globex, source: "clinic", sql: "select * from items")
        let missing = BulkheadError.notFound(kind: "source", name: "nothing")
        #expect(throws: missing) { try fixture.engine.query(acme, source: "nothing", sql: "select 1") }
        #expect(throws: BulkheadError.notFound(kind: "source", name: "clinic")) {
            try fixture.engine.query(acme, source: "clinic", sql: "select * from items")
        }
        let id = added.source.id.rawValue
        #expect(throws: BulkheadError.notFound(kind: "source", name: id)) { try fixture.engine.query(acme, source: id, sql: "select * from items") }
        #expect(throws: BulkheadError.notFound(kind: "source", name: id)) { try fixture.engine.showSource(acme, id) }
        #expect(throws: BulkheadError.notFound(kind: "source", name: id)) { try fixture.engine.removeSource(acme, id) }
        #expect(throws: BulkheadError.notFound(kind: "source", name: id)) { try fixture.engine.openCursor(acme, source: id, sql: "select 1") }
        #expect(BulkheadError.notFound(kind: "source", name: "clinic").exitCode == 4)
        #expect(try fixture.engine.listSources(acme).isEmpty)
        #expect(try fixture.engine.query(globex, source: id, sql: "select label from items").rows == [[.text("GLOBEX-CANARY-1")]])
    }

    @Test("with the owner check switched off, another org's pooled source and cached schema are reachable (the seam works)")
    func ownerCheckSeam() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let globex = fixture.admin(fixture.globex)
        let added = try fixture.engine.addSource(globex, name: "clinic", path: try fixture.database(in: fixture.globexRoot, as: "clinic.sqlite", labels: ["GLOBEX-CANARY-2"]))
        let id = added.source.id.rawValue
        _ = try fixture.engine.showSource(globex, id)
        _ = try fixture.engine.query(globex, source: id, sql: "select 1")  // leaves an idle pooled connection
        fixture.engine.ownerCheckEnabled = false
        let leaked = try fixture.engine.query(acme, source: id, sql: "select label from items")
        #expect(leaked.rows == [[.text("GLOBEX-CANARY-2")]])
        #expect(try fixture.engine.schema(acme, source: id).tables.map(\.name) == ["items"])
        fixture.engine.ownerCheckEnabled = true
        #expect(throws: BulkheadError.notFound(kind: "source", name: id)) { try fixture.engine.query(acme, source: id, sql: "select label from items") }
        #expect(throws: BulkheadError.notFound(kind: "source", name: id)) { try fixture.engine.schema(acme, source: id) }
    }

    @Test("members cannot add sources; folders come only from the operator's grants, never the home or a system folder")
    func grants() throws {
        let fixture = try EngineFixture()
        let path = try fixture.database(in: fixture.acmeRoot, as: "members.sqlite", labels: ["x"])
        #expect(throws: BulkheadError.denied) { try fixture.engine.addSource(fixture.member(fixture.acme), name: "members", path: path) }
        let op = EngineFixture.operator
        for folder in [fixture.workspace.root.path, fixture.workspace.orgAreaURL(for: fixture.acme).deletingLastPathComponent().path,
                       fixture.workspace.root.deletingLastPathComponent().path, "/", "/proc", "/proc/self", "/etc", "/dev", "/sys"] {
            #expect(throws: BulkheadError.self) { try fixture.engine.grantFolder(folder, to: fixture.acme, by: op) }
        }
        #expect(throws: BulkheadError.notPermitted("that folder cannot be granted: it is the root of the file system")) {
            try fixture.engine.grantFolder("/", to: fixture.acme, by: op)
        }
        #expect(throws: BulkheadError.notPermitted("that folder cannot be granted: it is or lies inside the Bulkhead home")) {
            try fixture.engine.grantFolder(fixture.workspace.root.path, to: fixture.acme, by: op)
        }
        let world = fixture.outside.url.appendingPathComponent("shared-tmp", isDirectory: true)
        try FileManager.default.createDirectory(at: world, withIntermediateDirectories: true)
        chmod(world.path, 0o1777)
        #expect(throws: BulkheadError.self) { try fixture.engine.grantFolder(world.path, to: fixture.acme, by: op) }
        #expect(try fixture.engine.allowedRoots(fixture.member(fixture.acme)) == [SourcePathPolicy.realPath(fixture.acmeRoot.path)!])
    }

    @Test("a path with .. that leaves the allowed root is refused")
    func dotDot() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        _ = try fixture.database(in: fixture.outside.url, as: "loose.sqlite", labels: ["x"])
        let escaping = fixture.acmeRoot.path + "/../loose.sqlite"
        #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.addSource(acme, name: "loose", path: escaping) }
        let globexFile = try fixture.database(in: fixture.globexRoot, as: "clinic.sqlite", labels: ["x"])
        #expect(throws: SourcePathPolicy.refusal) {
            try fixture.engine.addSource(acme, name: "clinic", path: fixture.acmeRoot.path + "/../globex-data/clinic.sqlite")
        }
        #expect(FileManager.default.fileExists(atPath: globexFile))
    }

    @Test("a symlink to another org's file is refused, as is another org's connected file under a shared root")
    func symlinkToOtherOrg() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let globex = fixture.admin(fixture.globex)
        let globexFile = try fixture.database(in: fixture.globexRoot, as: "clinic.sqlite", labels: ["GLOBEX-CANARY-3"])
        _ = try fixture.engine.addSource(globex, name: "clinic", path: globexFile)
        let link = fixture.acmeRoot.appendingPathComponent("innocent.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: globexFile)
        #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.addSource(acme, name: "innocent", path: link) }
        // The folder that holds both orgs' folders cannot be granted.
        #expect(throws: BulkheadError.self) { try fixture.engine.grantFolder(fixture.outside.url.path, to: fixture.acme, by: EngineFixture.operator) }
        // A grant revoked from Globex and given to Acme: the claim on Globex's connected file still refuses.
        try fixture.engine.revokeFolder(fixture.globexRoot.path, from: fixture.globex, by: EngineFixture.operator)
        try fixture.engine.grantFolder(fixture.globexRoot.path, to: fixture.acme, by: EngineFixture.operator)
        #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.addSource(acme, name: "clinic", path: globexFile) }
    }

    @Test("another org's folder, a folder inside it or one holding it cannot be granted; a file it has not connected stays out of reach")
    func anotherOrgsFolder() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let globex = fixture.admin(fixture.globex)
        let op = EngineFixture.operator
        // Globex put a file in its folder and has not connected it yet.
        let pending = try fixture.database(in: fixture.globexRoot, as: "pending.sqlite", labels: ["GLOBEX-CANARY-9"])
        let inner = fixture.globexRoot.appendingPathComponent("inner", isDirectory: true)
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        let overlap = BulkheadError.notPermitted("that folder cannot be granted: it is, contains or lies inside a folder granted to another organization")
        for folder in [fixture.globexRoot, inner, fixture.globexRoot.appendingPathComponent("..").appendingPathComponent("globex-data")] {
            #expect(throws: overlap) { try fixture.engine.grantFolder(folder.path, to: fixture.acme, by: op) }
        }
        #expect(throws: BulkheadError.invalidInput("that folder cannot be granted: it is not an existing directory")) {
            try fixture.engine.grantFolder(fixture.outside.url.appendingPathComponent("missing").path, to: fixture.acme, by: op)
        }
        #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.addSource(acme, name: "pending", path: pending) }
        #expect(try fixture.engine.allowedRoots(acme) == [SourcePathPolicy.realPath(fixture.acmeRoot.path)!])
        // Globex connects its own file, and may be granted a folder inside its own.
        _ = try fixture.engine.addSource(globex, name: "pending", path: pending)
        try fixture.engine.grantFolder(inner.path, to: fixture.globex, by: op)
        // A folder beside both is fine for either, but only for the first.
        let beside = fixture.outside.url.appendingPathComponent("acme-more", isDirectory: true)
        try FileManager.default.createDirectory(at: beside, withIntermediateDirectories: true)
        try fixture.engine.grantFolder(beside.path, to: fixture.acme, by: op)
        #expect(throws: overlap) { try fixture.engine.grantFolder(beside.path, to: fixture.globex, by: op) }
    }

    @Test("the home's control.db, tenant files and another org's area are refused, even through a symlink")
    func homeFiles() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let control = fixture.workspace.controlDatabaseURL.path
        let link = fixture.acmeRoot.appendingPathComponent("control.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: control)
        #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.addSource(acme, name: "control", path: link) }
        #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.addSource(acme, name: "control", path: control) }
        let globexDB = fixture.workspace.tenantDatabaseURL(for: fixture.globex).path
        #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.addSource(acme, name: "tenant", path: globexDB) }
        // The packaged (demo) door accepts only the org's own area.
        let globexArea = try fixture.workspace.makeOrgArea(for: fixture.globex)
        let globexDemo = try fixture.database(in: globexArea, as: "demo.sqlite", labels: ["GLOBEX-CANARY-4"])
        #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.addPackagedSource(acme, name: "demo", path: URL(fileURLWithPath: globexDemo)) }
        #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.addPackagedSource(acme, name: "demo", path: URL(fileURLWithPath: control)) }
        let acmeArea = try fixture.workspace.makeOrgArea(for: fixture.acme)
        let acmeDemo = try fixture.database(in: acmeArea, as: "demo.sqlite", labels: ["ACME-CANARY-4"])
        _ = try fixture.engine.addPackagedSource(acme, name: "demo", path: URL(fileURLWithPath: acmeDemo))
        #expect(try fixture.engine.query(acme, source: "demo", sql: "select label from items").rows == [[.text("ACME-CANARY-4")]])
    }

    @Test("a symlink swapped after connecting does not win")
    func swappedSymlink() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let globex = fixture.admin(fixture.globex)
        let mine = try fixture.database(in: fixture.acmeRoot, as: "real.sqlite", labels: ["ACME-CANARY-5"])
        let theirs = try fixture.database(in: fixture.globexRoot, as: "clinic.sqlite", labels: ["GLOBEX-CANARY-5"])
        _ = try fixture.engine.addSource(globex, name: "clinic", path: theirs)
        let link = fixture.acmeRoot.appendingPathComponent("current.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: mine)
        _ = try fixture.engine.addSource(acme, name: "current", path: link)
        #expect(try fixture.engine.query(acme, source: "current", sql: "select label from items").rows == [[.text("ACME-CANARY-5")]])
        for target in [theirs, fixture.workspace.controlDatabaseURL.path, fixture.workspace.tenantDatabaseURL(for: fixture.globex).path] {
            try FileManager.default.removeItem(atPath: link)
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
            #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.query(acme, source: "current", sql: "select * from items") }
            #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.showSource(acme, "current") }
        }
        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: mine)
        #expect(try fixture.engine.query(acme, source: "current", sql: "select label from items").rows == [[.text("ACME-CANARY-5")]])
    }

    @Test("directories, FIFOs and devices are not sources")
    func specialFiles() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let fifo = fixture.acmeRoot.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.addSource(acme, name: "pipe", path: fifo) }
        let folder = fixture.acmeRoot.appendingPathComponent("folder").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.addSource(acme, name: "folder", path: folder) }
        let device = fixture.acmeRoot.appendingPathComponent("null").path
        try FileManager.default.createSymbolicLink(atPath: device, withDestinationPath: "/dev/null")
        #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.addSource(acme, name: "null", path: device) }
        #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.addSource(acme, name: "missing", path: fixture.acmeRoot.path + "/missing.sqlite") }
        let notDB = try fixture.file(in: fixture.acmeRoot, as: "text.sqlite", bytes: Array(String(repeating: "plain text, not a database\n", count: 10).utf8))
        #expect(throws: BulkheadError.sqlFailed("the source is not a SQLite database")) { try fixture.engine.addSource(acme, name: "text", path: notDB) }
    }

    @Test("errors a tenant sees carry no path and no other org's names")
    func safeMessages() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        _ = try fixture.engine.addSource(acme, name: "shop", path: try fixture.database(in: fixture.acmeRoot, as: "shop.sqlite", labels: ["a"]))
        var messages: [String] = []
        for sql in ["select * from missing", "attach '/etc/passwd' as x", "select load_extension('x')", "pragma database_list", "selec"] {
            do { _ = try fixture.engine.query(acme, source: "shop", sql: sql) } catch let error as BulkheadError { messages.append(error.message) }
        }
        #expect(messages.count == 5)
        for message in messages {
            #expect(!message.contains(fixture.workspace.root.path))
            #expect(!message.contains("/etc/passwd"))
            #expect(!message.contains(fixture.outside.url.path))
            #expect(!message.contains("org-globex"))
        }
    }
}
