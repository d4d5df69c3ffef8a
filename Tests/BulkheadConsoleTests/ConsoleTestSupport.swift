import BulkheadConsole
import BulkheadCore
import Foundation

/// Pure `update` helpers shared by the console's tests: no services run, effects are returned.
enum Pure {
    static let size = TerminalSize(width: 100, height: 30)

    static func apply(_ state: ConsoleState, _ messages: [Message]) -> (ConsoleState, [Effect]) {
        var state = state
        var effects: [Effect] = []
        for message in messages {
            let result = Console.update(state, message)
            state = result.0
            effects += result.1
        }
        return (state, effects)
    }

    static func keys(_ text: String) -> [Message] { text.map { .key(.char($0)) } }

    static func loggedIn(org: String = "Acme", size: TerminalSize = size) -> ConsoleState {
        let state = Console.start(size: size, themeName: "dark", themeNames: ["dark"]).0
        let started = Console.update(state, .started(ConsoleStartup(homeIsEmpty: false, session: nil, exportFolder: "/tmp/exports"))).0
        return Console.update(started, .loggedIn(ConsoleSession(email: "ada@acme.test", orgName: org, role: "admin"))).0
    }

    /// Logged in, with `outcome` answered and the results focused.
    static func answered(_ outcome: AskOutcome) -> ConsoleState {
        apply(loggedIn(), [.key(.char("2"))] + keys("q") + [.key(.enter), .answered(outcome)]).0
    }

    static func rows(_ count: Int, from start: Int = 0) -> [[DisplayValue]] {
        (start..<(start + count)).map { [.integer(Int64($0)), .text("row \($0)"), .real(Double($0) * 1.5)] }
    }

    static func big(rows total: Int = 1_000_000) -> AskOutcome {
        AskOutcome(requestID: "r-big", sql: "SELECT id, label, amount FROM t", summary: "s", columns: ["id", "label", "amount"],
                   rows: rows(100), rowCount: total)
    }
}
