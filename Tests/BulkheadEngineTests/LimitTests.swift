import BulkheadCore
@testable import BulkheadEngine
import Dispatch
import Foundation
import GRDB
import GRDBSQLite
import Testing

/// Limits that hold for every statement run on a tenant's behalf, even when one function call
/// never returns to the progress handler.
@Suite("Limits that hold")
struct LimitTests {
    static let hugePrintf = "printf('%.*c', 2000000000, 'x')"

    /// Makes the SQLite file `name` in `folder` with `schema` and returns its path.
    static func database(in folder: URL, _ name: String, _ schema: (GRDB.Database) throws -> Void) throws -> String {
        let path = folder.appendingPathComponent(name).path
        let queue = try DatabaseQueue(path: path)
        try queue.write(schema)
        try queue.close()
        return path
    }

    /// Runs `body` and returns how long it took, in seconds.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
    }

    @Test("printf('%.*c', 2e9, 'x') in a query, once or three times, stops at once with 'result too large'")
    func printfInQuery() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        _ = try fixture.engine.addSource(acme, name: "items", path: try fixture.database(in: fixture.acmeRoot, as: "items.sqlite", labels: ["a"]))
        for sql in ["select length(\(Self.hugePrintf))", "select \(Self.hugePrintf), \(Self.hugePrintf), \(Self.hugePrintf)",
                    "select length(format('%2000000000d', 1))", "select length(printf('%!.*c', -2000000000, 'é'))"] {
            var failure: BulkheadError?
            let elapsed = Self.seconds {
                do { _ = try fixture.engine.query(acme, source: "items", sql: sql) } catch { failure = error as? BulkheadError }
            }
            #expect(elapsed < QueryOptions().timeLimit + 1, "\(sql) took \(elapsed) s")
            #expect(failure?.message.hasPrefix("SQL error: result too large") == true, "\(sql): \(String(describing: failure))")
            #expect(failure?.exitCode == 1)
        }
        // What stays within the limits still works, and is the built-in's own answer.
        let fine = try fixture.engine.query(acme, source: "items", sql: "select printf('%5.2f|%-3d|%.*c|%s', 3.14159, 7, 3, 'y', 'z'), length(printf('%.*c', 100000, 'x'))")
        #expect(fine.rows == [[.text(" 3.14|7  |yyy|z"), .integer(100_000)]])
    }

    @Test("a search whose work grows with text times pattern is refused over its budget; small ones are the built-in's answer")
    func quadraticFunctions() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        _ = try fixture.engine.addSource(acme, name: "items", path: try fixture.database(in: fixture.acmeRoot, as: "items.sqlite", labels: ["a"]))
        let big = "printf('%8000000c', 'x')"  // 7,999,999 spaces and an x, padded in one step
        for sql in ["select instr(\(big), \(big))", "select length(replace(\(big), printf('%.*c', 4000, 'x') || 'y', 'z'))",
                    "select length(trim(\(big), printf('%.*c', 100, 'x')))"] {
            var failure: BulkheadError?
            let elapsed = Self.seconds {
                do { _ = try fixture.engine.query(acme, source: "items", sql: sql) } catch { failure = error as? BulkheadError }
            }
            #expect(elapsed < 2, "\(sql) took \(elapsed) s")
            #expect(failure?.message.contains("would take too long") == true, "\(sql): \(String(describing: failure))")
        }
        let fine = try fixture.engine.query(acme, source: "items", sql: "select instr('hello', 'll'), replace('a-b-c', '-', '+'), trim('xxhixx', 'x'), ltrim('..a', '.'), rtrim('a..', '.')")
        #expect(fine.rows == [[.integer(3), .text("a+b+c"), .text("hi"), .text("a"), .text("a")]])
    }

    @Test("a value over the length limit fails fast as 'result too large'; a long LIKE pattern is refused by SQLite")
    func lengthLimit() throws {
        let directory = try TemporaryDirectory()
        let connection = try SandboxedConnection(path: try directory.copyChinook())
        for sql in ["select zeroblob(2000000000)", "select randomblob(9000000)", "select length(replace(printf('%8000000c', 'x'), ' ', 'ab'))"] {
            #expect(throws: BulkheadError.sqlFailed("result too large: a value, a row or the statement is over the 8 MB limit")) {
                try connection.execute(sql)
            }
        }
        #expect(throws: BulkheadError.self) { try connection.execute("select 'a' like '\(String(repeating: "%a", count: 40))'") }
        #expect(try connection.execute("select 'abc' like '%b%'").rows == [[.integer(1)]])
    }

    @Test("every tenant connection carries the size limits, cannot change its page cache, and SQLite's heap is capped in the process")
    func limitsAreSet() throws {
        let directory = try TemporaryDirectory()
        let connection = try SandboxedConnection(path: try directory.copyChinook())
        #expect(sqlite3_limit(connection.handle, SQLITE_LIMIT_LENGTH, -1) == 8 << 20)
        #expect(sqlite3_limit(connection.handle, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, -1) == 50)
        #expect(sqlite3_limit(connection.handle, SQLITE_LIMIT_ATTACHED, -1) == 0)
        #expect(sqlite3_limit(connection.handle, SQLITE_LIMIT_EXPR_DEPTH, -1) == SandboxLimits.expressionDepth)
        #expect(sqlite3_hard_heap_limit64(-1) == SandboxLimits.processHeapBytes)
        // The cache size is a PRAGMA the authorizer refuses to tenants, so it cannot be read back here;
        // a failure to set it would have failed the open.
        #expect(throws: BulkheadError.self) { try connection.execute("PRAGMA cache_size = 1000000") }
    }

    @Test("a view that calls printf('%.*c', 2e9, 'x') is added at once, shows no sample, and a query on it stops at once")
    func printfInView() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let path = try Self.database(in: fixture.acmeRoot, "hostile.sqlite") { db in
            try db.execute(sql: "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3)")
            try db.execute(sql: "CREATE VIEW big AS SELECT x, \(Self.hugePrintf) AS v FROM t")
        }
        let elapsed = try Self.seconds { _ = try fixture.engine.addSource(acme, name: "hostile", path: path) }
        #expect(elapsed < fixture.engine.introspectionTimeLimit + 1, "source add took \(elapsed) s")
        let view = try #require(try fixture.engine.showSource(acme, "hostile").schema.tables.first { $0.name == "big" })
        #expect(view.sampleRows == [[.integer(1), SchemaIntrospector.tooLargeSample], [.integer(2), SchemaIntrospector.tooLargeSample],
                                    [.integer(3), SchemaIntrospector.tooLargeSample]])
        var failure: BulkheadError?
        let queried = Self.seconds {
            do { _ = try fixture.engine.query(acme, source: "hostile", sql: "select * from big") } catch { failure = error as? BulkheadError }
        }
        #expect(queried < QueryOptions().timeLimit + 1)
        #expect(failure?.message.hasPrefix("SQL error: result too large: printf()") == true, "\(String(describing: failure))")
    }

    @Test("sample values are cut to 200; a value over the length limit leaves the table browsable and its sample marked")
    func largeSamples() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        let path = try Self.database(in: fixture.acmeRoot, "docs.sqlite") { db in
            try db.execute(sql: "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, body TEXT, scan BLOB)")
            try db.execute(sql: "INSERT INTO docs VALUES (1, 'short', ?, zeroblob(1000))", arguments: [String(repeating: "é", count: 1_000)])
            try db.execute(sql: "INSERT INTO docs VALUES (2, 'huge', ?, NULL)", arguments: [String(repeating: "x", count: 50_000_000)])
        }
        _ = try fixture.engine.addSource(acme, name: "docs", path: path)
        let table = try #require(try fixture.engine.showSource(acme, "docs").schema.tables.first)
        #expect(table.rowCount == 2)
        #expect(table.sampleRows.map { $0[0] } == [.integer(1), .integer(2)])
        #expect(table.sampleRows.map { $0[1] } == [.text("short"), .text("huge")])
        #expect(table.sampleRows.map { $0[2] } == [SchemaIntrospector.tooLargeSample, SchemaIntrospector.tooLargeSample])
        #expect(table.sampleRows[0][3] == .blob(Data(count: 200)))
        // The huge value itself is refused by size, clearly; the rest of the table reads as usual.
        #expect(throws: BulkheadError.sqlFailed("result too large: a value, a row or the statement is over the 8 MB limit")) {
            try fixture.engine.query(acme, source: "docs", sql: "select body from docs where id = 2")
        }
        let short = try fixture.engine.query(acme, source: "docs", sql: "select length(body) from docs where id = 1")
        #expect(short.rows == [[.integer(1_000)]])
        #expect(SchemaIntrospector.sample(.text(String(repeating: "é", count: 1_000))) == .text(String(repeating: "é", count: 200) + "…"))
    }

    @Test("a source whose introspection runs past its limit is not recorded, and the message says why")
    func slowIntrospection() throws {
        let fixture = try EngineFixture()
        let acme = fixture.admin(fixture.acme)
        fixture.engine.introspectionTimeLimit = 0.5
        let path = try Self.database(in: fixture.acmeRoot, "slow.sqlite") { db in
            try db.execute(sql: "CREATE TABLE t (x INTEGER)")
            try db.execute(sql: "CREATE VIEW endless AS WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c) SELECT i FROM c")
        }
        var failure: BulkheadError?
        let elapsed = Self.seconds {
            do { _ = try fixture.engine.addSource(acme, name: "slow", path: path) } catch { failure = error as? BulkheadError }
        }
        #expect(elapsed < 0.5 + 1, "source add took \(elapsed) s")
        #expect(failure == .invalidInput("the source's tables could not be read within 0.5 s (a view may be too slow), so it was not added"))
        #expect(try fixture.engine.listSources(acme).isEmpty)
        #expect(throws: BulkheadError.notFound(kind: "source", name: "slow")) { try fixture.engine.showSource(acme, "slow") }
    }

    @Test("the watchdog interrupts a statement that never reaches a progress handler, and only an armed one")
    func watchdog() throws {
        var handle: OpaquePointer?
        #expect(sqlite3_open_v2(":memory:", &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK)
        guard let handle else { return }
        defer { sqlite3_close_v2(handle) }
        // A function that spins for 0.6 s without returning to SQLite; the connection has no progress handler.
        sqlite3_create_function_v2(handle, "spin", 0, SQLITE_UTF8, nil, { context, _, _ in
            let end = DispatchTime.now().uptimeNanoseconds + 600_000_000
            while DispatchTime.now().uptimeNanoseconds < end {}
            sqlite3_result_int(context, 1)
        }, nil, nil, nil)
        func run() -> Int32 {
            var statement: OpaquePointer?
            sqlite3_prepare_v2(handle, "SELECT spin() FROM (SELECT 1 UNION ALL SELECT 2)", -1, &statement, nil)
            defer { sqlite3_finalize(statement) }
            var rc = sqlite3_step(statement)
            while rc == SQLITE_ROW { rc = sqlite3_step(statement) }
            return rc
        }
        let watchdog = SandboxWatchdog(handle: handle)
        watchdog.arm(seconds: 0.05)
        #expect(run() == SQLITE_INTERRUPT)
        watchdog.disarm()
        #expect(run() == SQLITE_DONE, "a disarmed watchdog must not stop the next statement")
        watchdog.arm(seconds: 0.05)
        watchdog.close()
        #expect(run() == SQLITE_DONE, "a closed watchdog must not touch the handle")
    }

    @Test("a guarded function checks the clock itself: a statement past its deadline stops in the function")
    func functionsCheckTheClock() throws {
        let directory = try TemporaryDirectory()
        let connection = try SandboxedConnection(path: try directory.copyChinook())
        // Every call pads 8 MB (its width changes per row, so SQLite cannot compute it once), so
        // the deadline passes inside printf calls, far from the next progress check.
        let sql = "select count(length(printf('%*c', 8000000 + TrackId % 2, 'x'))) from Track"
        var failure: BulkheadError?
        let elapsed = Self.seconds {
            do { _ = try connection.execute(sql, options: QueryOptions(timeLimit: 0.3)) } catch { failure = error as? BulkheadError }
        }
        #expect(failure == .timeLimit(seconds: 0.3))
        #expect(elapsed < 0.3 + 1)
    }

    @Test("the format reader finds widths and precisions as SQLite reads them")
    func formatWidths() {
        func fit(_ format: String, _ arguments: [Int64] = []) -> Bool {
            FormatWidths.fit(Array(format.utf8), limit: 1_000) { $0 < arguments.count ? arguments[$0] : 0 }
        }
        #expect(fit("%d %s %.3f %5c"))
        #expect(!fit("%.*c", [2_000_000_000]))
        #expect(!fit("%.*c", [-2_000_000_000]))
        #expect(!fit("%2000c"))
        #expect(!fit("%-*d", [5_000]))
        #expect(fit("%.*s", [2_000_000_000]), "a string's precision only cuts")
        #expect(fit("%d %.*c", [2_000_000_000, 3]), "the first argument is the %d's value, not a precision")
        #expect(!fit("%d %.*c", [1, 2_000_000_000]))
        #expect(fit("%% %n %.*c", [3]), "%% and %n take no argument")
        #expect(fit("%T %.*c", [2_000_000_000]), "an unknown conversion ends the format, as in SQLite")
        #expect(!fit("%.4294967295c"), "digits wrap to 31 bits as in SQLite: 2147483647")
        // %c may fill half the limit at most, counted in the bytes of its character.
        func fitC(_ precision: Int64, bytes: Int64) -> Bool {
            FormatWidths.fit(Array("%.*c".utf8), limit: 1_000, argument: { _ in precision }, characterBytes: { _ in bytes })
        }
        #expect(fitC(500, bytes: 1) && !fitC(501, bytes: 1))
        #expect(fitC(250, bytes: 2) && !fitC(251, bytes: 2))
        #expect(!fitC(200, bytes: 4))
        #expect(Array("é".utf8).withUnsafeBufferPointer(FormatWidths.characterBytes) == 2)
        #expect(Array("😀x".utf8).withUnsafeBufferPointer(FormatWidths.characterBytes) == 4)
        #expect(Array([0xCD, 0x78]).withUnsafeBufferPointer(FormatWidths.characterBytes) == 1, "a lead byte without continuation, as SQLite reads it")
    }

    @Test("the fuzzer's input: %c repeated past half the limit is refused at once, whatever the allocator")
    func printfCharacterRepeats() throws {
        let directory = try TemporaryDirectory()
        let connection = try SandboxedConnection(path: try directory.copyChinook())
        for sql in ["select instr(printf('%.*c', 8000001, 'x'), 'y')", "select printf('%.*c', 3000000, 'é')"] {
            #expect(throws: BulkheadError.sqlFailed("result too large: printf() was asked for a width or precision too large for the 8 MB limit")) {
                try connection.execute(sql)
            }
        }
        #expect(try connection.execute("select length(printf('%.*c', 4000000, 'x')), length(printf('%.*c', 2000000, 'é'))").rows
                == [[.integer(4_000_000), .integer(2_000_000)]])
    }
}
