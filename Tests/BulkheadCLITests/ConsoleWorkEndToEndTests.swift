import Foundation
import Testing

/// The console at work and on stage, through the real binary in tmux: the split-screen demo,
/// a million-row result scrolled to its end, an export, a chart.
@Suite(.serialized) struct ConsoleWorkEndToEndTests {
    private static let question = "how many names per city"

    /// A demo home with Ada logged in (the console picks the session up).
    private func adaHome(_ label: String) throws -> CLI {
        let cli = CLI.freshHome(label)
        let demo = try cli.run(["demo", "--json"])
        let accounts = try #require(try demo.json()["accounts"] as? [[String: Any]])
        let password = try #require(accounts.first { $0["email"] as? String == "ada@acme.test" }?["password"] as? String)
        let login = try cli.run(["login", "ada@acme.test"], stdin: password + "\n")
        #expect(login.status == 0, "\(login.stderr)")
        return cli
    }

    private func console(_ cli: CLI, _ arguments: String = "") -> String {
        "\(CLI.binary.path) --home '\(cli.home.path)' \(arguments)"
    }

    /// Asks `question` on the ask screen (of source `source` when given) and waits for `answer`.
    @discardableResult
    private func ask(_ tmux: Tmux, _ question: String, source: String? = nil, waitFor answer: String) throws -> String {
        if let source {
            try tmux.type(":")
            try tmux.type("ask source " + source)
            try tmux.send("Enter")
        } else {
            try tmux.type("2")
        }
        try tmux.waitFor("Ask")
        try tmux.type(question)
        try tmux.send("Enter")
        return try tmux.waitFor(answer, timeout: 60)
    }

    @Test func splitDemoKeepsAcmeLeftAndGlobexRightAndAnswersEachFromItsOwnData() throws {
        let cli = CLI.freshHome("tmux-split")
        defer { cli.removeHome() }
        let tmux = Tmux(label: "split")
        defer { tmux.kill() }
        let width = 170
        try tmux.start(console(cli, "demo --split"), width: width, height: 40)
        var screens: [String] = []
        screens.append(try tmux.waitFor("gus@globex.test", timeout: 60))
        screens.append(try tmux.waitFor("◆ clinic", timeout: 30))
        screens.append(try tmux.waitFor("◆ retail", timeout: 30))
        let divider = (width - 1) / 2
        let first = try #require(screens.last?.split(separator: "\n").first.map(String.init))
        #expect(left(first, divider).contains("Acme"), "Acme's session is on the left:\n\(first)")
        #expect(right(first, divider).contains("Globex"), "Globex's session is on the right:\n\(first)")

        // Each half opens its source and its first table: its own canary row is on screen, in its own half only.
        try tmux.send("Enter")
        try tmux.waitFor("▸ ▦ customers", timeout: 30)
        try tmux.send("j")
        try tmux.send("Enter")
        try tmux.send("Tab")
        try tmux.send("Enter")
        try tmux.waitFor("▸ ▦ doctors", timeout: 30)
        try tmux.send("j")
        try tmux.send("j")
        try tmux.send("Enter")
        screens.append(try tmux.waitFor("Dr. Canary GLOBEX", timeout: 30))
        screens.append(try tmux.waitFor("Canary Customer ACME", timeout: 30))

        // ^A: one question typed once, asked in both halves.
        try tmux.send("C-a")
        try tmux.type(Self.question)
        try tmux.send("Enter")
        screens.append(try tmux.waitFor("8 rows", timeout: 60))
        screens.append(try tmux.waitFor("5 rows", timeout: 60))
        let answered = try #require(screens.last)
        let sqlLine = try #require(answered.split(separator: "\n").map(String.init).first { $0.contains("SQL ") })
        #expect(left(sqlLine, divider).contains("\"customers\".\"city\""), "Acme answered from its customers")
        #expect(right(sqlLine, divider).contains("\"patients\".\"city\""), "Globex answered from its own patients")

        // The inspector of each half shows only its own org's fragments.
        try tmux.type("3")
        try tmux.send("Tab")
        try tmux.type("3")
        screens.append(try tmux.waitFor("Sections", timeout: 30))
        usleep(500_000)
        screens.append(try tmux.capture())

        for screen in screens {
            for line in screen.split(separator: "\n").map(String.init) {
                #expect(!left(line, divider).contains("GLOBEX"), "a Globex canary in Acme's half:\n\(screen)")
                #expect(!left(line, divider).contains("Globex"), "Globex in Acme's half:\n\(screen)")
                #expect(!right(line, divider).contains("ACME"), "an Acme canary in Globex's half:\n\(screen)")
                #expect(!right(line, divider).contains("Acme"), "Acme in Globex's half:\n\(screen)")
            }
        }
        try tmux.send("q")
        let after = try tmux.waitFor("EXITED:0", timeout: 20)
        #expect(after.contains("Passwords are shown only now"))
    }

    @Test func aMillionRowResultScrollsToItsLastRow() throws {
        let cli = try adaHome("tmux-million")
        defer { cli.removeHome() }
        let folder = cli.home.deletingLastPathComponent().appendingPathComponent("bulkhead-million-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SQLiteFile.make(at: folder.appendingPathComponent("big.sqlite"),
                            sql: """
                                CREATE TABLE readings(id INTEGER PRIMARY KEY, sensor TEXT, value REAL);
                                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
                                INSERT INTO readings SELECT i, 's' || (i % 50), i * 0.5 FROM n;
                                """)
        let key = cli.home.appendingPathComponent("operator.key").path
        #expect(try cli.run(["admin", "org", "grant-folder", "Acme", folder.path, "--operator-key", key]).status == 0)
        #expect(try cli.run(["source", "add", "big", folder.appendingPathComponent("big.sqlite").path]).status == 0)

        let tmux = Tmux(label: "million")
        defer { tmux.kill() }
        try tmux.start(console(cli), width: 120, height: 35)
        try tmux.waitFor("◆ big", timeout: 30)
        try ask(tmux, "list all readings", source: "big", waitFor: "1,000,000 rows")
        try tmux.send("G")
        let end = try tmux.waitFor("–1,000,000 of 1,000,000", timeout: 60)
        let last = try tmux.waitFor("500,000.0", timeout: 60)
        #expect(last.contains("1000000  s0"), "the last row (id 1,000,000, sensor s0) is on screen:\n\(end)")
        #expect(!last.contains("loading…"))
        try tmux.send("q")
        try tmux.waitFor("EXITED:0")
    }

    @Test func anExportWritesACSVWhoseRowsEqualTheQuerysRows() throws {
        let cli = try adaHome("tmux-export")
        defer { cli.removeHome() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let tmux = Tmux(label: "export")
        defer { tmux.kill() }
        try tmux.start(console(cli), width: 120, height: 35)
        try tmux.waitFor("◆ retail", timeout: 30)
        try ask(tmux, "list all customers", waitFor: "600 rows")
        try tmux.type("e")
        try tmux.waitFor("Export 600 rows")
        try tmux.send("Tab")
        try tmux.send("C-u")
        try tmux.type(folder.path)
        try tmux.send("Enter")
        try tmux.waitFor("wrote 600 rows", timeout: 30)
        try tmux.send("q")
        try tmux.waitFor("EXITED:0")

        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let name = try #require(files.first { $0.hasSuffix(".csv") })
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let csv = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let context = try cli.run(["context", "last", "--json"]).json()
        let sql = try #require(context["sql"] as? String)
        let query = try cli.run(["query", "retail", sql, "--format", "csv"])
        #expect(query.status == 0)
        #expect(csv == query.stdout, "the export holds exactly the query's rows")
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 601)
        #expect(csv.contains("ACME-CANARY") && !csv.contains("GLOBEX"))
    }

    @Test func aGroupedResultCharts() throws {
        let cli = try adaHome("tmux-chart")
        defer { cli.removeHome() }
        let tmux = Tmux(label: "chart")
        defer { tmux.kill() }
        try tmux.start(console(cli), width: 120, height: 35)
        try tmux.waitFor("◆ retail", timeout: 30)
        try ask(tmux, Self.question, waitFor: "8 rows")
        try tmux.type("c")
        let chart = try tmux.waitFor("█ count", timeout: 15)
        #expect(chart.contains("Lisbon") && chart.contains("Osaka"))
        #expect(chart.contains("▏") || chart.contains("█"))
        try tmux.type("c")
        try tmux.waitFor("rows 1–8 of 8")
        try tmux.send("q")
        try tmux.waitFor("EXITED:0")
    }

    private func left(_ line: String, _ divider: Int) -> String { String(line.prefix(divider)) }
    private func right(_ line: String, _ divider: Int) -> String { String(line.dropFirst(divider + 1)) }
}
