import BulkheadCore
@testable import BulkheadEngine
import BulkheadStore
import GRDB
import XCTest

/// A PostgreSQL source (Chinook loaded into the throwaway cluster) browsed and queried through the engine.
final class PostgresSourceTests: XCTestCase {
    private var f: PostgresSourceFixture!

    override func setUpWithError() throws {
        f = try PostgresSourceFixture()
    }

    override func tearDown() {
        f = nil
    }

    func testBrowsingMatchesTheSameDatabaseInSQLite() throws {
        try f.add(f.engine.acme)
        let path = try f.engine.chinook(in: f.engine.acmeRoot)
        _ = try f.engine.engine.addSource(f.engine.admin(f.engine.acme), name: "music-file", path: path)
        let postgres = try f.engine.engine.showSource(f.engine.admin(f.engine.acme), "music").schema
        let sqlite = try f.engine.engine.showSource(f.engine.admin(f.engine.acme), "music-file").schema
        XCTAssertEqual(postgres.tables.map(\.name), sqlite.tables.map(\.name))
        XCTAssertEqual(postgres.tables.map(\.rowCount), sqlite.tables.map(\.rowCount))
        for (pg, lite) in zip(postgres.tables, sqlite.tables) {
            XCTAssertEqual(pg.columns.map(\.name), lite.columns.map(\.name), pg.name)
            XCTAssertEqual(pg.primaryKey, lite.primaryKey, pg.name)
            XCTAssertEqual(Set(pg.foreignKeys.map(\.referencedTable)), Set(lite.foreignKeys.map(\.referencedTable)), pg.name)
            XCTAssertEqual(pg.sampleRows.count, lite.sampleRows.count, pg.name)
        }
        let track = try XCTUnwrap(postgres.table(named: "Track"))
        XCTAssertEqual(track.columns.first { $0.name == "UnitPrice" }?.type, "numeric(10,2)")
        XCTAssertEqual(track.columns.first { $0.name == "TrackId" }?.primaryKeyPosition, 1)
        XCTAssertEqual(postgres.table(named: "Genre")?.textValues["Name"]?.count, 25)
        XCTAssertEqual(Set(postgres.table(named: "MediaType")?.textValues["Name"] ?? []),
                       Set(sqlite.table(named: "MediaType")?.textValues["Name"] ?? []))
    }

    func testQueriesReturnRowsValuesAndTheCapLikeSQLite() throws {
        try f.add(f.engine.acme)
        let artists = try f.query(f.engine.acme, #"SELECT "Name" FROM "Artist" ORDER BY "ArtistId" LIMIT 3;"#)
        XCTAssertEqual(artists.columns, ["Name"])
        XCTAssertEqual(artists.rows, [[.text("AC/DC")], [.text("Accept")], [.text("Aerosmith")]])
        let typed = try f.query(f.engine.acme, #"SELECT "TrackId", "UnitPrice", "Milliseconds" > 0, "Composer" FROM "Track" WHERE "TrackId" = 1"#)
        XCTAssertEqual(typed.rows.first?[0], .integer(1))
        XCTAssertEqual(typed.rows.first?[1], .real(0.99))
        XCTAssertEqual(typed.rows.first?[2], .integer(1))
        let date = try f.query(f.engine.acme, #"SELECT "InvoiceDate" FROM "Invoice" WHERE "InvoiceId" = 1"#)
        XCTAssertEqual(date.rows.first?[0], .text("2021-01-01 00:00:00"), "the same text as the SQLite file holds")
        let capped = try f.query(f.engine.acme, #"SELECT * FROM "Track""#, options: QueryOptions(rowCap: 10))
        XCTAssertEqual(capped.rows.count, 10)
        XCTAssertEqual(capped.rowCount, 3503)
        XCTAssertTrue(capped.truncated)
        let nothing = try f.query(f.engine.acme, #"SELECT "Name" FROM "Artist" WHERE false"#)
        XCTAssertEqual(nothing.columns, ["Name"])
        XCTAssertEqual(nothing.rowCount, 0)
    }

    func testWritesFilesOtherServersAndSecondStatementsAreRefused() throws {
        try f.add(f.engine.acme)
        let attempts = [
            #"INSERT INTO "Artist" ("ArtistId", "Name") VALUES (9999, 'x')"#,
            #"UPDATE "Artist" SET "Name" = 'x'"#,
            #"DELETE FROM "Artist""#,
            #"DROP TABLE "Artist""#,
            "CREATE TABLE stolen (x int)",
            "COPY (SELECT 1) TO PROGRAM 'touch /tmp/bulkhead-pwned'",
            #"COPY "Artist" FROM '/etc/passwd'"#,
            "SELECT pg_read_file('/etc/passwd')",
            #"SELECT "pg_read_file"('/etc/passwd')"#,
            "SELECT pg_catalog.pg_read_binary_file('/etc/passwd')",
            "SELECT * FROM dblink('host=127.0.0.1 dbname=postgres', 'SELECT 1') AS t(x int)",
            "SELECT set_config('statement_timeout', '0', false)",
            "SELECT query_to_xml('DELETE FROM \"Artist\"', true, true, '')",
            #"SELECT 1; DELETE FROM "Artist""#,
            #"SELECT 1 /* ; */ ; SELECT 2"#,
            #"WITH gone AS (DELETE FROM "Artist" RETURNING *) SELECT count(*) FROM gone"#,
            #"SELECT * FROM "Artist" FOR UPDATE"#,
            "SET statement_timeout = 0",
            "EXPLAIN ANALYZE SELECT 1",
        ]
        for sql in attempts {
            let error = f.error { _ = try f.query(f.engine.acme, sql) }
            guard case .sqlRefused? = error else {
                XCTFail("not refused: \(sql) -> \(String(describing: error))")
                continue
            }
        }
        XCTAssertEqual(f.error { _ = try f.query(f.engine.acme, "COPY (SELECT 1) TO PROGRAM 'true'") }, .sqlRefused("COPY is not allowed"))
        XCTAssertEqual(f.error { _ = try f.query(f.engine.acme, "SELECT 1; SELECT 2") }, .sqlRefused("only one statement at a time"))
        XCTAssertEqual(f.error { _ = try f.query(f.engine.acme, "SELECT pg_read_file('/etc/passwd')") },
                       .sqlRefused("the function pg_read_file is not allowed"))
        XCTAssertEqual(try f.query(f.engine.acme, #"SELECT count(*) FROM "Artist""#).rows, [[.integer(275)]])
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/bulkhead-pwned"))
        // Semicolons and function names inside literals, names and comments are text, not statements or calls.
        let quoted = try f.query(f.engine.acme, "SELECT 'a; DELETE' AS \"x;y\", $tag$pg_read_file(1); $tag$ -- ; DROP\n;")
        XCTAssertEqual(quoted.columns, ["x;y", "?column?"])
    }

    func testARunawayQueryStopsAtTheTimeLimitAndTheSourceStillAnswers() throws {
        try f.add(f.engine.acme)
        let started = Date()
        XCTAssertEqual(f.error { _ = try f.query(f.engine.acme, "SELECT pg_sleep(60)", options: QueryOptions(timeLimit: 1)) },
                       .timeLimit(seconds: 1))
        XCTAssertEqual(f.error {
            _ = try f.query(f.engine.acme, #"SELECT count(*) FROM "Track" a, "Track" b, "Track" c"#, options: QueryOptions(timeLimit: 1))
        }, .timeLimit(seconds: 1))
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        XCTAssertEqual(try f.query(f.engine.acme, #"SELECT count(*) FROM "Genre""#).rows, [[.integer(25)]])
    }

    func testErrorsAreScrubbedToOurOwnSentences() throws {
        try f.add(f.engine.acme)
        XCTAssertEqual(f.error { _ = try f.query(f.engine.acme, "SELECT * FROM nope") }, .sqlFailed("no such table: nope"))
        XCTAssertEqual(f.error { _ = try f.query(f.engine.acme, #"SELECT "Nope" FROM "Artist""#) }, .sqlFailed("no such column: Nope"))
        XCTAssertEqual(f.error { _ = try f.query(f.engine.acme, "SELECT 1/0") }, .sqlFailed("a value is not valid for its type"))
        let syntax = f.error { _ = try f.query(f.engine.acme, "SELECT FROM WHERE") }
        XCTAssertEqual(syntax, .sqlFailed("syntax error near \"WHERE\""))
        try f.engine.engine.grantHost("127.0.0.1:1", to: f.engine.acme, by: EngineFixture.operator)
        let missingServer = f.error {
            _ = try f.engine.engine.addPostgresSource(f.engine.admin(f.engine.acme), name: "gone",
                                                      url: "postgres://reader@127.0.0.1:1/chinook", password: "x")
        }
        XCTAssertEqual(missingServer, .unavailable("the database could not be reached"))
        let wrongPassword = f.error {
            _ = try f.engine.engine.addPostgresSource(f.engine.admin(f.engine.acme), name: "wrong", url: f.url, password: "wrong")
        }
        XCTAssertEqual(wrongPassword, .invalidInput("the database refused the login (check the user and password)"))
        for error in [syntax, missingServer, wrongPassword].compactMap({ $0 }) {
            XCTAssertFalse(error.message.contains("relation"))
            XCTAssertFalse(error.message.contains("authentication"))
            XCTAssertFalse(error.message.contains("reader_"))
        }
    }

    func testAnotherOrgsPostgresSourceAnswersLikeAMissingOne() throws {
        let added = try f.add(f.engine.acme)
        XCTAssertEqual(f.error { _ = try f.query(f.engine.globex, "SELECT 1") }, .notFound(kind: "source", name: "music"))
        XCTAssertEqual(f.error { _ = try f.query(f.engine.globex, "SELECT 1", source: added.source.id.rawValue) },
                       .notFound(kind: "source", name: added.source.id.rawValue))
        XCTAssertEqual(f.error { _ = try f.engine.engine.showSource(f.engine.admin(f.engine.globex), added.source.id.rawValue) },
                       .notFound(kind: "source", name: added.source.id.rawValue))
        XCTAssertEqual(try f.engine.engine.listSources(f.engine.admin(f.engine.globex)), [])
    }

    func testThePasswordIsSealedForItsOrgAndSourceOnly() throws {
        let added = try f.add(f.engine.acme)
        XCTAssertFalse(added.source.location.contains(f.password))
        let sealed = try XCTUnwrap(try f.engine.tenants.database(org: f.engine.acme).read { db in
            try String.fetchOne(db, sql: "SELECT sealed_secret FROM sources WHERE id = ?", arguments: [added.source.id.rawValue])
        })
        XCTAssertFalse(sealed.contains(f.password))
        let secrets = SealedSecrets(workspace: f.engine.workspace)
        let own = QueryEngine.postgresSecretContext(org: f.engine.acme, source: added.source.id)
        XCTAssertEqual(try secrets.openString(sealed, context: own), f.password)
        let moved = QueryEngine.postgresSecretContext(org: f.engine.globex, source: added.source.id)
        XCTAssertThrowsError(try secrets.openString(sealed, context: moved))
    }

    func testPowerfulRolesMembersAndPasswordsInTheURLAreRefused() throws {
        let superuser = f.chinook.superuserURL
        let powerful = f.error {
            _ = try f.engine.engine.addPostgresSource(f.engine.admin(f.engine.acme), name: "root", url: superuser.description,
                                                      password: superuser.password ?? "")
        }
        guard case let .invalidInput(reason)? = powerful else { return XCTFail("a superuser source was accepted") }
        XCTAssertTrue(reason.contains("read-only role"))
        XCTAssertEqual(f.error { _ = try f.engine.engine.addPostgresSource(f.engine.member(f.engine.acme), name: "m", url: f.url, password: f.password) },
                       .denied)
        let inline = f.error {
            _ = try f.engine.engine.addPostgresSource(f.engine.admin(f.engine.acme), name: "inline",
                                                      url: "postgres://reader:secret@127.0.0.1/x", password: "secret")
        }
        guard case .invalidInput? = inline else { return XCTFail("a password in the URL was accepted") }
        XCTAssertEqual(try f.engine.engine.listSources(f.engine.admin(f.engine.acme)), [])
    }

    func testRemovingTheSourceForgetsIt() throws {
        try f.add(f.engine.acme)
        _ = try f.query(f.engine.acme, "SELECT 1")
        try f.engine.engine.removeSource(f.engine.admin(f.engine.acme), "music")
        XCTAssertEqual(f.error { _ = try f.query(f.engine.acme, "SELECT 1") }, .notFound(kind: "source", name: "music"))
    }

    func testHostsAreGrantedByTheOperatorAndARevokedHostStopsTheSource() throws {
        let host = "\(f.chinook.readerURL.host):\(f.chinook.readerURL.port)"
        let engine = f.engine.engine
        try engine.revokeHost(host, from: f.engine.acme, by: EngineFixture.operator)
        XCTAssertEqual(f.error { try f.add(f.engine.acme) }, HostGrants.refusal)
        XCTAssertEqual(try engine.listSources(f.engine.admin(f.engine.acme)), [])
        XCTAssertEqual(try engine.allowedHosts(f.engine.admin(f.engine.acme)), [])
        XCTAssertEqual(try engine.allowedHosts(f.engine.admin(f.engine.globex)), [host])
        XCTAssertEqual(try engine.grantHost(host.uppercased(), to: f.engine.acme, by: EngineFixture.operator), host)
        try f.add(f.engine.acme)
        XCTAssertEqual(try f.query(f.engine.acme, #"SELECT count(*) FROM "Genre""#).rows, [[.integer(25)]])
        try engine.revokeHost(host, from: f.engine.acme, by: EngineFixture.operator)
        XCTAssertEqual(f.error { _ = try f.query(f.engine.acme, "SELECT 1") }, HostGrants.refusal)
        XCTAssertEqual(try HostGrants.parse("DB.Example.com"), "db.example.com:5432")
        XCTAssertEqual(try HostGrants.parse("[::1]:6543"), "[::1]:6543")
        for bad in ["", "db:0", "db:x", "[::1", "db/x:5432", "db:70000"] {
            XCTAssertThrowsError(try HostGrants.parse(bad), bad)
        }
    }
}
