/// Where panes sit for a terminal size. `update` (visible row counts, mouse hits) and `view`
/// (drawing) both use these, so they always agree.
public enum Layout {
    /// Two panes side by side fit from this width; below it one pane shows at a time.
    public static let splitWidth = 70

    /// Between the title bar and the status bar.
    public static func content(_ size: TerminalSize) -> Rect {
        Rect(x: 0, y: 1, width: size.width, height: size.height - 2)
    }

    /// The sources screen: the tree and (when wide enough, or focused) the sample pane.
    public static func sources(_ size: TerminalSize, focus: SourcesState.Pane, filtering: Bool) -> (tree: Rect?, samples: Rect?) {
        var area = content(size)
        if filtering { area.height -= 1 }
        if size.width >= splitWidth {
            let treeWidth = min(46, max(30, size.width * 2 / 5))
            return (Rect(x: area.x, y: area.y, width: treeWidth, height: area.height),
                    Rect(x: area.x + treeWidth, y: area.y, width: area.width - treeWidth, height: area.height))
        }
        return focus == .tree ? (area, nil) : (nil, area)
    }

    /// The ask screen: the question box, the answer's header lines, the results table box.
    public static func ask(_ size: TerminalSize) -> (input: Rect, results: Rect) {
        let area = content(size)
        let input = Rect(x: area.x, y: area.y, width: area.width, height: 3)
        let results = Rect(x: area.x, y: area.y + 3, width: area.width, height: area.height - 3)
        return (input, results)
    }

    /// Lines of the answer header (SQL and summary) above the table inside the results box.
    public static func answerHeaderLines(_ size: TerminalSize) -> Int { size.height >= 20 ? 3 : 1 }

    /// The rectangle of the results table inside the results box.
    public static func resultsTable(_ size: TerminalSize) -> Rect {
        let inner = ask(size).results.inset()
        let header = answerHeaderLines(size)
        return Rect(x: inner.x, y: inner.y + header, width: inner.width, height: inner.height - header)
    }

    /// The inspector: the request list and the detail.
    public static func inspector(_ size: TerminalSize, focus: InspectorState.Pane) -> (list: Rect?, detail: Rect?) {
        let area = content(size)
        if size.width >= splitWidth {
            let listWidth = min(40, max(30, size.width / 3))
            return (Rect(x: area.x, y: area.y, width: listWidth, height: area.height),
                    Rect(x: area.x + listWidth, y: area.y, width: area.width - listWidth, height: area.height))
        }
        return focus == .list ? (area, nil) : (nil, area)
    }

    /// The audit screen: the summary and matrix on top, the pattern list below.
    public static func audit(_ size: TerminalSize, layers: Int) -> (matrix: Rect, list: Rect) {
        let area = content(size)
        let matrixHeight = min(max(4, layers + 4), area.height / 2 + 1)
        return (Rect(x: area.x, y: area.y, width: area.width, height: matrixHeight),
                Rect(x: area.x, y: area.y + matrixHeight, width: area.width, height: area.height - matrixHeight))
    }

    /// The preview table inside the sources screen's sample pane: below the keys line and the
    /// column-types line when the pane is tall enough for them.
    public static func previewTable(in pane: Rect, table: TableInfo) -> Rect {
        let inner = pane.inset()
        var y = inner.y
        let hasKeys = table.columns.contains { $0.primaryKey || $0.foreignKey != nil }
        if hasKeys, inner.height > 6 { y += 2 }
        if inner.height > 8 { y += 2 }
        return Rect(x: inner.x, y: y, width: inner.width, height: inner.y + inner.height - y)
    }

    /// Rows of a list drawn inside a bordered pane.
    public static func listRows(_ pane: Rect?) -> Int { max(1, (pane?.height ?? 3) - 2) }
}
