import BulkheadCore
@testable import BulkheadEngine
import Foundation
import GRDB
import Testing

@Suite("Sandboxed connection")
struct SandboxTests {
    let directory: TemporaryDirectory
    let connection: SandboxedConnection

    init() throws {
        directory = try TemporaryDirectory()
        connection = try SandboxedConnection(path: try directory.copyChinook())
    }

    private func refusal(_ sql: String) -> BulkheadError? {
        do {
            _ = try connection.execute(sql)
            return nil
        } catch {
            return error as? BulkheadError
        }
    }

    @Test("reads Chinook through the sandbox")
    func readsChinook() throws {
        let count = try connection.execute("select count(*) from Track")
        #expect(count.rows == [[.integer(3503)]])
        let join = try connection.execute("""
            select Artist.Name, count(*) from Album join Artist on Artist.ArtistId = Album.ArtistId
            group by Artist.ArtistId order by count(*) desc, Artist.Name limit 2
            """)
        #expect(join.rows == [[.text("Iron Maiden"), .integer(21)], [.text("Led Zeppelin"), .integer(14)]])
        #expect(join.columns == ["Name", "count(*)"])
    }

    @Test("allowed read-only PRAGMAs and recursive CTEs work")
    func allowedPragmas() throws {
        let info = try connection.execute("PRAGMA table_info(Track)")
        #expect(info.rowCount == 9)
        let keys = try connection.execute("pragma foreign_key_list('Track')")
        #expect(keys.rowCount == 3)
        let cte = try connection.execute("with recursive c(x) as (select 1 union all select x + 1 from c where x < 10) select sum(x) from c")
        #expect(cte.rows == [[.integer(55)]])
    }

    @Test("ATTACH is refused")
    func attach() {
        #expect(refusal("ATTACH DATABASE '\(directory.path("other.db"))' AS other") == .sqlRefused("ATTACH is not allowed"))
    }

    @Test("DETACH is refused")
    func detach() {
        #expect(refusal("DETACH DATABASE main") == .sqlRefused("DETACH is not allowed"))
    }

    @Test("writing PRAGMAs and PRAGMAs off the allow list are refused")
    func pragmas() {
        let writes = ["PRAGMA writable_schema = 1", "PRAGMA journal_mode = delete", "PRAGMA user_version = 7", "PRAGMA database_list", "PRAGMA query_only = 0"]
        for sql in writes {
            guard case let .sqlRefused(reason)? = refusal(sql) else {
                Issue.record("\(sql) was not refused")
                continue
            }
            #expect(reason.hasPrefix("PRAGMA "))
        }
    }

    @Test("load_extension is refused")
    func loadExtension() {
        #expect(refusal("select load_extension('/tmp/evil.so')") == .sqlRefused("load_extension is not allowed"))
    }

    @Test("VACUUM and VACUUM INTO are refused")
    func vacuum() {
        #expect(refusal("VACUUM") == .sqlRefused("VACUUM is not allowed"))
        #expect(refusal("VACUUM INTO '\(directory.path("copy.db"))'") == .sqlRefused("VACUUM is not allowed"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("copy.db")))
    }

    @Test("writes are refused")
    func writes() {
        for sql in ["insert into Genre (Name) values ('x')", "update Track set Name = 'x'", "delete from Track", "replace into Genre (GenreId, Name) values (1, 'x')"] {
            #expect(refusal(sql) == .sqlRefused("only read-only statements are allowed"), "\(sql)")
        }
    }

    @Test("creating and dropping anything, temporary or not, is refused")
    func ddl() {
        #expect(refusal("create temp table t(x)") == .sqlRefused("temporary tables, views, indexes and triggers are not allowed"))
        #expect(refusal("create temp view v as select 1") == .sqlRefused("temporary tables, views, indexes and triggers are not allowed"))
        #expect(refusal("create table t(x)") == .sqlRefused("creating tables, views, indexes or triggers is not allowed"))
        #expect(refusal("create view v as select 1") == .sqlRefused("creating tables, views, indexes or triggers is not allowed"))
        #expect(refusal("create index i on Track(Name)") == .sqlRefused("creating tables, views, indexes or triggers is not allowed"))
        #expect(refusal("drop table Track") == .sqlRefused("dropping tables, views, indexes or triggers is not allowed"))
        #expect(refusal("alter table Track add column x") == .sqlRefused("ALTER TABLE is not allowed"))
        #expect(refusal("analyze") == .sqlRefused("REINDEX and ANALYZE are not allowed"))
    }

    @Test("transactions and savepoints are refused")
    func transactions() {
        #expect(refusal("begin") == .sqlRefused("transactions and savepoints are not allowed"))
        #expect(refusal("begin immediate") == .sqlRefused("transactions and savepoints are not allowed"))
        #expect(refusal("savepoint s1") == .sqlRefused("transactions and savepoints are not allowed"))
        #expect(refusal("commit") == .sqlRefused("transactions and savepoints are not allowed"))
    }

    @Test("two statements in one string are refused; trailing comments are not")
    func twoStatements() throws {
        #expect(refusal("select 1; select 2") == .sqlRefused("only one statement at a time"))
        #expect(refusal("select 1; drop table Track") == .sqlRefused("only one statement at a time"))
        #expect(refusal("select count(*) from Track;\nATTACH 'x' AS y") == .sqlRefused("only one statement at a time"))
        let fine = try connection.execute("select 1; -- a comment\n /* another */ ;")
        #expect(fine.rows == [[.integer(1)]])
        let rows = try connection.execute("select count(*) from Track")
        #expect(rows.rows == [[.integer(3503)]])
    }

    @Test("a recursive CTE that never ends is stopped by the time limit")
    func timeLimit() {
        let options = QueryOptions(timeLimit: 0.3)
        #expect(throws: BulkheadError.timeLimit(seconds: 0.3)) {
            _ = try connection.execute("with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c", options: options)
        }
        #expect(BulkheadError.timeLimit(seconds: 0.3).message == "the statement ran longer than 0.3 s and was stopped")
    }

    @Test("a million-row result keeps only the cap and counts the rest")
    func millionRows() throws {
        let sql = "with recursive c(x) as (select 1 union all select x + 1 from c where x < 1000000) select x, 'row ' || x from c"
        let result = try connection.execute(sql, options: QueryOptions(timeLimit: 60))
        #expect(result.rowCount == 1_000_000)
        #expect(result.rows.count == 10_000)
        #expect(result.truncated)
        #expect(result.rows.last == [.integer(10_000), .text("row 10000")])
    }

    @Test("SQLite errors carry the class and the tenant's own identifiers, never a path")
    func safeErrors() {
        #expect(refusal("select * from NoSuchTable") == .sqlFailed("no such table: NoSuchTable"))
        #expect(refusal("select Nope from Track") == .sqlFailed("no such column: Nope"))
        #expect(refusal("selec 1") == .sqlFailed("syntax error near \"selec\""))
        #expect(throws: BulkheadError.sqlFailed("the source is not a SQLite database")) {
            let path = directory.path("not-a-db.sqlite")
            try Data("this is not sqlite, just text that is long enough to be a header....".utf8).write(to: URL(fileURLWithPath: path))
            let bad = try SandboxedConnection(path: path)
            _ = try bad.execute("select count(*) from sqlite_schema")
        }
    }

    @Test("the statement cache reuses a prepared statement with new parameters")
    func parameters() throws {
        for id in [1, 2, 3503] {
            let result = try connection.execute("select TrackId from Track where TrackId = ?", parameters: [.integer(Int64(id))])
            #expect(result.rows == [[.integer(Int64(id))]])
        }
    }
}

@Suite("Sandboxed connection on other files")
struct SandboxFileTests {
    @Test("a WAL-mode database opens read-only and is never written")
    func walDatabase() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("wal.sqlite")
        let pool = try GRDB.DatabasePool(path: path)
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3)")
        }
        try pool.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let connection = try SandboxedConnection(path: path)
        #expect(try connection.execute("select sum(x) from t").rows == [[.integer(6)]])
        #expect(throws: BulkheadError.sqlRefused("only read-only statements are allowed")) { try connection.execute("insert into t values (4)") }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a hostile schema cannot run functions through a view or trigger (untrusted schema)")
    func untrustedSchema() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("hostile.sqlite")
        let queue = try GRDB.DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)")
            try db.execute(sql: "CREATE VIEW v AS SELECT load_extension('/tmp/evil.so') AS y FROM t")
        }
        try queue.close()
        let connection = try SandboxedConnection(path: path)
        #expect(throws: BulkheadError.self) { try connection.execute("select * from v") }
        #expect(try connection.execute("select x from t").rows == [[.integer(1)]])
    }
}
