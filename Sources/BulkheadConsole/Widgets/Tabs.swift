/// A row of tabs: where each title sits, so the view draws them and a mouse click finds them with
/// the same arithmetic.
public enum Tabs {
    /// Where each tab sits on its row.
    public struct Span: Equatable, Sendable {
        /// Index of the tab.
        public var index: Int
        /// First column.
        public var x: Int
        /// Columns taken.
        public var width: Int
    }

    /// Lays out `titles` from column `x` within `width`; uses `short` titles when the long ones do not fit.
    public static func layout(titles: [String], short: [String], x: Int, width: Int) -> (labels: [String], spans: [Span]) {
        func build(_ labels: [String]) -> [Span] {
            var spans: [Span] = []
            var column = x
            for (index, label) in labels.enumerated() {
                let w = DisplayWidth.of(label) + 2
                spans.append(Span(index: index, x: column, width: w))
                column += w + 1
            }
            return spans
        }
        let long = build(titles)
        if let last = long.last, last.x + last.width <= x + width { return (titles, long) }
        return (short, build(short))
    }

    /// Draws the tabs, the selected one highlighted.
    public static func render(into grid: inout CellGrid, y: Int, labels: [String], spans: [Span], selected: Int?,
                              base: Style) {
        for span in spans {
            let active = span.index == selected
            let style = active ? Style(fg: .selectionText, bg: .selection, bold: true) : Style(fg: .statusText, bg: base.bg)
            grid.put(" " + labels[span.index] + " ", x: span.x, y: y, style: style)
        }
    }

    /// The tab under column `x`, if any.
    public static func hit(x: Int, spans: [Span]) -> Int? {
        spans.first { x >= $0.x && x < $0.x + $0.width }?.index
    }
}
