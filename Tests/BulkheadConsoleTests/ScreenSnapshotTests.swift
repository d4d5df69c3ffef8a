import BulkheadConsole
import BulkheadTerminal
import Testing

/// Every screen at 100x30 and 40x12, rendered by the headless driver and compared with the text
/// files in `__Snapshots__/` (the files are the review: open them to see the screens).
@Suite("Screen snapshots")
struct ScreenSnapshotTests {
    @Test("every screen matches its snapshot", arguments: Scenarios.names)
    func screen(_ name: String) async throws {
        for size in Scenarios.sizes {
            let text = await Scenarios.render(name, size: size)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == size.height)
            #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= size.width })
            try assertSnapshot(text, named: "\(name)-\(size.width)x\(size.height)")
        }
    }

    @Test("a terminal smaller than 40x12 shows 'terminal too small'")
    func tooSmall() async throws {
        var driver = await Scenarios.loggedIn(TerminalSize(width: 100, height: 30))
        await driver.resize(TerminalSize(width: 20, height: 5))
        let text = driver.render()
        #expect(text.contains("terminal too small"))
        #expect(!text.contains("Sources"))
        try assertSnapshot(text, named: "too-small-20x5")
    }
}
