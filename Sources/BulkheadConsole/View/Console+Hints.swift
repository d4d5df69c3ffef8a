/// Key hints for the status bar and the `?` help, per screen.
extension Console {
    /// The hints shown in the status bar.
    static func hints(for state: ConsoleState) -> [StatusBar.Hint] {
        typealias H = StatusBar.Hint
        if !state.size.isUsable { return [] }
        switch state.screen {
        case .loading: return [H("^C", "quit")]
        case .welcome:
            if state.welcome.creating { return [H("…", "creating the demo")] }
            if state.welcome.accounts.isEmpty { return [H("d", "create demo"), H("l", "log in"), H("q", "quit")] }
            return [H("⏎", "log in as selected"), H("↑↓", "select"), H("q", "quit")]
        case .login:
            if state.login.orgs != nil { return [H("⏎", "choose org"), H("↑↓", "select"), H("esc", "back")] }
            return [H("⏎", "log in"), H("tab", "next field"), H("^C", "quit")]
        case .sources:
            if state.sources.filtering { return [H("⏎", "keep filter"), H("esc", "clear"), H("n/N", "next/prev")] }
            return [H("⏎", "open"), H("/", "filter"), H("tab", "pane"), H("a", "ask"), H("?", "help"), H(":", "palette"), H("q", "quit")]
        case .ask:
            if state.ask.running { return [H("^C", "cancel"), H("?", "help")] }
            if state.ask.focus == .input { return [H("⏎", "ask"), H("↑↓", "history"), H("esc", "results"), H("^C", "quit")] }
            if state.ask.search.typing { return [H("⏎", "search"), H("esc", "cancel")] }
            return [H("hjkl", "move"), H("s", "sort"), H("/", "search"), H("⏎", "cell"), H("e", "export"), H("c", "chart"),
                    H("y", "copy"), H("i", "question"), H("?", "help")]
        case .inspector:
            if state.inspector.focus == .detail { return [H("h/l", "tab"), H("j/k", "scroll"), H("esc", "list"), H("?", "help")] }
            return [H("⏎", "open"), H("j/k", "select"), H("r", "reload"), H("tab", "pane"), H("?", "help"), H("q", "quit")]
        case .audit:
            if state.audit.running { return [H("…", "running"), H("^C", "quit")] }
            if state.audit.tourStop != nil { return [H("←→", "step"), H("j/k", "scroll"), H("esc", "end tour")] }
            if state.audit.report != nil { return [H("⏎", "replay"), H("t", "tour"), H("r", "run again"), H("j/k", "select"), H("?", "help")] }
            return [H("r", "run audit"), H("j/k", "select"), H("?", "help"), H(":", "palette"), H("q", "quit")]
        }
    }

    /// The keys listed by `?` for the current screen, then the global ones.
    static func helpLines(for state: ConsoleState) -> [(String, String)] {
        var lines: [(String, String)]
        switch state.screen {
        case .loading: lines = []
        case .welcome:
            lines = [("d / ⏎", "create the demo workspace"), ("l", "log in to an existing workspace"),
                     ("↑↓ ⏎", "pick a demo account and log in")]
        case .login:
            lines = [("tab ↑↓", "switch between email and password"), ("⏎", "next field / log in"),
                     ("^A ^E ^U ^W", "line editing"), ("esc", "clear the error / back")]
        case .sources:
            lines = [("↑↓ j k", "move"), ("⏎ → l", "expand source or table"), ("← h", "collapse / parent"),
                     ("/", "show only names that match"), ("n / N", "next / previous match"), ("esc", "clear the filter"),
                     ("tab", "tree ⇄ table rows (scroll the whole table)"), ("a", "ask about this source"), ("r", "reload")]
        case .ask:
            lines = [("⏎", "ask the question"), ("↑↓", "question history"), ("^C", "cancel a running question"),
                     ("esc / tab / i", "question ⇄ results"), ("j k PgUp PgDn", "scroll rows (the whole result)"),
                     ("h l", "select a column"), ("Home / G", "first / last row"), ("s", "sort by the column (▲ ▼ off)"),
                     ("/ then n N", "search the whole result"), ("+ - =", "widen / narrow / fit the column"),
                     ("⏎", "the whole value of the cell"), ("y / Y", "copy the cell / the row (OSC 52)"),
                     ("e", "export CSV, JSON lines or Markdown"), ("c", "chart (label + 1 or 2 numbers)"),
                     ("g / b", "mark the answer good / bad"), ("I", "inspect the request")]
        case .inspector:
            lines = [("↑↓ j k", "select a request"), ("⏎ / tab", "open its context"), ("h l [ ]", "sections · body · diff"),
                     ("j k PgUp PgDn", "scroll"), ("esc", "back to the list"), ("r", "reload")]
        case .audit:
            lines = [("r", "run the isolation audit"), ("j k", "move in the pattern list"),
                     ("⏎", "replay the pattern: attacker, input, the layer that stopped it, the canary"),
                     ("t", "tour: one pattern per failure mode and per layer, to narrate"), ("← →", "step the tour or the replay")]
        }
        if state.split != nil {
            lines += [("tab", "the other half"), ("shift-tab", "tab inside this half"), ("^A", "type one question for both halves"),
                      ("< > =", "move the divider"),
                      ("split", "two orgs in one process: a standing isolation test")]
        }
        lines += [("1-4", "sources · ask · inspector · audit"), (":", "command palette (themes, split, logout)"),
                  ("?", "this help"), ("esc", "back out"), ("q", "quit (outside text fields)"), ("^C", "cancel / quit")]
        return lines
    }
}
