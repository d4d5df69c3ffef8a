import BulkheadConsole
import BulkheadCore
import BulkheadTerminal
import Testing

/// Data that tries to steer the terminal (escape sequences, OSC 52 and OSC 0, BEL, NUL, C1
/// controls, bidi overrides) is drawn visibly escaped on every screen, because the grid escapes
/// whatever text enters it.
@Suite("Hostile text on screen")
struct HostileTextTests {
    /// One value of each kind of control sequence.
    static let values = [
        "clear\u{1B}[2Jme",
        "clip\u{1B}]52;c;SGVsbG8=\u{07}",
        "title\u{1B}]0;pwned\u{07}",
        "nul\u{0}byte",
        "csi\u{9B}31mred",
        "bidi\u{202E}txt.exe\u{202C}",
        "iso\u{2066}late\u{2069}",
        "del\u{7F}cr\rend",
    ]

    static let outcome = AskOutcome(
        requestID: "req-hostile", sql: "SELECT v FROM notes -- \u{1B}[2J", summary: "5 rows \u{1B}]0;title\u{07}",
        columns: ["v\u{1B}[31m"], rows: values.map { [.text($0)] }, rowCount: values.count)

    @Test("an answer's cells, column name, SQL and summary show every control visibly", arguments: Scenarios.sizes)
    func answer(_ size: TerminalSize) async throws {
        var driver = await Scenarios.loggedIn(size)
        await driver.press(.char("2"))
        let state = Console.update(driver.state, .answered(Self.outcome)).0
        let grid = Console.view(state, size: size)
        for cell in grid.cells {
            #expect(!cell.text.unicodeScalars.contains { TerminalText.needsEscape($0, singleLine: true) },
                     "a raw control reached the grid: \(cell.text.unicodeScalars.map { $0.value })")
        }
        let text = grid.plainText()
        if size.width >= 100 {
            #expect(text.contains("clear␛[2Jme"))
            #expect(text.contains("clip␛]52;c;SGVsbG8=␇"))
            #expect(text.contains("nul␀byte"))
            #expect(text.contains("csi<U+009B>31mred"))
            #expect(text.contains("bidi<U+202E>txt.exe<U+202C>"))
            #expect(text.contains("del␡cr␍end"))
        }
        try assertSnapshot(text, named: "ask-hostile-\(size.width)x\(size.height)")
    }

    @Test("the grid writes a control as its stand-in and measures it as drawn")
    func gridPut() {
        var grid = CellGrid(width: 30, height: 1)
        let written = grid.put("a\u{1B}[2J\u{202E}b", x: 0, y: 0, style: .text)
        #expect(grid.row(0).hasPrefix("a␛[2J<U+202E>b"))
        #expect(written == DisplayWidth.of("a\u{1B}[2J\u{202E}b"))
        #expect(written == 14)
    }
}
