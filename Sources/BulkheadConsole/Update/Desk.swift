import Foundation

/// The split screen's update and view: routes input to the focused half (or both, with `^A`),
/// effects to each half's own services, and draws the halves side by side.
public enum Desk {
    /// The desk at startup: one console, or (with `split`) two, each loading its own startup facts.
    public static func start(size: TerminalSize, themeName: String, themeNames: [String], split: Bool, canSplit: Bool)
        -> (DeskState, [DeskEffect]) {
        var state = ConsoleState(size: size, themeName: themeName, themeNames: themeNames)
        state.canSplit = canSplit
        var desk = DeskState(single: state)
        var effects: [DeskEffect] = [.pane(0, .loadStartup)]
        if split {
            openSplit(&desk, effects: &effects)
            desk.focus = 0
            for index in desk.panes.indices { desk.panes[index].state.split?.active = index == 0 }
        }
        return (desk, effects)
    }

    /// A split desk of two consoles that already run (tests, screenshots).
    public static func split(_ left: ConsoleState, _ right: ConsoleState, size: TerminalSize, focus: Int = 0) -> DeskState {
        var desk = DeskState(single: left)
        desk.panes.append(DeskState.Pane(id: 1, state: right))
        desk.nextID = 2
        desk.size = size
        desk.focus = focus
        var effects: [DeskEffect] = []
        resizePanes(&desk, effects: &effects)
        return desk
    }

    /// The next desk after `message`, and the effects to perform.
    public static func update(_ desk: DeskState, _ message: DeskMessage) -> (DeskState, [DeskEffect]) {
        var desk = desk
        var effects: [DeskEffect] = []
        switch message {
        case let .key(key):
            handleKey(key, desk: &desk, effects: &effects)
        case let .resize(size):
            desk.size = size
            resizePanes(&desk, effects: &effects)
        case let .mouse(event):
            handleMouse(event, desk: &desk, effects: &effects)
        case let .tick(date):
            for index in desk.panes.indices { send(.tick(date), to: index, desk: &desk, effects: &effects) }
        case let .pane(id, inner):
            guard let index = desk.panes.firstIndex(where: { $0.id == id }) else { break }
            send(inner, to: index, desk: &desk, effects: &effects)
        }
        return (desk, effects)
    }

    /// Sends `message` to pane `index` and turns its effects into desk effects.
    static func send(_ message: Message, to index: Int, desk: inout DeskState, effects: inout [DeskEffect]) {
        let (next, paneEffects) = Console.update(desk.panes[index].state, message)
        desk.panes[index].state = next
        let id = desk.panes[index].id
        for effect in paneEffects {
            switch effect {
            case let .copy(text): effects.append(.copy(text))
            case .quit: effects.append(.quit)
            case .toggleSplit:
                if desk.isSplit { closeSplit(&desk, keeping: index, effects: &effects) } else { openSplit(&desk, effects: &effects) }
            default: effects.append(.pane(id, effect))
            }
        }
    }

    static func openSplit(_ desk: inout DeskState, effects: inout [DeskEffect]) {
        guard !desk.isSplit else { return }
        let first = desk.panes[0].state
        var second = ConsoleState(size: first.size, themeName: first.themeName, themeNames: first.themeNames)
        second.canSplit = first.canSplit
        second.exportFolder = first.exportFolder
        let id = desk.nextID
        desk.nextID += 1
        desk.panes.append(DeskState.Pane(id: id, state: second))
        desk.focus = 1
        effects.append(.openPane(id))
        effects.append(.pane(id, .loadStartup))
        resizePanes(&desk, effects: &effects)
    }

    /// Closes the other half; its session is ended first.
    static func closeSplit(_ desk: inout DeskState, keeping index: Int, effects: inout [DeskEffect]) {
        let closing = desk.panes[1 - index]
        if closing.state.session != nil { effects.append(.pane(closing.id, .logout)) }
        effects.append(.closePane(closing.id))
        desk.panes = [desk.panes[index]]
        desk.focus = 0
        desk.broadcasting = false
        resizePanes(&desk, effects: &effects)
    }

    /// Tells each pane its size and its role.
    static func resizePanes(_ desk: inout DeskState, effects: inout [DeskEffect]) {
        for index in desk.panes.indices {
            let frame = desk.frame(of: index)
            desk.panes[index].state.split = desk.isSplit ? SplitRole(side: index == 0 ? .left : .right, active: index == desk.focus) : nil
            send(.resize(TerminalSize(width: frame.width, height: frame.height)), to: index, desk: &desk, effects: &effects)
        }
    }

    static func handleKey(_ key: Key, desk: inout DeskState, effects: inout [DeskEffect]) {
        guard desk.isSplit else {
            send(.key(key), to: 0, desk: &desk, effects: &effects)
            return
        }
        if desk.broadcasting {
            switch key {
            case .escape, .ctrl("c"), .ctrl("a"):
                desk.broadcasting = false
            case .enter:
                desk.broadcasting = false
                for index in desk.panes.indices where desk.panes[index].state.session != nil {
                    send(.key(.enter), to: index, desk: &desk, effects: &effects)
                }
            default:
                for index in desk.panes.indices where desk.panes[index].state.session != nil {
                    send(.key(key), to: index, desk: &desk, effects: &effects)
                }
            }
            return
        }
        let focused = desk.focused
        switch key {
        case .tab:
            desk.focus = 1 - desk.focus
            for index in desk.panes.indices { desk.panes[index].state.split?.active = index == desk.focus }
            return
        case .backTab:
            send(.key(.tab), to: desk.focus, desk: &desk, effects: &effects)
            return
        case .ctrl("a"):
            startBroadcast(&desk, effects: &effects)
            return
        default:
            let free = !focused.isTyping && focused.overlay == nil
            let resultsUseEquals = focused.screen == .ask && focused.ask.focus == .results
            if free, key == .char("<") || key == .char(">") || (key == .char("=") && !resultsUseEquals) {
                moveDivider(key, desk: &desk, effects: &effects)
            } else {
                send(.key(key), to: desk.focus, desk: &desk, effects: &effects)
            }
        }
    }

    static func moveDivider(_ key: Key, desk: inout DeskState, effects: inout [DeskEffect]) {
        let step = key == .char("<") ? -4 : 4
        desk.divider = key == .char("=") ? nil : desk.leftWidth + step
        resizePanes(&desk, effects: &effects)
    }

    /// `^A`: both logged-in halves go to their question field; what is typed next goes to both.
    static func startBroadcast(_ desk: inout DeskState, effects: inout [DeskEffect]) {
        let ready = desk.panes.indices.filter { desk.panes[$0].state.session != nil }
        guard ready.count == desk.panes.count else {
            var state = desk.panes[desk.focus].state
            state.notice = Notice("^A needs both halves logged in", isError: true)
            desk.panes[desk.focus].state = state
            return
        }
        for index in ready {
            var state = desk.panes[index].state
            state.overlay = nil
            var paneEffects: [Effect] = []
            if state.screen != .ask { state.go(to: .ask, effects: &paneEffects) }
            state.ask.focus = .input
            desk.panes[index].state = state
            let id = desk.panes[index].id
            effects += paneEffects.map { .pane(id, $0) }
        }
        desk.broadcasting = true
    }

    static func handleMouse(_ event: MouseEvent, desk: inout DeskState, effects: inout [DeskEffect]) {
        guard desk.sideBySide else {
            send(.mouse(event), to: desk.focus, desk: &desk, effects: &effects)
            return
        }
        let index = event.x <= desk.leftWidth ? 0 : 1
        if event.x == desk.leftWidth { return }
        if event.kind == .click, index != desk.focus {
            desk.focus = index
            for pane in desk.panes.indices { desk.panes[pane].state.split?.active = pane == desk.focus }
        }
        let frame = desk.frame(of: index)
        send(.mouse(MouseEvent(x: event.x - frame.x, y: event.y, kind: event.kind)), to: index, desk: &desk, effects: &effects)
    }
}
