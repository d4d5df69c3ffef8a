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
            return [H("g/b", "good/bad"), H("hjkl", "scroll"), H("i", "question"), H("I", "inspect"), H("?", "help"), H("q", "quit")]
        case .inspector:
            if state.inspector.focus == .detail { return [H("h/l", "tab"), H("j/k", "scroll"), H("esc", "list"), H("?", "help")] }
            return [H("⏎", "open"), H("j/k", "select"), H("r", "reload"), H("tab", "pane"), H("?", "help"), H("q", "quit")]
        case .audit:
            if state.audit.running { return [H("…", "running"), H("^C", "quit")] }
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
                     ("/", "filter names"), ("n / N", "next / previous match"), ("tab", "tree ⇄ sample rows"),
                     ("a", "ask about this source"), ("r", "reload")]
        case .ask:
            lines = [("⏎", "ask the question"), ("↑↓", "question history"), ("^C", "cancel a running question"),
                     ("esc / tab", "question ⇄ results"), ("j k PgUp PgDn", "scroll rows"), ("h l", "scroll columns"),
                     ("Home / G", "first / last row"), ("g / b", "mark the answer good / bad"), ("I", "inspect the request")]
        case .inspector:
            lines = [("↑↓ j k", "select a request"), ("⏎ / tab", "open its context"), ("h l [ ]", "sections · body · diff"),
                     ("j k PgUp PgDn", "scroll"), ("esc", "back to the list"), ("r", "reload")]
        case .audit:
            lines = [("r / ⏎", "run the isolation audit"), ("j k", "move in the pattern list")]
        }
        lines += [("1-4", "sources · ask · inspector · audit"), (":", "command palette (themes, logout)"),
                  ("?", "this help"), ("esc", "back out"), ("q", "quit (outside text fields)"), ("^C", "cancel / quit")]
        return lines
    }
}
