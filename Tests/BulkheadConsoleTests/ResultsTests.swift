import BulkheadConsole
import BulkheadCore
import Foundation
import Testing

/// Browsing an answer: paging to the end, sort, search, widths, cell view, copy, export, chart.
@Suite("Result browsing")
struct ResultsTests {
    @Test("G on a million-row answer asks only for the last page; rows stay bounded while it scrolls")
    func millionRowsToTheEnd() {
        var (state, effects) = Pure.apply(Pure.answered(Pure.big()), [.key(.char("G"))])
        let pages = effects.compactMap { effect -> Int? in
            if case let .loadRows(_, offset, _, _) = effect { return offset } else { return nil }
        }
        #expect(pages == [999_900])
        (state, _) = Pure.apply(state, [.rowsLoaded(requestID: "r-big", order: nil, offset: 999_900, rows: Pure.rows(100, from: 999_900))])
        #expect(state.ask.cursor.selected == 999_999)
        #expect(state.ask.rows[999_999] != nil)
        #expect(state.ask.rows.count <= 200)
        let screen = Console.view(state, size: Pure.size).plainText()
        #expect(screen.contains("999999"))
        #expect(screen.contains("of 1,000,000"))
    }

    @Test("s sorts by the selected column: ascending, descending, off; pages are asked for again in that order")
    func sortCycle() {
        var (state, effects) = Pure.apply(Pure.answered(Pure.big(rows: 5_000)), [.key(.char("l")), .key(.char("l")), .key(.char("s"))])
        let ascending = ResultOrder(column: 2, descending: false)
        #expect(state.ask.order == ascending)
        #expect(effects.contains(.loadRows(requestID: "r-big", offset: 0, limit: AskState.pageSize, order: ascending)))
        #expect(state.ask.rows.isEmpty, "rows of the old order are dropped")
        // A late page of the old order is ignored.
        (state, _) = Pure.apply(state, [.rowsLoaded(requestID: "r-big", order: nil, offset: 0, rows: Pure.rows(100))])
        #expect(state.ask.rows.isEmpty)
        (state, _) = Pure.apply(state, [.key(.char("s"))])
        #expect(state.ask.order == ResultOrder(column: 2, descending: true))
        (state, effects) = Pure.apply(state, [.key(.char("s"))])
        #expect(state.ask.order == nil)
        #expect(effects.contains(.loadRows(requestID: "r-big", offset: 0, limit: AskState.pageSize, order: nil)))
    }

    @Test("/ searches the whole result through the services; n and N search on from the selection")
    func search() {
        var (state, effects) = Pure.apply(Pure.answered(Pure.big()), [.key(.char("/"))] + Pure.keys("row 77") + [.key(.enter)])
        #expect(effects.last == .searchRows(requestID: "r-big", order: nil, text: "row 77", from: 0, forward: true))
        #expect(state.ask.search.running)
        (state, effects) = Pure.apply(state, [.searchFinished(requestID: "r-big", text: "row 77", index: 770_077)])
        #expect(state.ask.cursor.selected == 770_077)
        #expect(effects.contains { if case let .loadRows(_, offset, _, _) = $0 { return offset == 770_000 } else { return false } })
        (_, effects) = Pure.apply(state, [.key(.char("n"))])
        #expect(effects.last == .searchRows(requestID: "r-big", order: nil, text: "row 77", from: 770_078, forward: true))
        (_, effects) = Pure.apply(state, [.key(.char("N"))])
        #expect(effects.last == .searchRows(requestID: "r-big", order: nil, text: "row 77", from: 770_076, forward: false))
        (state, _) = Pure.apply(state, [.searchFinished(requestID: "r-big", text: "zzz", index: nil)])
        #expect(state.notice?.isError == true)
    }

    @Test("+ - = change the selected column's width; Enter shows the whole value; y and Y copy exact values")
    func widthsCellAndCopy() throws {
        var (state, effects) = Pure.apply(Pure.answered(Pure.big()), [.key(.char("l"))])
        let before = state.ask.widths[1]
        (state, _) = Pure.apply(state, [.key(.char("+"))])
        #expect(state.ask.widths[1] == before + 4)
        (state, _) = Pure.apply(state, [.key(.char("-")), .key(.char("-"))])
        #expect(state.ask.widths[1] == max(3, before - 4))
        (state, _) = Pure.apply(state, [.key(.char("="))])
        #expect(state.ask.widths[1] == before)
        (state, effects) = Pure.apply(state, [.key(.down), .key(.char("l")), .key(.char("y"))])
        #expect(effects.last == .copy("1.5"))
        (_, effects) = Pure.apply(state, [.key(.char("Y"))])
        #expect(effects.last == .copy("1\trow 1\t1.5"))
        (state, _) = Pure.apply(state, [.key(.enter)])
        guard case let .cell(cell) = state.overlay else { Issue.record("no cell view"); return }
        #expect(cell.title == "amount · row 2")
        #expect(cell.text.hasPrefix("1.5 "))
        (_, effects) = Pure.apply(state, [.key(.char("y"))])
        #expect(effects.last == .copy("1.5"))
    }

    @Test("e opens the export dialog in the working folder; Enter exports the whole result in the chosen format and order")
    func export() {
        var (state, effects) = Pure.apply(Pure.answered(Pure.big()), [.key(.char("e"))])
        guard case let .export(dialog) = state.overlay else { Issue.record("no export dialog"); return }
        #expect(dialog.folder.text == "/tmp/exports")
        (state, effects) = Pure.apply(state, [.key(.down), .key(.down), .key(.tab), .key(.ctrl("u"))] + Pure.keys("/data") + [.key(.enter)])
        #expect(effects.last == .export(requestID: "r-big", order: nil, format: .markdown, folder: "/data"))
        (state, _) = Pure.apply(state, [.exported(ExportReceipt(path: "/data/bulkhead-r-big.md", rows: 1_000_000, format: .markdown))])
        #expect(state.overlay == nil)
        #expect(state.notice?.text == "wrote 1,000,000 rows to /data/bulkhead-r-big.md")
        // A failure stays in the dialog, which stays open.
        (state, _) = Pure.apply(state, [.key(.char("e")), .key(.enter), .failed(.export, "no such folder: /nope")])
        guard case let .export(failed) = state.overlay else { Issue.record("the dialog closed"); return }
        #expect(failed.error == "no such folder: /nope")
        #expect(!failed.busy)
    }

    @Test("c charts a label and one or two numbers, loading every row; other shapes say why not")
    func chart() {
        let grouped = AskOutcome(requestID: "r-g", sql: "SELECT country, sum(x), count(*) FROM t GROUP BY 1", summary: "s",
                                 columns: ["country", "revenue", "orders"],
                                 rows: (0..<100).map { [.text("c\($0)"), .real(Double($0) * 10.25), .integer(Int64($0))] }, rowCount: 250)
        var (state, effects) = Pure.apply(Pure.answered(grouped), [.key(.char("c"))])
        #expect(state.ask.chart)
        #expect(effects.contains(.loadRows(requestID: "r-g", offset: 200, limit: AskState.pageSize, order: nil)))
        for offset in [100, 200] {
            (state, _) = Pure.apply(state, [.rowsLoaded(requestID: "r-g", order: nil, offset: offset,
                                                        rows: (offset..<min(250, offset + 100)).map { [.text("c\($0)"), .real(Double($0)), .integer(1)] })])
        }
        let screen = Console.view(state, size: Pure.size).plainText()
        #expect(screen.contains("█ revenue"))
        #expect(screen.contains("▓ orders"))
        #expect(screen.contains("c0"))
        let wide = AskOutcome(requestID: "r-w", sql: "SELECT a, b, c, d FROM t", summary: "s", columns: ["a", "b", "c", "d"],
                              rows: [[.text("x"), .text("y"), .integer(1), .integer(2)]], rowCount: 1)
        (state, _) = Pure.apply(Pure.answered(wide), [.key(.char("c"))])
        #expect(!state.ask.chart)
        #expect(state.notice?.isError == true)
    }

    @Test("dates as labels draw a braille line chart; the chart spec rejects text-only results")
    func lineChart() {
        let monthly = AskOutcome(requestID: "r-m", sql: "SELECT month, n FROM t", summary: "s", columns: ["month", "orders"],
                                 rows: (1...12).map { [.text(String(format: "2024-%02d", $0)), .integer(Int64($0 * 10))] }, rowCount: 12)
        let (state, _) = Pure.apply(Pure.answered(monthly), [.key(.char("c"))])
        let screen = Console.view(state, size: Pure.size).plainText()
        #expect(screen.contains("2024-01") && screen.contains("2024-12"))
        #expect(screen.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "braille dots are drawn")
        #expect(ChartSpec.isTimeline(["2024", "2025"]))
        #expect(!ChartSpec.isTimeline(["Japan", "Spain"]))
        #expect(ChartSpec.make(columns: ["a", "b"], layouts: [.text, .text], rowCount: 3) == nil)
    }
}

/// The sources screen's filter and table preview; the audit's replay and tour.
@Suite("Sources and audit screens")
struct SourcesAndAuditTests {
    private func withSource() -> ConsoleState {
        let table = TableInfo(name: "customers", columns: [ColumnInfo(name: "id", type: "INTEGER", primaryKey: true),
                                                          ColumnInfo(name: "email", type: "TEXT")],
                              rowCount: 1_000, sampleRows: Pure.rows(5).map { Array($0.prefix(2)) })
        let orders = TableInfo(name: "orders", columns: [ColumnInfo(name: "total", type: "REAL")], rowCount: 10, sampleRows: [])
        let (state, effects) = Pure.apply(Pure.loggedIn(), [.sourcesLoaded([SourceSummary(name: "shop", kind: "sqlite"),
                                                                             SourceSummary(name: "crm", kind: "csv")])])
        #expect(!effects.contains { if case .showSource = $0 { return true } else { return false } }, "no schema is read at login")
        let (opened, asked) = Pure.apply(state, [.key(.enter)])
        #expect(asked == [.showSource("shop")])
        return Pure.apply(opened, [.sourceLoaded(SourceDetail(name: "shop", tables: [table, orders]))]).0
    }

    @Test("/ hides what does not match and opens the way to what does; Esc shows everything again")
    func filterHides() {
        var (state, effects) = Pure.apply(withSource(), [.key(.char("/"))])
        #expect(effects.contains(.showSource("crm")), "filtering reads the schemas not read yet")
        (state, _) = Pure.apply(state, Pure.keys("mail"))
        #expect(state.sources.rows.map(\.name) == ["shop", "customers", "email"])
        (state, _) = Pure.apply(state, [.key(.enter), .key(.escape)])
        #expect(state.sources.rows.map(\.name) == ["shop", "customers", "orders", "crm"])
    }

    @Test("the table preview starts with the sample rows and pages the table as it scrolls")
    func previewPages() {
        var (state, effects) = Pure.apply(withSource(), [.key(.down)])
        #expect(state.sources.preview.count == 5)
        #expect(effects.contains(.loadTableRows(source: "shop", table: "customers", offset: 0, limit: AskState.pageSize)))
        (state, _) = Pure.apply(state, [.tableRowsLoaded(source: "shop", table: "customers", offset: 0, rows: Pure.rows(100).map { Array($0.prefix(2)) })])
        (state, effects) = Pure.apply(state, [.key(.tab), .key(.char("G"))])
        #expect(state.sources.sampleCursor.selected == 999)
        #expect(effects.contains(.loadTableRows(source: "shop", table: "customers", offset: 900, limit: AskState.pageSize)))
    }

    @Test("Enter on a pattern opens its replay; t steps through the tour and selects each stop's pattern")
    func replayAndTour() {
        let evidence = ReplayEvidence(attacker: "tenant A (Acme)", target: "tenant B (Globex)", input: "clinic",
                                      stoppedBy: "connections and queries", refusal: "source 'clinic' not found",
                                      missingRefusal: "source 'nosuch' not found", likeMissing: true, canary: "GLOBEX-CANARY-1")
        let report = AuditReport(patterns: [
            AuditPattern(id: "AUTH-01", layer: "authentication", name: "login", passed: true),
            AuditPattern(id: "ENG-01a", layer: "connections and queries", name: "by name", passed: true, tried: "queries by name",
                         evidence: evidence),
        ], seconds: 1, tour: [TourStop(title: "Failure mode 4: error message leakage", patternID: "ENG-01", paragraph: "An error…")])
        var (state, _) = Pure.apply(Pure.loggedIn(), [.key(.char("4")), .auditFinished(report), .key(.down), .key(.enter)])
        #expect(state.overlay == .replay(ReplayState(index: 1)))
        var screen = Console.view(state, size: Pure.size).plainText()
        for text in ["tenant A (Acme)", "clinic", "connections and queries", "source 'clinic' not found", "identical", "GLOBEX-CANARY-1"] {
            #expect(screen.contains(text), "the replay shows \(text)")
        }
        (state, _) = Pure.apply(state, [.key(.escape), .key(.up), .key(.char("t"))])
        #expect(state.audit.tourStop == 0)
        #expect(state.audit.cursor.selected == 0)
        (state, _) = Pure.apply(state, [.key(.right)])
        #expect(state.audit.cursor.selected == 1, "the stop's pattern ENG-01 is ENG-01a in the report")
        screen = Console.view(state, size: Pure.size).plainText()
        #expect(screen.contains("Tour 1/1"))
        #expect(screen.contains("An error…"))
        (state, _) = Pure.apply(state, [.key(.escape)])
        #expect(state.audit.tourStop == nil)
    }
}
