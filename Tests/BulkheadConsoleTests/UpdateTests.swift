import BulkheadConsole
import BulkheadCore
import BulkheadTerminal
import Foundation
import Testing

/// `update` on its own: keys in, effects out, no services involved.
@Suite("Console update")
struct UpdateTests {
    private func send(_ state: ConsoleState, _ messages: Message...) -> (ConsoleState, [Effect]) {
        Pure.apply(state, messages)
    }

    private func keys(_ text: String) -> [Message] { Pure.keys(text) }

    private func loginScreen() -> ConsoleState {
        let (state, effects) = Console.start(size: TerminalSize(width: 100, height: 30), themeName: "dark", themeNames: ["dark"])
        #expect(effects == [.loadStartup])
        return Console.update(state, .started(ConsoleStartup(homeIsEmpty: false, session: nil))).0
    }

    private func loggedIn() -> ConsoleState {
        let session = ConsoleSession(email: "ada@acme.test", orgName: "Acme", role: "admin")
        return Console.update(loginScreen(), .loggedIn(session)).0
    }

    private func apply(_ state: ConsoleState, _ messages: [Message]) -> (ConsoleState, [Effect]) {
        Pure.apply(state, messages)
    }

    @Test("typing email, Tab, password, Enter yields a login effect with what was typed")
    func loginFlow() {
        var (state, effects) = apply(loginScreen(), keys("Ada@Acme.test"))
        #expect(state.screen == .login)
        (state, effects) = apply(state, [.key(.tab)] + keys("pass word!") + [.key(.backspace), .key(.char("?")), .key(.enter)])
        #expect(effects == [.login(email: "Ada@Acme.test", password: "pass word?", org: nil)])
        #expect(state.login.busy)
        // The typed 'q' inside a field is text, not quit.
        (state, effects) = apply(loginScreen(), keys("q"))
        #expect(!state.quitRequested)
        #expect(state.login.email.text == "q")
    }

    @Test("the password never appears on screen, and a failure shows Auth's message and clears it")
    func passwordMasked() {
        var (state, _) = apply(loginScreen(), keys("ada@acme.test") + [.key(.tab)] + keys("hunter2-secret"))
        var text = Console.view(state, size: state.size).plainText()
        #expect(!text.contains("hunter2"))
        #expect(text.contains("••••••••••••••"))
        (state, _) = apply(state, [.key(.enter), .failed(.login, "too many failed logins; try again in 60 s")])
        text = Console.view(state, size: state.size).plainText()
        #expect(text.contains("too many failed logins; try again in 60 s"))
        #expect(state.login.password.text.isEmpty)
        #expect(!state.login.busy)
    }

    @Test("several orgs open a picker; Enter logs in again with the chosen org")
    func orgPicker() {
        var (state, effects) = apply(loginScreen(), keys("a@b.test") + [.key(.tab)] + keys("pw") + [.key(.enter), .chooseOrg(["Acme", "Initech"])])
        #expect(state.login.orgs == ["Acme", "Initech"])
        (state, effects) = apply(state, [.key(.down), .key(.enter)])
        #expect(effects.last == .login(email: "a@b.test", password: "pw", org: "Initech"))
    }

    @Test("Esc backs out of every mode: help, palette, filter, results focus, login error")
    func escapeBacksOut() {
        var (state, _) = apply(loggedIn(), [.key(.char("?"))])
        #expect(state.overlay == .help)
        (state, _) = apply(state, [.key(.escape)])
        #expect(state.overlay == nil)
        (state, _) = apply(state, [.key(.char(":"))])
        #expect(state.isTyping)
        (state, _) = apply(state, [.key(.escape)])
        #expect(state.overlay == nil)
        (state, _) = apply(state, [.sourcesLoaded([SourceSummary(name: "shop", kind: "sqlite")]), .key(.char("/"))] + keys("zz"))
        #expect(state.sources.filtering)
        (state, _) = apply(state, [.key(.escape)])
        #expect(!state.sources.filtering)
        #expect(state.sources.filter.text.isEmpty)
        (state, _) = apply(state, [.key(.char("2"))])
        #expect(state.screen == .ask && state.ask.focus == .input)
        (state, _) = apply(state, [.key(.escape)])
        #expect(state.ask.focus == .results)
        // Now at the top level, q quits.
        let (quit, effects) = apply(state, [.key(.char("q"))])
        #expect(quit.quitRequested)
        #expect(effects == [.quit])
    }

    @Test("Up and Down walk the question history and restore the draft")
    func history() {
        var (state, _) = apply(loggedIn(), [.key(.char("2"))] + keys("first") + [.key(.enter), .failed(.ask, "cancelled")]
            + keys("second") + [.key(.enter), .failed(.ask, "cancelled")] + keys("dra"))
        (state, _) = apply(state, [.key(.up)])
        #expect(state.ask.input.text == "second")
        (state, _) = apply(state, [.key(.up), .key(.up)])
        #expect(state.ask.input.text == "first")
        (state, _) = apply(state, [.key(.down)])
        #expect(state.ask.input.text == "second")
        (state, _) = apply(state, [.key(.down)])
        #expect(state.ask.input.text == "dra")
    }

    @Test("Ctrl+C while a question runs emits .cancel and stays; at the top level it quits")
    func cancel() {
        var (state, effects) = apply(loggedIn(), [.key(.char("2"))] + keys("how many orders") + [.key(.enter)])
        #expect(effects.last == .ask(question: "how many orders", source: nil))
        #expect(state.ask.running)
        let start = Date(timeIntervalSinceReferenceDate: 1_000)
        (state, _) = apply(state, [.tick(start), .tick(start.addingTimeInterval(3.4))])
        #expect(Console.view(state, size: state.size).plainText().contains("3.4 s"))
        (state, effects) = apply(state, [.key(.ctrl("c"))])
        #expect(effects == [.cancel])
        #expect(!state.quitRequested)
        #expect(!state.ask.running)
        (state, effects) = apply(state, [.key(.ctrl("c"))])
        #expect(state.quitRequested)
        #expect(effects == [.quit])
    }

    @Test("scrolling past the first page asks for the next page, never the whole result")
    func paging() {
        let firstPage: [[DisplayValue]] = (0..<100).map { [.integer(Int64($0)), .text("x")] }
        let outcome = AskOutcome(requestID: "r1", sql: "SELECT 1", summary: "s", columns: ["id", "v"], rows: firstPage, rowCount: 100_000)
        var (state, effects) = apply(loggedIn(), [.key(.char("2"))] + keys("all") + [.key(.enter), .answered(outcome)])
        #expect(!effects.contains { if case .loadRows = $0 { return true } else { return false } })
        (state, effects) = apply(state, [.key(.pageDown), .key(.pageDown), .key(.pageDown), .key(.pageDown)])
        #expect(effects.contains(.loadRows(requestID: "r1", offset: 100, limit: AskState.pageSize, order: nil)))
        // The page is asked for once, even while more keys arrive.
        let again = apply(state, [.key(.down)]).1
        #expect(!again.contains(.loadRows(requestID: "r1", offset: 100, limit: AskState.pageSize, order: nil)))
        (state, effects) = apply(state, [.key(.char("G"))])
        #expect(effects.contains(.loadRows(requestID: "r1", offset: 99_900, limit: AskState.pageSize, order: nil)))
        #expect(state.ask.rows.count <= 200)
        // Rows of another request are ignored.
        (state, _) = apply(state, [.rowsLoaded(requestID: "old", order: nil, offset: 99_900, rows: [[.text("stale")]])])
        #expect(state.ask.rows[99_900] == nil)
    }

    @Test("g and b send feedback on the current answer")
    func feedback() {
        let outcome = AskOutcome(requestID: "r7", sql: "SELECT 1", summary: "s", columns: ["a"], rows: [[.integer(1)]], rowCount: 1)
        let (_, effects) = apply(loggedIn(), [.key(.char("2"))] + keys("q") + [.key(.enter), .answered(outcome), .key(.char("b"))])
        #expect(effects.last == .feedback(requestID: "r7", good: false))
    }

    @Test("a 20x5 terminal shows 'terminal too small'; 40x12 lays out")
    func tooSmall() {
        let state = loggedIn()
        let small = Console.view(state, size: TerminalSize(width: 20, height: 5)).plainText()
        #expect(small.contains("terminal too small"))
        let fits = Console.view(state, size: TerminalSize(width: 40, height: 12)).plainText()
        #expect(!fits.contains("terminal too small"))
        #expect(fits.contains("Sources"))
    }

    @Test("the palette switches theme and asks for it to be remembered")
    func paletteTheme() {
        var state = loggedIn()
        state.themeNames = ["dark", "light", "high-contrast"]
        let (next, effects) = apply(state, [.key(.char(":"))] + keys("theme light") + [.key(.enter)])
        #expect(next.themeName == "light")
        #expect(effects == [.saveTheme("light")])
        #expect(Console.view(next, size: next.size).plainText().contains("light"))
    }

    @Test("the palette picks the source questions go to")
    func paletteSource() {
        let (next, effects) = apply(loggedIn(), [.sourcesLoaded([SourceSummary(name: "shop", kind: "sqlite"), SourceSummary(name: "crm", kind: "csv")]),
                                                 .key(.char(":"))] + keys("source crm") + [.key(.enter)] + keys("how many leads") + [.key(.enter)])
        #expect(next.screen == .ask)
        #expect(effects.last == .ask(question: "how many leads", source: "crm"))
    }

    @Test("a click on a tab switches screen")
    func mouseTabs() {
        let state = loggedIn()
        let tabs = Console.headerTabs(state)
        let span = tabs.spans[2]
        let (next, effects) = apply(state, [.mouse(MouseEvent(x: span.x + 1, y: 0, kind: .click))])
        #expect(next.screen == .inspector)
        #expect(effects == [.loadRequests])
    }

    @Test("the help scrolls on a short terminal, so every key can be read at 40x12")
    func helpScroll() {
        var state = loggedIn()
        state.size = TerminalSize(width: 40, height: 12)
        var (next, _) = apply(state, [.key(.char("?"))])
        #expect(!Console.view(next, size: next.size).plainText().contains("cancel / quit"))
        (next, _) = apply(next, Array(repeating: Message.key(.char("j")), count: 20))
        let text = Console.view(next, size: next.size).plainText()
        #expect(text.contains("cancel / quit"))
        #expect(text.contains("j/k more"))
    }

    @Test("effects never describe passwords or questions")
    func effectDescriptions() {
        #expect(!String(describing: Effect.login(email: "a@b", password: "s3cret", org: nil)).contains("s3cret"))
        #expect(!String(describing: Effect.ask(question: "salaries of bob", source: nil)).contains("bob"))
    }
}
