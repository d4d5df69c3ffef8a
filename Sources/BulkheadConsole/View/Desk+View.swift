/// Drawing the desk: one console, or two halves and the divider between them.
extension Desk {
    /// The frame for the whole terminal.
    public static func view(_ desk: DeskState, size: TerminalSize) -> CellGrid {
        var desk = desk
        desk.size = size
        guard desk.isSplit else { return Console.view(desk.panes[0].state, size: size) }
        var grid = CellGrid(width: size.width, height: size.height)
        guard desk.sideBySide else {
            let frame = Console.view(desk.focused, size: size)
            grid.blit(frame, x: 0, y: 0)
            let label = " ◧ \(desk.focus + 1)/2 " + (desk.broadcasting ? "⇉ both " : "tab ")
            if size.isUsable { grid.put(label, x: size.width - DisplayWidth.of(label), y: size.height - 1, style: .badge) }
            return grid
        }
        for index in desk.panes.indices {
            let rect = desk.frame(of: index)
            grid.blit(Console.view(desk.panes[index].state, size: TerminalSize(width: rect.width, height: rect.height)), x: rect.x, y: rect.y)
        }
        let x = desk.leftWidth
        let style: Style = desk.broadcasting ? .warning : .focusBorder
        for y in 0..<size.height { grid.put("│", x: x, y: y, style: style) }
        if desk.broadcasting {
            for (offset, glyph) in ["⇉", "b", "o", "t", "h"].enumerated() where offset + 2 < size.height {
                grid.put(glyph, x: x, y: offset + 2, style: .warning)
            }
        } else {
            grid.put(desk.focus == 0 ? "◀" : "▶", x: x, y: 0, style: .focusBorder)
        }
        return grid
    }
}

extension CellGrid {
    /// Copies `other` into this grid with its top-left corner at (`x`, `y`), clipped at the edges.
    public mutating func blit(_ other: CellGrid, x: Int, y: Int) {
        for row in 0..<other.height where y + row >= 0 && y + row < height {
            for column in 0..<other.width where x + column >= 0 && x + column < width {
                self[x + column, y + row] = other[column, row]
            }
        }
    }
}
