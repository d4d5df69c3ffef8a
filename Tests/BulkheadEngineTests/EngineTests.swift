import BulkheadCore
@testable import BulkheadEngine
import Foundation
import GRDB
import Testing

@Suite("Query engine over Chinook")
struct EngineTests {
    @Test("source show finds Chinook's 11 tables, their columns, keys, row counts and samples")
    func showChinook() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let path = try fixture.chinook(in: fixture.acmeRoot)
        let added = try fixture.engine.addSource(acme, name: "chinook", path: path)
        #expect(added.source.kind == .sqlite)
        let details = try fixture.engine.showSource(acme, "chinook")
        #expect(details.schema.tables.map(\.name) == [
            "Album", "Artist", "Customer", "Employee", "Genre", "Invoice", "InvoiceLine", "MediaType", "Playlist", "PlaylistTrack", "Track",
        ])
        let track = try #require(details.schema.table(named: "Track"))
        #expect(track.rowCount == 3503)
        #expect(track.primaryKey == ["TrackId"])
        #expect(track.columns.first { $0.name == "UnitPrice" }?.type == "NUMERIC(10,2)")
        #expect(Set(track.foreignKeys.map(\.referencedTable)) == ["Album", "Genre", "MediaType"])
        #expect(track.sampleRows.count == 5)
        let playlistTrack = try #require(details.schema.table(named: "PlaylistTrack"))
        #expect(playlistTrack.primaryKey == ["PlaylistId", "TrackId"])
        let allKeys = details.schema.tables.reduce(0) { $0 + $1.foreignKeys.count }
        #expect(allKeys == 11)
        #expect(try fixture.engine.listSources(acme).map(\.name) == ["chinook"])
    }

    @Test("count and join on Chinook return the right rows")
    func queries() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        _ = try fixture.engine.addSource(acme, name: "chinook", path: try fixture.chinook(in: fixture.acmeRoot))
        let count = try fixture.engine.query(acme, source: "chinook", sql: "select count(*) from Track")
        #expect(count.rows == [[.integer(3503)]])
        #expect(count.rowCount == 1)
        #expect(!count.truncated)
        let join = try fixture.engine.query(acme, source: "chinook", sql: """
            select g.Name, count(*) as tracks from Track t join Genre g on g.GenreId = t.GenreId
            group by g.GenreId order by tracks desc limit 3
            """)
        #expect(join.columns == ["Name", "tracks"])
        #expect(join.rows == [[.text("Rock"), .integer(1297)], [.text("Latin"), .integer(579)], [.text("Metal"), .integer(374)]])
        let invoice = try fixture.engine.query(acme, source: "chinook", sql: """
            select c.FirstName, c.LastName, round(sum(i.Total), 2) from Invoice i join Customer c on c.CustomerId = i.CustomerId
            group by c.CustomerId order by sum(i.Total) desc limit 1
            """)
        #expect(invoice.rows == [[.text("Helena"), .text("Holý"), .real(49.62)]])
    }

    @Test("a cursor through the engine pages a million-row result with the cap and memory bounded")
    func engineCursor() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        _ = try fixture.engine.addSource(acme, name: "chinook", path: try fixture.chinook(in: fixture.acmeRoot))
        let sql = "with recursive c(x) as (select 1 union all select x + 1 from c where x < 1000000) select x from c"
        let capped = try fixture.engine.query(acme, source: "chinook", sql: sql, options: QueryOptions(timeLimit: 60))
        #expect(capped.rows.count == 10_000 && capped.rowCount == 1_000_000 && capped.truncated)
        let cursor = try fixture.engine.openCursor(acme, source: "chinook", sql: sql, options: QueryOptions(timeLimit: 60))
        #expect(try cursor.nextPage(100).map { $0[0] } == (1...100).map { .integer(Int64($0)) })
        #expect(fixture.engine.rateLimiter.usage(for: fixture.acme).statements == 1)
        cursor.close()
        #expect(fixture.engine.rateLimiter.usage(for: fixture.acme).statements == 0)
    }

    @Test("sandbox refusals come through the engine as safe errors")
    func refusalsThroughEngine() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        _ = try fixture.engine.addSource(acme, name: "chinook", path: try fixture.chinook(in: fixture.acmeRoot))
        let controlPath = fixture.workspace.controlDatabaseURL.path
        #expect(throws: BulkheadError.sqlRefused("ATTACH is not allowed")) {
            try fixture.engine.query(acme, source: "chinook", sql: "attach '\(controlPath)' as control")
        }
        #expect(throws: BulkheadError.sqlRefused("only one statement at a time")) {
            try fixture.engine.query(acme, source: "chinook", sql: "select 1; select 2")
        }
        #expect(throws: BulkheadError.timeLimit(seconds: 0.3)) {
            try fixture.engine.query(acme, source: "chinook", sql: "with recursive c(x) as (select 1 union all select x + 1 from c) select max(x) from c",
                                     options: QueryOptions(timeLimit: 0.3))
        }
        #expect(fixture.engine.rateLimiter.usage(for: fixture.acme).statements == 0)
    }

    @Test("the schema cache is rebuilt when the source file changes")
    func schemaInvalidation() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let path = try fixture.database(in: fixture.acmeRoot, as: "shop.sqlite", labels: ["a", "b"])
        _ = try fixture.engine.addSource(acme, name: "shop", path: path)
        #expect(try fixture.engine.schema(acme, source: "shop").tables.map(\.name) == ["items"])
        let queue = try GRDB.DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE more (x INTEGER); INSERT INTO items (label) VALUES ('c')") }
        try queue.close()
        let schema = try fixture.engine.schema(acme, source: "shop")
        #expect(schema.tables.map(\.name) == ["items", "more"])
        #expect(schema.table(named: "items")?.rowCount == 3)
    }

    @Test("names are validated and taken names conflict")
    func names() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let path = try fixture.database(in: fixture.acmeRoot, as: "shop.sqlite", labels: ["a"])
        for bad in ["", "../x", "a/b", "a'b", "-x", String(repeating: "a", count: 65), "src-0123456789abcdef01234567", "a\0b"] {
            #expect(throws: BulkheadError.self) { try fixture.engine.addSource(acme, name: bad, path: path) }
        }
        _ = try fixture.engine.addSource(acme, name: "shop", path: path)
        #expect(throws: BulkheadError.conflict("a source named 'shop' already exists")) {
            try fixture.engine.addSource(acme, name: "shop", path: path)
        }
    }

    @Test("removing a source forgets it; members may use sources but only admins add or remove them")
    func remove() throws {
        let fixture = try EngineFixture()
        let ada = fixture.admin(fixture.acme)
        let ben = fixture.member(fixture.acme)
        let shop = try fixture.database(in: fixture.acmeRoot, as: "shop.sqlite", labels: ["a"])
        #expect(throws: BulkheadError.denied) { try fixture.engine.addSource(ben, name: "shop", path: shop) }
        _ = try fixture.engine.addSource(ada, name: "shop", path: shop)
        _ = try fixture.engine.query(ben, source: "shop", sql: "select * from items")
        #expect(throws: BulkheadError.denied) { try fixture.engine.removeSource(ben, "shop") }
        try fixture.engine.removeSource(ada, "shop")
        #expect(throws: BulkheadError.notFound(kind: "source", name: "shop")) {
            try fixture.engine.query(ben, source: "shop", sql: "select * from items")
        }
        #expect(try fixture.engine.listSources(ben).isEmpty)
    }
}
