import BulkheadCore
@testable import BulkheadEngine
import Foundation
import Testing

@Suite("CSV sources")
struct CSVTests {
    @Test("RFC 4180 quoting: embedded commas, quotes and newlines, CRLF, and line numbers")
    func reader() throws {
        let text = "name,note\r\n\"Smith, Jo\",\"said \"\"hi\"\"\"\r\nplain,\"two\nlines\"\nlast,\n"
        var reader = try CSVReader(data: Data(text.utf8))
        #expect(reader.readAll() == [
            .record(line: 1, fields: ["name", "note"]),
            .record(line: 2, fields: ["Smith, Jo", "said \"hi\""]),
            .record(line: 3, fields: ["plain", "two\nlines"]),
            .record(line: 5, fields: ["last", ""]),
        ])
    }

    @Test("bad rows are reported with their line numbers and the good rows are imported")
    func badRows() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let csv = """
            id,city,amount,day
            1,Paris,10.5,2024-01-31
            2,Lyon
            3,"Nice, FR",7,2024-02-29
            4,Oslo,1,2024-03-01,extra
            5,"Rome"x,2,2024-03-02
            6,Bern,3,2024-03-03
            7,"never closed,4,2024-03-04

            """
        let path = try fixture.file(in: fixture.acmeRoot, as: "sales.csv", bytes: Array(csv.utf8))
        let added = try fixture.engine.addSource(acme, name: "sales", path: path, kind: .csv)
        let report = try #require(added.importReport)
        #expect(report.rowsImported == 3)
        #expect(report.badRows == [
            .init(line: 3, reason: "expected 4 fields, found 2"),
            .init(line: 5, reason: "expected 4 fields, found 5"),
            .init(line: 6, reason: "text after a closing quote"),
            .init(line: 8, reason: "a quoted field is never closed"),
        ])
        #expect(report.columns.map(\.type) == ["INTEGER", "TEXT", "REAL", "DATE"])
        let rows = try fixture.engine.query(acme, source: "sales", sql: "select id, city, amount, day from sales order by id")
        #expect(rows.rows == [
            [.integer(1), .text("Paris"), .real(10.5), .text("2024-01-31")],
            [.integer(3), .text("Nice, FR"), .real(7), .text("2024-02-29")],
            [.integer(6), .text("Bern"), .real(3), .text("2024-03-03")],
        ])
        let cache = fixture.engine.csvCacheURL(org: fixture.acme, id: added.source.id).path
        #expect(cache.hasPrefix(fixture.workspace.orgAreaURL(for: fixture.acme).path))
        let mode = try FileManager.default.attributesOfItem(atPath: cache)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("a UTF-8 byte order mark is skipped, and types are inferred")
    func bom() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let body = Array("code,label,zip,when\n1,Zürich,00501,2024-13-01\n2,東京,10001,2024-01-01\n".utf8)
        let path = try fixture.file(in: fixture.acmeRoot, as: "bom.csv", bytes: [0xEF, 0xBB, 0xBF] + body)
        let added = try fixture.engine.addSource(acme, name: "bom", path: path, kind: .csv)
        let report = try #require(added.importReport)
        #expect(report.columns.map(\.name) == ["code", "label", "zip", "when"])
        #expect(report.columns.map(\.type) == ["INTEGER", "TEXT", "TEXT", "TEXT"])
        #expect(report.badRows.isEmpty)
        let rows = try fixture.engine.query(acme, source: "bom", sql: "select code, label, zip from bom order by code")
        #expect(rows.rows == [[.integer(1), .text("Zürich"), .text("00501")], [.integer(2), .text("東京"), .text("10001")]])
    }

    @Test("binary content and non-UTF-8 text are refused with a clear message")
    func binary() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let binary = try fixture.file(in: fixture.acmeRoot, as: "image.csv", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D])
        #expect(throws: BulkheadError.invalidInput("the file looks binary (it contains NUL bytes); a CSV source must be UTF-8 text")) {
            try fixture.engine.addSource(acme, name: "image", path: binary, kind: .csv)
        }
        let latin1 = try fixture.file(in: fixture.acmeRoot, as: "latin1.csv", bytes: Array("name\nZ".utf8) + [0xFC] + Array("rich\n".utf8))
        #expect(throws: BulkheadError.invalidInput("the file is not valid UTF-8 text; save it as UTF-8 and add it again")) {
            try fixture.engine.addSource(acme, name: "latin1", path: latin1, kind: .csv)
        }
        let empty = try fixture.file(in: fixture.acmeRoot, as: "empty.csv", bytes: [])
        #expect(throws: BulkheadError.invalidInput("the CSV file is empty")) { try fixture.engine.addSource(acme, name: "empty", path: empty, kind: .csv) }
        #expect(try fixture.engine.listSources(acme).isEmpty)
    }

    @Test("a CSV outside the allowed roots is refused like any other source")
    func csvPathRules() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let path = try fixture.file(in: fixture.globexRoot, as: "theirs.csv", bytes: Array("a\n1\n".utf8))
        #expect(throws: SourcePathPolicy.refusal) { try fixture.engine.addSource(acme, name: "theirs", path: path, kind: .csv) }
    }
}
