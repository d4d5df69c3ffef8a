/// The `?` help and the `:` palette.
extension Console {
    static func drawHelp(_ state: ConsoleState, into grid: inout CellGrid) {
        let lines = helpLines(for: state)
        let keyWidth = min(16, lines.map { DisplayWidth.of($0.0) }.max() ?? 8)
        let width = min(64, grid.width - 4)
        let frame = Modal.frame(in: grid.bounds, width: width, height: lines.count + 4)
        let overflow = lines.count + 2 > frame.height - 2
        let inner = Modal.draw(into: &grid, frame: frame, title: "Keys · " + state.screen.title,
                               footer: overflow ? "j/k more · esc close" : "esc close")
        var styled: [StyledLine] = []
        for (key, text) in lines {
            styled.append(StyledLine([(DisplayWidth.pad(key, to: keyWidth), Style.accent.on(.panel)), ("  " + text, Style.text.on(.panel))]))
        }
        let top = overflow ? 0 : 1
        StyledLine.renderPane(styled, into: &grid, rect: Rect(x: inner.x + 1, y: inner.y + top, width: inner.width - 2, height: inner.height - top),
                              scroll: state.helpScroll)
    }

    static func drawPalette(_ state: ConsoleState, _ palette: PaletteState, into grid: inout CellGrid) {
        let commands = state.paletteCommands(matching: palette.input.text)
        let width = min(56, grid.width - 4)
        let visible = max(1, min(8, grid.height - 8))
        let height = visible + 4
        let frame = Rect(x: (grid.width - width) / 2, y: min(3, max(1, grid.height - height - 1)), width: width, height: height)
        let inner = Modal.draw(into: &grid, frame: frame, title: "Command", footer: "⏎ run · esc close")
        grid.put(":", x: inner.x + 1, y: inner.y, style: Style.accent.on(.panel))
        palette.input.render(into: &grid, x: inner.x + 3, y: inner.y, width: inner.width - 4, style: .panel, focused: true,
                             placeholder: "go sources, theme light, logout…")
        grid.put(String(repeating: "─", count: inner.width), x: inner.x, y: inner.y + 1, style: Style.border.on(.panel))
        var cursor = palette.cursor
        cursor.scrollToSelection(count: commands.count, visible: visible)
        if commands.isEmpty { grid.put("no matching command", x: inner.x + 2, y: inner.y + 2, style: Style.muted.on(.panel)) }
        for row in 0..<visible {
            let index = cursor.top + row
            guard index < commands.count else { break }
            let selected = index == cursor.selected
            let style: Style = selected ? .selection : .panel
            let current = commands[index].action == .theme(state.themeName) ? "  (current)" : ""
            grid.put(DisplayWidth.pad(" " + commands[index].title + current, to: inner.width), x: inner.x, y: inner.y + 2 + row, style: style)
        }
    }
}
