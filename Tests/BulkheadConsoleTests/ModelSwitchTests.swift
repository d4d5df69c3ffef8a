import BulkheadConsole
import BulkheadTerminal
import Foundation
import Testing

/// The org's model in the status line, and switching it from the palette (admins only).
@Suite("Console model")
struct ModelSwitchTests {
    private func keys(_ text: String) -> [Message] { text.map { .key(.char($0)) } }

    private func session(_ role: String) -> ConsoleState {
        let (state, _) = Console.start(size: TerminalSize(width: 100, height: 30), themeName: "dark", themeNames: ["dark"])
        let started = Console.update(state, .started(ConsoleStartup(homeIsEmpty: false, session: nil))).0
        let session = ConsoleSession(email: "ada@acme.test", orgName: "Acme", role: role, model: "offline/offline-planner-1",
                                     modelChoices: role == "admin" ? ["offline", "anthropic"] : [])
        return Console.update(started, .loggedIn(session)).0
    }

    private func apply(_ state: ConsoleState, _ messages: [Message]) -> (ConsoleState, [Effect]) {
        var state = state
        var effects: [Effect] = []
        for message in messages {
            let result = Console.update(state, message)
            state = result.0
            effects += result.1
        }
        return (state, effects)
    }

    @Test("the status line shows the org's model beside the theme")
    func statusLine() {
        let state = session("member")
        let bottom = Console.view(state, size: state.size).row(state.size.height - 1)
        #expect(bottom.contains("⚙ offline/offline-planner-1 ◐ dark"), "\(bottom)")
        let narrow = Console.view(state, size: TerminalSize(width: 40, height: 12))
        #expect(narrow.row(11).count <= 40)
    }

    @Test("an admin switches the model from the palette; the status line follows")
    func adminSwitches() {
        let admin = session("admin")
        #expect(admin.paletteCommands(matching: "model").map(\.title) == ["model use offline", "model use anthropic"])
        let (waiting, effects) = apply(admin, [.key(.char(":"))] + keys("model use anthropic") + [.key(.enter)])
        #expect(effects == [.useModel("anthropic")])
        let (switched, _) = apply(waiting, [.modelChanged("anthropic/claude-sonnet-4-5")])
        #expect(switched.session?.model == "anthropic/claude-sonnet-4-5")
        let bottom = Console.view(switched, size: switched.size).row(switched.size.height - 1)
        #expect(bottom.contains("model: anthropic/claude-sonnet-4-5") || bottom.contains("⚙ anthropic/claude-sonnet-4-5"))
        let (failed, _) = apply(waiting, [.failed(.model, "anthropic is not configured for your organization")])
        #expect(failed.notice?.isError == true)
    }

    @Test("members see the model but get no command to switch it")
    func membersCannotSwitch() {
        let member = session("member")
        #expect(member.paletteCommands(matching: "model").isEmpty)
    }
}

/// Reviewing members' suggested examples from the palette (admins).
@Suite("Console example review")
struct ExampleReviewTests {
    @Test("an admin approves a pending suggestion from the palette; it leaves the list")
    func approve() {
        let (state, _) = Console.start(size: TerminalSize(width: 100, height: 30), themeName: "dark", themeNames: ["dark"])
        let started = Console.update(state, .started(ConsoleStartup(homeIsEmpty: false, session: nil))).0
        let session = ConsoleSession(email: "ada@acme.test", orgName: "Acme", role: "admin",
                                     pendingExamples: [PendingExample(id: "ex-req-1", question: "toys products")])
        var admin = Console.update(started, .loggedIn(session)).0
        #expect(admin.paletteCommands(matching: "example").map(\.title)
            == ["example approve ex-req-1 · toys products", "example reject ex-req-1 · toys products"])
        var effects: [Effect] = []
        for message in [Message.key(.char(":"))] + "example approve".map({ Message.key(.char($0)) }) + [.key(.enter)] {
            let result = Console.update(admin, message)
            admin = result.0
            effects += result.1
        }
        #expect(effects == [.reviewExample(id: "ex-req-1", approve: true)])
        admin = Console.update(admin, .exampleReviewed(id: "ex-req-1", approved: true)).0
        #expect(admin.session?.pendingExamples.isEmpty == true)
        #expect(admin.notice?.text == "example ex-req-1 approved")
        let member = Console.update(started, .loggedIn(ConsoleSession(email: "ben@acme.test", orgName: "Acme", role: "member",
                                                                      pendingExamples: session.pendingExamples))).0
        #expect(member.paletteCommands(matching: "example").isEmpty)
    }
}
