/// The selection and scroll offset of a list, tree or table: the part of a list widget that
/// `update` changes. Only `visible` rows from `top` are ever drawn (virtual scrolling).
public struct ListCursor: Equatable, Sendable {
    /// The selected row.
    public var selected = 0
    /// The first row shown.
    public var top = 0

    /// Makes a cursor at the top.
    public init(selected: Int = 0, top: Int = 0) {
        self.selected = selected
        self.top = top
    }

    /// Moves the selection by `delta` rows and scrolls to keep it in view.
    public mutating func move(by delta: Int, count: Int, visible: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        selected = min(max(0, selected + delta), count - 1)
        scrollToSelection(count: count, visible: visible)
    }

    /// Selects `row` and scrolls to it.
    public mutating func select(_ row: Int, count: Int, visible: Int) {
        move(by: row - selected, count: count, visible: visible)
    }

    /// Keeps the selection inside `0..<count` and on screen (after a resize or a reload).
    public mutating func scrollToSelection(count: Int, visible: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        selected = min(max(0, selected), count - 1)
        let rows = max(1, visible)
        if selected < top { top = selected }
        if selected >= top + rows { top = selected - rows + 1 }
        top = max(0, min(top, max(0, count - rows)))
    }

    /// Handles the common movement keys (arrows, hjkl's j/k, PgUp/PgDn, g/G, Home/End);
    /// returns false for any other key.
    public mutating func handle(_ key: Key, count: Int, visible: Int) -> Bool {
        switch key {
        case .down, .char("j"): move(by: 1, count: count, visible: visible)
        case .up, .char("k"): move(by: -1, count: count, visible: visible)
        case .pageDown, .ctrl("d"), .char(" "): move(by: max(1, visible - 1), count: count, visible: visible)
        case .pageUp, .ctrl("u"): move(by: -max(1, visible - 1), count: count, visible: visible)
        case .home, .char("g"): select(0, count: count, visible: visible)
        case .end, .char("G"): select(count - 1, count: count, visible: visible)
        default: return false
        }
        return true
    }
}
