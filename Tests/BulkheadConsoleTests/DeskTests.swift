import BulkheadConsole
import BulkheadCore
import Foundation
import Testing

/// The split screen: two consoles, each routed to its own services; Tab, ^A, the divider, `:split`.
@Suite("Split screen")
struct DeskTests {
    private func split(size: TerminalSize = TerminalSize(width: 120, height: 30)) -> DeskState {
        Desk.split(Pure.loggedIn(org: "Acme", size: size), Pure.loggedIn(org: "Globex", size: size), size: size)
    }

    private func run(_ desk: DeskState, _ messages: [DeskMessage]) -> (DeskState, [DeskEffect]) {
        var desk = desk
        var effects: [DeskEffect] = []
        for message in messages {
            let result = Desk.update(desk, message)
            desk = result.0
            effects += result.1
        }
        return (desk, effects)
    }

    @Test("each half gets its own size and side; Tab moves the keyboard between halves")
    func halves() {
        var desk = split()
        #expect(desk.sideBySide)
        #expect(desk.panes[0].state.size.width + desk.panes[1].state.size.width + 1 == 120)
        #expect(desk.panes[0].state.split == SplitRole(side: .left, active: true))
        #expect(desk.panes[1].state.split == SplitRole(side: .right, active: false))
        desk = run(desk, [.key(.tab)]).0
        #expect(desk.focus == 1)
        #expect(desk.panes[1].state.split?.active == true)
        // Keys go to the focused half only.
        let (next, effects) = run(desk, [.key(.char("2"))])
        #expect(next.panes[1].state.screen == .ask)
        #expect(next.panes[0].state.screen == .sources)
        #expect(effects.isEmpty)
    }

    @Test("^A then a question asks both halves, each through its own services")
    func broadcast() {
        var (desk, effects) = run(split(), [.key(.ctrl("a"))] + "how many customers".map { .key(.char($0)) } + [.key(.enter)])
        #expect(!desk.broadcasting)
        #expect(effects.contains(.pane(0, .ask(question: "how many customers", source: nil))))
        #expect(effects.contains(.pane(1, .ask(question: "how many customers", source: nil))))
        // Answers come back to the half that asked.
        let acme = AskOutcome(requestID: "r-a", sql: "SELECT count(*) FROM customers", summary: "count(*) = 600", columns: ["count(*)"],
                              rows: [[.integer(600)]], rowCount: 1)
        (desk, effects) = run(desk, [.pane(0, .answered(acme))])
        #expect(desk.panes[0].state.ask.outcome == acme)
        #expect(desk.panes[1].state.ask.outcome == nil)
        #expect(desk.panes[1].state.ask.running)
        // Messages for a pane that is gone are dropped.
        (desk, effects) = run(desk, [.pane(7, .answered(acme))])
        #expect(effects.isEmpty)
    }

    @Test("< and > move the divider within the minimum widths; = centers it")
    func divider() {
        var desk = run(split(), [.key(.char("<")), .key(.char("<"))]).0
        #expect(desk.leftWidth == 59 - 8)
        desk = run(desk, Array(repeating: .key(.char("<")), count: 10)).0
        #expect(desk.leftWidth == TerminalSize.minimum.width)
        desk = run(desk, [.key(.char("="))]).0
        #expect(desk.leftWidth == 59)
    }

    @Test(":split opens a second, logged-out session; closing it logs that session out")
    func paletteSplit() {
        var single = Pure.loggedIn()
        single.canSplit = true
        var desk = DeskState(single: single)
        var effects: [DeskEffect]
        (desk, effects) = run(desk, [.key(.char(":"))] + "split".map { .key(.char($0)) } + [.key(.enter)])
        #expect(desk.isSplit)
        #expect(effects == [.openPane(1), .pane(1, .loadStartup)])
        (desk, _) = run(desk, [.pane(1, .started(ConsoleStartup(homeIsEmpty: false, session: nil)))])
        #expect(desk.panes[1].state.screen == .login)
        (desk, _) = run(desk, [.pane(1, .loggedIn(ConsoleSession(email: "gus@globex.test", orgName: "Globex", role: "admin")))])
        (desk, effects) = run(desk, [.key(.char(":"))] + "split close".map { .key(.char($0)) } + [.key(.enter)])
        #expect(!desk.isSplit)
        #expect(effects.contains(.pane(0, .logout)))
        #expect(effects.contains(.closePane(0)))
        #expect(desk.panes[0].state.session?.orgName == "Globex")
    }

    @Test("below 81 columns one half shows at a time, full width, with its number")
    func narrow() {
        let desk = split(size: TerminalSize(width: 60, height: 20))
        #expect(!desk.sideBySide)
        let screen = Desk.view(desk, size: TerminalSize(width: 60, height: 20)).plainText()
        #expect(screen.contains("1/2"))
        let left = Console.view(desk.panes[0].state, size: TerminalSize(width: 60, height: 20)).plainText()
        #expect(screen.split(separator: "\n").prefix(19) == left.split(separator: "\n").prefix(19), "the focused half fills the screen")
    }

    @Test("a click focuses the half under it, in that half's own coordinates")
    func mouse() {
        let (desk, _) = run(split(), [.mouse(MouseEvent(x: 100, y: 5, kind: .click))])
        #expect(desk.focus == 1)
    }
}
