/// The `:` command palette: jump to a screen, switch theme, refresh, log out, quit.
public struct PaletteCommand: Equatable, Sendable {
    /// What the command does.
    public enum Action: Equatable, Sendable {
        /// Switch to a screen.
        case go(Screen)
        /// Switch to a theme and remember it.
        case theme(String)
        /// Ask questions of this source from now on.
        case askSource(String)
        /// Run the isolation audit.
        case runAudit
        /// Switch the org's model to a configured provider (admins).
        case useModel(String)
        /// Approve or reject a member's suggested example (admins).
        case reviewExample(id: String, approve: Bool)
        /// Open the split screen (a second session beside this one), or close it.
        case split
        /// End the session.
        case logout
        /// Show the keys.
        case help
        /// Leave.
        case quit
    }
    /// The line shown and matched.
    public var title: String
    /// What it does.
    public var action: Action
}

extension ConsoleState {
    /// Commands available now, filtered by what is typed (every word must appear).
    public func paletteCommands(matching query: String) -> [PaletteCommand] {
        var all: [PaletteCommand] = []
        if session != nil {
            all += Screen.tabs.map { PaletteCommand(title: "go " + $0.title.lowercased(), action: .go($0)) }
            all += sources.sources.map { PaletteCommand(title: "ask source " + $0.name, action: .askSource($0.name)) }
            all.append(PaletteCommand(title: "audit run", action: .runAudit))
            if let session, session.role == "admin" {
                all += session.modelChoices.map { PaletteCommand(title: "model use " + $0, action: .useModel($0)) }
                for pending in session.pendingExamples {
                    all.append(PaletteCommand(title: "example approve \(pending.id) · \(pending.question)", action: .reviewExample(id: pending.id, approve: true)))
                    all.append(PaletteCommand(title: "example reject \(pending.id) · \(pending.question)", action: .reviewExample(id: pending.id, approve: false)))
                }
            }
        }
        if split != nil {
            all.append(PaletteCommand(title: "split close", action: .split))
        } else if canSplit {
            all.append(PaletteCommand(title: "split", action: .split))
        }
        all += themeNames.map { PaletteCommand(title: "theme " + $0, action: .theme($0)) }
        all.append(PaletteCommand(title: "help", action: .help))
        if session != nil { all.append(PaletteCommand(title: "logout", action: .logout)) }
        all.append(PaletteCommand(title: "quit", action: .quit))
        let words = query.lowercased().split(separator: " ")
        return all.filter { command in words.allSatisfy { command.title.contains($0) } }
    }

    mutating func handlePalette(_ key: Key, _ palette: PaletteState, effects: inout [Effect]) {
        var palette = palette
        switch key {
        case .escape:
            overlay = nil
            return
        case .enter:
            let commands = paletteCommands(matching: palette.input.text)
            overlay = nil
            guard palette.cursor.selected < commands.count else { return }
            run(commands[palette.cursor.selected].action, effects: &effects)
            return
        case .up, .ctrl("p"), .backTab:
            palette.cursor.move(by: -1, count: paletteCommands(matching: palette.input.text).count, visible: 8)
        case .down, .ctrl("n"), .tab:
            palette.cursor.move(by: 1, count: paletteCommands(matching: palette.input.text).count, visible: 8)
        default:
            palette.input.handle(key)
            palette.cursor = ListCursor()
        }
        overlay = .palette(palette)
    }

    mutating func run(_ action: PaletteCommand.Action, effects: inout [Effect]) {
        switch action {
        case let .go(target):
            go(to: target, effects: &effects)
        case let .theme(name):
            themeName = name
            effects.append(.saveTheme(name))
        case let .askSource(name):
            ask.source = name
            go(to: .ask, effects: &effects)
        case .runAudit:
            screen = .audit
            audit.tourStop = nil
            _ = handleAuditKey(.char("r"), effects: &effects)
        case let .useModel(provider):
            effects.append(.useModel(provider))
        case let .reviewExample(id, approve):
            effects.append(.reviewExample(id: id, approve: approve))
        case .split:
            effects.append(.toggleSplit)
        case .logout:
            effects.append(.logout)
        case .help:
            overlay = .help
        case .quit:
            quit(effects: &effects)
        }
    }
}
