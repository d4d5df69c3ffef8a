/// Drawing: the frame (title bar, screen, status bar, overlay).
extension Console {
    /// The frame for `state` at `size`. Pure: the same state and size always give the same frame.
    public static func view(_ state: ConsoleState, size: TerminalSize) -> CellGrid {
        var state = state
        state.size = size
        var grid = CellGrid(width: size.width, height: size.height)
        guard size.isUsable else {
            drawTooSmall(into: &grid, size: size)
            return grid
        }
        drawHeader(state, into: &grid)
        switch state.screen {
        case .loading: drawLoading(state, into: &grid)
        case .welcome: drawWelcome(state, into: &grid)
        case .login: drawLogin(state, into: &grid)
        case .sources: drawSources(state, into: &grid)
        case .ask: drawAsk(state, into: &grid)
        case .inspector: drawInspector(state, into: &grid)
        case .audit: drawAudit(state, into: &grid)
        }
        let identity = state.session.map { "\($0.email) · \($0.orgName) · \($0.role)" } ?? "not logged in"
        StatusBar.render(into: &grid, y: size.height - 1, identity: identity, theme: state.themeName,
                         hints: hints(for: state), notice: state.notice.map { ($0.text, $0.isError) },
                         model: state.session?.model ?? "")
        switch state.overlay {
        case .help: drawHelp(state, into: &grid)
        case let .palette(palette): drawPalette(state, palette, into: &grid)
        case let .cell(cell): drawCell(state, cell, into: &grid)
        case let .export(dialog): drawExport(state, dialog, into: &grid)
        case let .replay(replay): drawReplay(state, replay, into: &grid)
        case nil: break
        }
        return grid
    }

    /// The tab bar's labels and where they sit (shared with mouse clicks).
    public static func headerTabs(_ state: ConsoleState) -> (labels: [String], spans: [Tabs.Span]) {
        let start = DisplayWidth.of(brand) + 1
        let numbered = Screen.tabs.enumerated().map { "\($0.offset + 1) \($0.element.title)" }
        let short = Screen.tabs.map(\.shortTitle)
        return Tabs.layout(titles: numbered, short: short, x: start, width: state.size.width - start)
    }

    static let brand = " ▚ BULKHEAD "

    private static func drawHeader(_ state: ConsoleState, into grid: inout CellGrid) {
        grid.fill(Rect(x: 0, y: 0, width: grid.width, height: 1), style: .status)
        let used = grid.put(brand, x: 0, y: 0, style: .badge)
        if state.session != nil, Screen.tabs.contains(state.screen) {
            let tabs = headerTabs(state)
            Tabs.render(into: &grid, y: 0, labels: tabs.labels, spans: tabs.spans,
                        selected: Screen.tabs.firstIndex(of: state.screen), base: .status)
            if let last = tabs.spans.last, let session = state.session {
                let room = grid.width - (last.x + last.width) - 2
                let org = DisplayWidth.truncate(session.orgName, to: room)
                if room >= 6 {
                    grid.put(org, x: grid.width - 1 - DisplayWidth.of(org), y: 0, style: Style(fg: .accent, bg: .status, bold: true))
                }
            }
        } else {
            grid.put(" " + state.screen.title, x: used, y: 0, style: Style(fg: .statusText, bg: .status, bold: true))
        }
    }

    private static func drawTooSmall(into grid: inout CellGrid, size: TerminalSize) {
        let lines = ["terminal too small", "need \(TerminalSize.minimum.width)x\(TerminalSize.minimum.height)", "have \(size.width)x\(size.height)"]
        let top = max(0, (size.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let text = DisplayWidth.truncate(line, to: size.width)
            grid.put(text, x: max(0, (size.width - DisplayWidth.of(text)) / 2), y: top + index,
                     style: index == 0 ? .danger : .muted)
        }
    }

    private static func drawLoading(_ state: ConsoleState, into grid: inout CellGrid) {
        let area = Layout.content(state.size)
        let text = spinner(state) + " starting Bulkhead…"
        grid.put(text, x: (area.width - DisplayWidth.of(text)) / 2, y: area.y + area.height / 2, style: .muted)
    }

    /// A braille spinner frame from the last tick.
    static func spinner(_ state: ConsoleState) -> String {
        let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
        guard let now = state.now else { return frames[0] }
        return frames[Int(now.timeIntervalSinceReferenceDate * 10) % frames.count]
    }

    /// Centers a box of at most `width`×`height` in the content area.
    static func centeredBox(_ state: ConsoleState, width: Int, height: Int) -> Rect {
        let area = Layout.content(state.size)
        let w = min(width, area.width - 2)
        let h = min(height, area.height)
        return Rect(x: area.x + (area.width - w) / 2, y: area.y + max(0, (area.height - h) / 2), width: w, height: h)
    }
}
