import BulkheadConsole
import BulkheadCore
import BulkheadTerminal
import Foundation
import Testing

@Suite("Widgets, width and themes")
struct WidgetTests {
    @Test("display width counts CJK and emoji as two columns, combining marks as none")
    func displayWidth() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("山田 太郎") == 9)
        #expect(DisplayWidth.of("ｱ") == 1)
        #expect(DisplayWidth.of("ＡＢ") == 4)
        #expect(DisplayWidth.of("🚀") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.truncate("山田太郎", to: 5) == "山田…")
        #expect(DisplayWidth.of(DisplayWidth.pad("李", to: 5)) == 5)
    }

    @Test("a table with CJK values keeps every column at the same screen position")
    func cjkAlignment() {
        let rows: [[DisplayValue]] = [["山田 太郎", "Japan", "41"], ["Maria Lopez", "Spain", "38"], ["李小龍", "China", "35"], ["Zoë", "DE", "7"]]
            .map { [.text($0[0]), .text($0[1]), .integer(Int64($0[2])!)] }
        let columns = ["customer", "country", "orders"]
        let layouts = ValueFormatter.columns(count: 3, rows: rows)
        let view = TableView(columns: columns, widths: TableView.widths(columns: columns, rows: rows, layouts: layouts), layouts: layouts,
                             rowCount: rows.count, cursor: ListCursor(selected: -1))
        var grid = CellGrid(width: 50, height: 6)
        view.render(into: &grid, rect: Rect(x: 0, y: 0, width: 50, height: 6)) { rows[$0] }
        let lines = grid.plainText().split(separator: "\n").map(String.init)
        // The country column starts at the same display column on every line.
        let starts = lines.prefix(5).map { line -> Int in
            let country = ["country", "Japan", "Spain", "China", "DE"].first { line.contains($0) }!
            let prefix = line[..<line.range(of: country)!.lowerBound]
            return DisplayWidth.of(String(prefix))
        }
        #expect(Set(starts).count == 1)
        #expect(grid[1 + 8, 1].text == "")   // the second half of 郎 (wide) is a continuation cell
    }

    @Test("a wide character never straddles a column boundary")
    func clipping() {
        var grid = CellGrid(width: 10, height: 1)
        let written = grid.put("ab山", x: 0, y: 0, style: .text, maxWidth: 3)
        #expect(written == 3)
        #expect(grid.row(0).hasPrefix("ab "))
    }

    @Test("the shipped theme files parse and equal the compiled-in copies")
    func themes() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes")
        let catalog = ThemeCatalog.load(directories: [folder])
        #expect(catalog.problems.isEmpty)
        #expect(Array(catalog.names.prefix(3)) == ["dark", "light", "high-contrast"])
        for name in ["dark", "light", "high-contrast"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name + ".toml"), encoding: .utf8)
            let theme = try Theme.parse(text, fallbackName: name)
            #expect(theme == ThemeCatalog.builtIn.theme(named: name))
            #expect(ColorSlot.allCases.allSatisfy { theme.colors[$0] != nil })
        }
        // A missing folder leaves the built-in themes.
        let empty = ThemeCatalog.load(directories: [URL(fileURLWithPath: "/nonexistent/themes")])
        #expect(empty.theme(named: "light").colors[.background] == RGB(hex: "#fafafa"))
        #expect(empty.theme(named: "no-such-theme").name == "dark")
    }

    @Test("a broken theme file is reported, not fatal")
    func brokenTheme() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name = \"bad\"\n[colors]\ntext = 12\n".write(to: folder.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        try "name = \"mine\"\n[colors]\nbackground = \"#000000\"\ntext = \"#00ff00\"\n[bold]\ntext = true\n"
            .write(to: folder.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        try "name = \"broken\"\n\n[colors\n".write(to: folder.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog.load(directories: [folder])
        #expect(catalog.problems.count == 2)
        #expect(catalog.problems.first == "bad.toml: colors.text must be a color like \"#1a2b3c\"")
        #expect(catalog.problems.last?.hasPrefix("broken.toml: line 3") == true, "TOMLKit's syntax errors name the line")
        #expect(catalog.theme(named: "mine").bold == [.text])
        #expect(catalog.names.contains("mine"))
    }

    @Test("color modes: truecolor, 256, 16 and mono (NO_COLOR)")
    func colorModes() {
        #expect(ColorMode.detect(colors: 0x1000000, hasColors: true, noColor: false) == .direct)
        #expect(ColorMode.detect(colors: 256, hasColors: true, noColor: false) == .palette256)
        #expect(ColorMode.detect(colors: 16, hasColors: true, noColor: false) == .ansi16)
        #expect(ColorMode.detect(colors: 256, hasColors: true, noColor: true) == .mono)
        #expect(ColorMode.detect(colors: 0, hasColors: false, noColor: false) == .mono)
        #expect(ColorMode.direct.number(for: RGB(0x12, 0x34, 0x56)) == 0x123456)
        #expect(ColorMode.palette256.number(for: RGB(255, 0, 0)) == 196)
        #expect(ColorMode.palette256.number(for: RGB(128, 128, 128)) == 244)
        #expect(ColorMode.ansi16.number(for: RGB(250, 250, 250)) == 15)
        #expect(ColorMode.ansi8.number(for: RGB(0, 0, 0)) == 0)
    }

    @Test("text input: cursor keys, word delete, masked text stays out of the history")
    func textInput() {
        var input = TextInput(usesHistory: true)
        for character in "hello world" { input.handle(.char(character)) }
        input.handle(.ctrl("w"))
        #expect(input.text == "hello ")
        input.handle(.home)
        input.handle(.char(">"))
        #expect(input.text == ">hello ")
        #expect(input.commit() == ">hello ")
        #expect(input.history == [">hello "])
        var secret = TextInput(masked: true)
        secret.handle(.char("x"))
        _ = secret.commit()
        #expect(secret.history.isEmpty)
    }

    @Test("line diff marks added and removed lines")
    func diff() {
        let lines = LineDiff.diff(old: "a\nb\nc", new: "a\nB\nc\nd")
        #expect(lines == [.same("a"), .removed("b"), .added("B"), .same("c"), .added("d")])
    }
}
