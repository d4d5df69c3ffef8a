import Dispatch
import Foundation
import GRDB
import Testing

/// The findings of the hostile-input attack, reproduced through the real binary as described,
/// each now giving the right result.
@Suite(.serialized) struct HostileInputCLITests {
    /// A demo home of this suite's own: the tests here add notes, folders and sources.
    static let home: Result<DemoWorkspace, any Error> = Result { try DemoWorkspace(label: "hostile") }

    /// Escape sequences of every kind the attack used, in one string.
    static let hostile = "\u{1B}[2J\u{1B}]52;c;SGVsbG8=\u{07}\u{1B}]0;title\u{07}a\u{0}b\u{9B}31m\u{202E}gnp.exe"
    /// The same, built by SQL.
    static let hostileSQL = "char(27)||'[2J'||char(27)||']52;c;SGVsbG8='||char(7)||char(27)||']0;title'||char(7)||'a'||char(0)||'b'||char(155)||'31m'||char(8238)||'gnp.exe'"
    /// How the sanitizer shows it.
    static let shown = "␛[2J␛]52;c;SGVsbG8=␇␛]0;title␇a␀b<U+009B>31m<U+202E>gnp.exe"
    /// The same without NUL, which no command-line argument can carry.
    static let argument = hostile.replacingOccurrences(of: "\u{0}", with: "")
    /// How the sanitizer shows `argument`.
    static let argumentShown = shown.replacingOccurrences(of: "␀", with: "")

    /// True when `text` holds no control a terminal would obey (newlines aside).
    static func isInert(_ text: String) -> Bool {
        !text.unicodeScalars.contains { scalar in
            let v = scalar.value
            return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }
    }

    /// A folder outside the home that the operator granted to `org`.
    static func grantedFolder(_ demo: DemoWorkspace, to org: String, named name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-hostile-\(UUID().uuidString)")
            .appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let granted = try demo.cli.run(["admin", "org", "grant-folder", org, folder.path, "--operator-key", demo.operatorKey])
        #expect(granted.status == 0, "\(granted.stderr)")
        #expect(Self.isInert(granted.stdout) && Self.isInert(granted.stderr))
        return folder
    }

    /// Makes the SQLite file `name` in `folder` with `schema` and returns its path.
    static func database(in folder: URL, _ name: String, _ schema: (GRDB.Database) throws -> Void) throws -> String {
        let path = folder.appendingPathComponent(name).path
        let queue = try DatabaseQueue(path: path)
        try queue.write(schema)
        try queue.close()
        return path
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
    }

    @Test func queryTablesShowEscapesAndJSONKeepsThemExactly() throws {
        let demo = try Self.home.get()
        let sql = "select \(Self.hostileSQL) as v, 'x' as \"col\u{1B}[1m\""
        let table = try demo.run(as: "ada@acme.test", ["query", "retail", sql])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(Self.isInert(table.stdout))
        #expect(table.stdout.contains("␛[2J␛]52;c;SGVsbG8=␇␛]0;title␇a␀b"), "cells are cut at 40 columns")
        #expect(table.stdout.contains("col␛[1m"))
        let json = try demo.run(as: "ada@acme.test", ["query", "retail", sql, "--json"])
        let rows = try #require(try json.json()["rows"] as? [[Any]])
        #expect(rows.first?.first as? String == Self.hostile)
        #expect(try json.json()["columns"] as? [String] == ["v", "col\u{1B}[1m"])
    }

    @Test func aMembersNoteReachesTheAdminEscaped() throws {
        let demo = try Self.home.get()
        let note = "meeting notes \(Self.argument)"
        #expect(try demo.run(as: "ben@acme.test", ["note", "add", note]).status == 0)
        let list = try demo.run(as: "ada@acme.test", ["note", "list"])
        #expect(Self.isInert(list.stdout))
        #expect(list.stdout.contains("meeting notes \(Self.argumentShown)"))
        let json = try demo.run(as: "ada@acme.test", ["note", "list", "--json"]).json()
        #expect((json["notes"] as? [[String: Any]])?.contains { $0["text"] as? String == note } == true)
    }

    @Test func askAndContextShowTheQuestionEscaped() throws {
        let demo = try Self.home.get()
        let ask = try demo.run(as: "ada@acme.test", ["ask", "how many customers are there \(Self.argument)", "--source", "retail"])
        #expect(Self.isInert(ask.stdout) && Self.isInert(ask.stderr))
        let context = try demo.run(as: "ada@acme.test", ["context", "last"])
        #expect(context.status == 0, "\(context.stderr)")
        #expect(Self.isInert(context.stdout))
        #expect(context.stdout.contains("question: how many customers are there \(Self.argumentShown)"))
    }

    @Test func errorMessagesShowEscapes() throws {
        let demo = try Self.home.get()
        let missing = try demo.run(as: "ada@acme.test", ["query", "nosuch\(Self.argument)", "select 1"])
        #expect(missing.status == 4)
        #expect(Self.isInert(missing.stderr))
        #expect(missing.stderr.contains(Self.argumentShown))
        let usage = try demo.cli.run(["--theme", "evil\u{1B}]0;x\u{07}"])
        #expect(usage.status == 2)
        #expect(Self.isInert(usage.stderr))
    }

    @Test func pathsColumnNamesAndImportReportsShowEscapes() throws {
        let demo = try Self.home.get()
        let folder = try Self.grantedFolder(demo, to: "Acme", named: "data\u{1B}]0;t\u{07}")
        let csv = folder.appendingPathComponent("le\u{1B}[2Jads.csv")
        try Data("na\u{1B}[2Jme,\u{202E}city\nAda,Lisbon\n\"Bo\",x\"y\n".utf8).write(to: csv)
        let added = try demo.run(as: "ada@acme.test", ["source", "add", "leads", csv.path])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(Self.isInert(added.stdout))
        let list = try demo.run(as: "ada@acme.test", ["source", "list"])
        #expect(Self.isInert(list.stdout))
        #expect(list.stdout.contains("data␛]0;t␇/le␛[2Jads.csv"))
        let show = try demo.run(as: "ada@acme.test", ["source", "show", "leads"])
        #expect(Self.isInert(show.stdout))
        #expect(show.stdout.contains("na␛[2Jme") && show.stdout.contains("<U+202E>city"))
        let json = try demo.run(as: "ada@acme.test", ["source", "show", "leads", "--json"]).json()
        let columns = ((json["tables"] as? [[String: Any]])?.first?["columns"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(columns == ["na\u{1B}[2Jme", "\u{202E}city"])
    }

    @Test func printfInAQueryStopsAtOnceWithAClearMessage() throws {
        let demo = try Self.home.get()
        let huge = "printf('%.*c', 2000000000, 'x')"
        var result: CLI.Result?
        // The session is made before the clock starts: what is timed is the query's own process.
        let token = try demo.token("ada@acme.test")
        let elapsed = try Self.seconds {
            result = try demo.cli.run(["query", "retail", "select \(huge), \(huge), \(huge)"], environment: ["BULKHEAD_TOKEN": token])
        }
        #expect(elapsed < 5 + 1 + 2, "took \(elapsed) s")
        #expect(result?.status == 1)
        #expect(result?.stderr.contains("result too large: printf() was asked for a width or precision too large for the 8 MB limit") == true)
    }

    @Test func printfInAViewStopsSourceAddAndQueriesAtOnce() throws {
        let demo = try Self.home.get()
        let folder = try Self.grantedFolder(demo, to: "Acme", named: "views")
        let path = try Self.database(in: folder, "hostile.sqlite") { db in
            try db.execute(sql: "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)")
            try db.execute(sql: "CREATE VIEW big AS SELECT printf('%.*c', 2000000000, 'x') AS v FROM t")
        }
        var added: CLI.Result?
        let token = try demo.token("ada@acme.test")
        let adding = try Self.seconds { added = try demo.cli.run(["source", "add", "hostile", path], environment: ["BULKHEAD_TOKEN": token]) }
        #expect(adding < 10 + 1 + 2, "source add took \(adding) s")
        #expect(added?.status == 0, "\(added?.stderr ?? "")")
        var query: CLI.Result?
        let querying = try Self.seconds { query = try demo.cli.run(["query", "hostile", "select * from big"], environment: ["BULKHEAD_TOKEN": token]) }
        #expect(querying < 5 + 1 + 2)
        #expect(query?.status == 1)
        #expect(query?.stderr.contains("result too large") == true)
    }

    @Test func printfAsFeedbackSQLIsRefusedAtOnce() throws {
        let demo = try Self.home.get()
        let ask = try demo.run(as: "ada@acme.test", ["ask", "how many customers are there", "--source", "retail", "--json"])
        #expect(ask.status == 0, "\(ask.stderr)")
        let request = try #require(try ask.json()["request_id"] as? String)
        var feedback: CLI.Result?
        let token = try demo.token("ada@acme.test")
        let elapsed = try Self.seconds {
            feedback = try demo.cli.run(["feedback", request, "bad", "--sql", "select printf('%.*c', 2000000000, 'x')"],
                                        environment: ["BULKHEAD_TOKEN": token])
        }
        #expect(elapsed < 5 + 1 + 2)
        #expect(feedback?.status == 1)
        #expect(feedback?.stderr.contains("result too large") == true)
        #expect(feedback?.stdout.contains("learned example") == false)
    }

    @Test func aHardLinkToAnotherOrgsLiveWALIsRefused() throws {
        let demo = try Self.home.get()
        let victimFolder = try Self.grantedFolder(demo, to: "Globex", named: "clinic")
        let victim = victimFolder.appendingPathComponent("live.sqlite").path
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        let writer = try DatabasePool(path: victim, configuration: configuration)
        defer { try? writer.close() }
        try writer.write { db in try db.execute(sql: "CREATE TABLE secrets (x TEXT); INSERT INTO secrets VALUES ('GLOBEX-LIVE-ROW')") }

        let folder = try Self.grantedFolder(demo, to: "Acme", named: "stub")
        let stub = folder.appendingPathComponent("stub.sqlite").path
        let queue = try DatabaseQueue(path: stub)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try queue.close()
        for suffix in ["-wal", "-shm"] { unlink(stub + suffix) }
        #expect(link(victim + "-wal", stub + "-wal") == 0)

        let added = try demo.run(as: "ada@acme.test", ["source", "add", "stub", stub])
        #expect(added.status == 1)
        #expect(added.stderr.contains("a -wal, -shm or -journal file beside it is a link"))
        let listed = try demo.run(as: "ada@acme.test", ["source", "list"])
        #expect(!listed.stdout.contains("stub"))
        #expect(!added.stdout.contains("GLOBEX") && !added.stderr.contains("GLOBEX"))
    }

    @Test func oddAnswersGetTheContractsCodesAndRealReasons() throws {
        let demo = try Self.home.get()
        let token = try demo.token("ada@acme.test")
        func run(_ arguments: [String], stdin: String? = nil) throws -> CLI.Result {
            try demo.cli.run(arguments, stdin: stdin, environment: ["BULKHEAD_TOKEN": token])
        }
        // Usage errors exit 2.
        #expect(try run(["feedback", "req-x", "meh"]).status == 2)
        #expect(try run(["ask", "   "]).status == 2)
        let theme = try run(["--theme", "evil"])
        #expect(theme.status == 2)
        #expect(!FileManager.default.fileExists(atPath: demo.cli.home.appendingPathComponent("preferences.json").path)
                || !((try? String(contentsOf: demo.cli.home.appendingPathComponent("preferences.json"), encoding: .utf8)) ?? "").contains("evil"))
        // REINDEX is refused, with its name and a failure code.
        let reindex = try run(["query", "retail", "REINDEX"])
        #expect(reindex.status == 1)
        #expect(reindex.stderr.contains("refused: REINDEX and ANALYZE are not allowed"))
        // The table-valued functions the sandbox allows on purpose work.
        let each = try run(["query", "retail", "select value from json_each('[1,2,3]')", "--json"])
        #expect(each.status == 0, "\(each.stderr)")
        #expect(try each.json()["row_count"] as? Int == 3)
        let info = try run(["query", "retail", "select name from pragma_table_info('customers') order by cid limit 1", "--json"])
        #expect(info.status == 0, "\(info.stderr)")
        #expect((try info.json()["rows"] as? [[Any]])?.first?.first as? String == "id")
        // Another virtual table is refused for what it is.
        let stat = try run(["query", "retail", "select * from dbstat"])
        #expect(stat.status == 1)
        #expect(stat.stderr.contains("table-valued function or virtual table is not allowed"))
        // A value JSON cannot hold fails the command, with nothing on stdout.
        let infinite = try run(["query", "retail", "select 1e999", "--json"])
        #expect(infinite.status == 1)
        #expect(infinite.stdout.isEmpty)
        #expect(infinite.stderr.contains("cannot be written as JSON"))
        // Login with no password on a non-terminal says so.
        let login = try demo.cli.run(["login", "ada@acme.test"], stdin: "")
        #expect(login.status == 1)
        #expect(login.stderr.contains("no password given"))
    }

    @Test func invalidUTF8InSQLIsASyntaxErrorNotASchemaChange() throws {
        let demo = try Self.home.get()
        let token = try demo.token("ada@acme.test")
        // Bytes that are not UTF-8 go through a shell, as a user's script would pass them.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "exec \"$0\" query retail \"$(printf 'select \\377\\376 from customers')\"", CLI.binary.path]
        var environment = ProcessInfo.processInfo.environment
        environment["BULKHEAD_HOME"] = demo.cli.home.path
        environment["BULKHEAD_TOKEN"] = token
        shell.environment = environment
        let errors = Pipe()
        shell.standardError = errors
        shell.standardOutput = Pipe()
        try shell.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 1)
        #expect(message.contains("SQL error: syntax error") || message.contains("no such column"), "\(message)")
        #expect(!message.contains("schema changed"))
    }

    @Test func aCSVWithAMillionColumnsSaysHowManyAreAllowed() throws {
        let demo = try Self.home.get()
        let folder = try Self.grantedFolder(demo, to: "Acme", named: "wide")
        let csv = folder.appendingPathComponent("wide.csv")
        let header = (1...1_000_000).map { "c\($0)" }.joined(separator: ",")
        try Data((header + "\n" + String(repeating: "1,", count: 999_999) + "1\n").utf8).write(to: csv)
        let added = try demo.run(as: "ada@acme.test", ["source", "add", "wide", csv.path])
        #expect(added.status == 1)
        #expect(added.stderr.contains("the CSV header has 1000000 columns; a source may have at most 2000"), "\(added.stderr)")
    }

    @Test func sourceShowCutsA50MBSample() throws {
        let demo = try Self.home.get()
        let folder = try Self.grantedFolder(demo, to: "Acme", named: "big")
        let path = try Self.database(in: folder, "big.sqlite") { db in
            try db.execute(sql: "CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT)")
            try db.execute(sql: "INSERT INTO docs VALUES (1, ?)", arguments: [String(repeating: "x", count: 50_000_000)])
            try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
            try db.execute(sql: "INSERT INTO notes VALUES (1, ?)", arguments: [String(repeating: "y", count: 5_000)])
        }
        #expect(try demo.run(as: "ada@acme.test", ["source", "add", "big", path]).status == 0)
        let show = try demo.run(as: "ada@acme.test", ["source", "show", "big", "--json"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.utf8.count < 10_000, "source show --json printed \(show.stdout.utf8.count) bytes")
        let tables = try #require(try show.json()["tables"] as? [[String: Any]])
        let samples = Dictionary(uniqueKeysWithValues: tables.map { ($0["name"] as? String ?? "", $0["sample_rows"] as? [[Any]] ?? []) })
        #expect(samples["notes"]?.first?[1] as? String == String(repeating: "y", count: 200) + "…")
        #expect((samples["docs"]?.first?[1] as? String)?.contains("over the 8 MB limit") == true)
    }

    @Test func everyBenchmarkHasHelpAndRefusesUnknownArguments() throws {
        let bench = CLI.productsDirectory.appendingPathComponent("bulkhead-bench")
        func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = bench
            process.arguments = arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        for benchmark in ["query", "vectors", "context", "console"] {
            let help = try run([benchmark, "--help"])
            #expect(help.status == 0, "\(benchmark) --help: \(help.output)")
            #expect(help.output.contains("USAGE: bulkhead-bench \(benchmark)"))
            #expect(!help.output.contains("couldn’t be opened") && !help.output.contains("--help/"))
        }
        #expect(try run(["vectors", "--bogus"]).status == 2)
        #expect(try run(["query", "--point", "many"]).status == 2)
    }

    @Test func theHelperReadsStderrAndStdoutTogether() throws {
        // Over a pipe buffer of usage error on stderr, and stdout open: the old helper deadlocked here.
        let cli = CLI.freshHome("pipes")
        defer { cli.removeHome() }
        let result = try cli.run(["--theme", String(repeating: "x", count: 100_000)])
        #expect(result.status == 2)
        #expect(result.stderr.utf8.count > 100_000)
    }
}
