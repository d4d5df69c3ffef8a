import BulkheadCore
@testable import BulkheadEngine
import Foundation
import GRDB
import Testing

/// The `-wal` hard-link attack: another org's live WAL, hard-linked beside a stub database in
/// one's own folder, must never be read.
@Suite("SQLite sidecar files")
struct SidecarTests {
    /// Globex's live source in WAL mode, its last rows still in the `-wal` (no checkpoint), and
    /// the writer kept open so the `-wal` stays. Returns the writer (close it to end the attack).
    static func liveVictim(_ fixture: EngineFixture) throws -> (DatabasePool, String) {
        let path = fixture.globexRoot.appendingPathComponent("clinic.sqlite").path
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE secrets (x TEXT); INSERT INTO secrets VALUES ('GLOBEX-CANARY-WAL')")
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        return (pool, path)
    }

    /// An empty WAL-mode database in Acme's folder, its own sidecars removed.
    static func stub(_ fixture: EngineFixture) throws -> String {
        let path = fixture.acmeRoot.appendingPathComponent("stub.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try queue.close()
        for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
        return path
    }

    @Test("a hard link to another org's live -wal beside a stub is refused at source add")
    func hardLinkedWALAtAdd() throws {
        let fixture = try EngineFixture()
        let (writer, victim) = try Self.liveVictim(fixture)
        defer { try? writer.close() }
        let stub = try Self.stub(fixture)
        #expect(link(victim + "-wal", stub + "-wal") == 0)
        #expect(throws: SidecarFiles.refusal) { try fixture.engine.addSource(fixture.admin(fixture.acme), name: "stub", path: stub) }
        #expect(try fixture.engine.listSources(fixture.admin(fixture.acme)).isEmpty)
    }

    @Test("a -wal linked in after the source was added is never read: the stub stays empty and new connections are refused")
    func hardLinkedWALAfterAdd() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let (writer, victim) = try Self.liveVictim(fixture)
        defer { try? writer.close() }
        let stub = try Self.stub(fixture)
        _ = try fixture.engine.addSource(acme, name: "stub", path: stub)
        #expect(try fixture.engine.query(acme, source: "stub", sql: "select 1").rows == [[.integer(1)]])
        #expect(link(victim + "-wal", stub + "-wal") == 0)
        // The pooled connection is immutable: it reads the stub's own file and nothing beside it.
        #expect(throws: BulkheadError.sqlFailed("no such table: secrets")) {
            try fixture.engine.query(acme, source: "stub", sql: "select x from secrets")
        }
        #expect(try fixture.engine.query(acme, source: "stub", sql: "select count(*) from sqlite_schema").rows == [[.integer(0)]])
        // A connection opened now sees the link and refuses.
        #expect(throws: SidecarFiles.refusal) { try SandboxedConnection(path: stub) }
    }

    @Test("even without the sidecar check, an immutable open reads nothing but the database file")
    func immutableOpenIgnoresTheWAL() throws {
        let fixture = try EngineFixture()
        let (writer, victim) = try Self.liveVictim(fixture)
        defer { try? writer.close() }
        let stub = try Self.stub(fixture)
        // A copy, not a link: it passes the sidecar check, and the immutable open must still not read it.
        try FileManager.default.copyItem(atPath: victim + "-wal", toPath: stub + "-wal")
        let connection = try SandboxedConnection(path: stub)
        #expect(try connection.execute("select count(*) from sqlite_schema").rows == [[.integer(0)]])
        // The same file, opened the ordinary way, does read the copied WAL: this is what the attack needed.
        let ordinary = try DatabaseQueue(path: stub, configuration: { var c = Configuration(); c.readonly = true; return c }())
        #expect(try ordinary.read { db in try String.fetchOne(db, sql: "select x from secrets") } == "GLOBEX-CANARY-WAL")
        try ordinary.close()
    }

    @Test("symlinked and foreign sidecars are refused; a plain -wal of the file's own is fine")
    func otherSidecars() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.makeDatabase("plain.sqlite", labels: ["a"])
        try Data().write(to: URL(fileURLWithPath: path + "-journal"))
        #expect(throws: Never.self) { try SidecarFiles.check(path) }
        unlink(path + "-journal")
        #expect(symlink("/etc/passwd", path + "-shm") == 0)
        #expect(throws: SidecarFiles.refusal) { try SidecarFiles.check(path) }
        unlink(path + "-shm")
        #expect(mkdir(path + "-wal", 0o700) == 0)
        #expect(throws: SidecarFiles.refusal) { try SidecarFiles.check(path) }
    }
}
