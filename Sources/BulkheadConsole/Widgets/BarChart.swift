import BulkheadCore

/// A horizontal bar chart in block characters: one row per label and series, bars in eighths of a
/// cell (`▏▎▍▌▋▊▉█`), the value written after each bar.
///
/// The first series is drawn in full blocks and the accent color, the second in shaded blocks
/// (`▓`) and the title color, so the two stay apart under NO_COLOR too.
public struct BarChart {
    /// One bar group: the label and one value per series (nil for NULL).
    public struct Entry: Equatable, Sendable {
        /// The label.
        public var label: String
        /// The values, one per series.
        public var values: [Double?]
        /// The values as the formatter shows them.
        public var texts: [String]

        /// Makes an entry.
        public init(label: String, values: [Double?], texts: [String]) {
            self.label = label
            self.values = values
            self.texts = texts
        }
    }

    /// Series names (one or two).
    public var series: [String]
    /// The bars, in result order.
    public var entries: [Entry]
    /// The selected entry (highlighted), and the first one shown.
    public var cursor: ListCursor

    /// Makes a chart.
    public init(series: [String], entries: [Entry], cursor: ListCursor) {
        self.series = series
        self.entries = entries
        self.cursor = cursor
    }

    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The styles of the series: accent blocks, then title-colored shaded blocks.
    static func style(_ series: Int) -> Style { series == 0 ? Style(fg: .accent) : Style(fg: .title) }

    /// Entries that fit in `rect` (a legend line, then one line per series of each entry).
    public static func visibleEntries(in rect: Rect, series: Int) -> Int { max(1, (rect.height - 2) / max(1, series)) }

    /// Draws into `rect`.
    public func render(into grid: inout CellGrid, rect: Rect) {
        guard rect.width >= 12, rect.height >= 3 else { return }
        var x = rect.x + 1
        for (index, name) in series.enumerated() {
            x += grid.put(index == 0 ? "█ " : "▓ ", x: x, y: rect.y, style: Self.style(index))
            x += grid.put(name + "   ", x: x, y: rect.y, style: .muted)
        }
        let labelWidth = min(max(4, entries.map { DisplayWidth.of($0.label) }.max() ?? 4), rect.width / 3)
        let textWidth = entries.flatMap(\.texts).map { DisplayWidth.of($0) }.max() ?? 1
        let barRoom = max(1, rect.width - labelWidth - textWidth - 5)
        let peak = entries.flatMap(\.values).compactMap { $0.map(abs) }.max() ?? 0
        let visible = Self.visibleEntries(in: rect, series: series.count)
        var cursor = self.cursor
        cursor.scrollToSelection(count: entries.count, visible: visible)
        var y = rect.y + 2
        for index in cursor.top..<min(entries.count, cursor.top + visible) {
            let entry = entries[index]
            let selected = index == cursor.selected
            for (seriesIndex, value) in entry.values.enumerated() where y < rect.y + rect.height {
                if seriesIndex == 0 {
                    let label = DisplayWidth.pad(entry.label, to: labelWidth, alignRight: false)
                    grid.put(label, x: rect.x + 1, y: y, style: selected ? .selection : .text)
                }
                let barX = rect.x + 2 + labelWidth
                grid.put("│", x: barX - 1, y: y, style: .border)
                let bar = Self.bar(value.map(abs) ?? 0, peak: peak, room: barRoom, shaded: seriesIndex > 0)
                var style = Self.style(seriesIndex)
                if let value, value < 0 { style = Style(fg: .danger) }
                let used = grid.put(bar, x: barX, y: y, style: style)
                let text = seriesIndex < entry.texts.count ? entry.texts[seriesIndex] : ""
                grid.put(" " + text, x: barX + used, y: y, style: value == nil ? .muted : (selected ? .accent : .text))
                y += 1
            }
        }
    }

    /// A bar of `value` against `peak` in `room` cells: full cells then one partial eighth.
    static func bar(_ value: Double, peak: Double, room: Int, shaded: Bool) -> String {
        guard peak > 0, value > 0 else { return "" }
        let eighthsTotal = Int((value / peak * Double(room * 8)).rounded())
        let full = eighthsTotal / 8
        if shaded { return String(repeating: "▓", count: max(1, Int((Double(eighthsTotal) / 8).rounded()))) }
        let rest = eighthsTotal % 8
        let text = String(repeating: "█", count: full) + eighths[rest]
        return text.isEmpty ? "▏" : text
    }
}
