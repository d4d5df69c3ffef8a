import BulkheadCore

/// Draws a table with virtual scrolling: only the rows on screen are asked for and drawn, so a
/// million-row result costs no more than a 20-row one. Widths are display widths, so CJK text and
/// emoji line up; values go through `ValueFormatter` (numbers right-aligned with one number of
/// decimals per column, NULL as a dim `∅`, an empty string blank); columns scroll sideways from
/// `leftColumn`.
public struct TableView {
    /// Column titles.
    public var columns: [String]
    /// Width of each column in columns of the terminal.
    public var widths: [Int]
    /// Alignment and decimals of each column.
    public var layouts: [ValueFormatter.Column]
    /// Total rows (loaded or not).
    public var rowCount: Int
    /// The first column shown (horizontal scroll).
    public var leftColumn: Int
    /// The selection and vertical scroll.
    public var cursor: ListCursor
    /// Whether the table has the focus (draws the selection bright).
    public var focused: Bool
    /// The selected column (drawn highlighted in the header and the selected row), if any.
    public var selectedColumn: Int?
    /// The sort shown in the header (▲ ascending, ▼ descending).
    public var order: ResultOrder?
    /// Text whose cells are highlighted (a search), case-insensitive.
    public var highlight: String?

    /// Makes a table description.
    public init(columns: [String], widths: [Int], layouts: [ValueFormatter.Column] = [], rowCount: Int, leftColumn: Int = 0,
                cursor: ListCursor = ListCursor(), focused: Bool = true, selectedColumn: Int? = nil,
                order: ResultOrder? = nil, highlight: String? = nil) {
        self.columns = columns
        self.widths = widths
        self.layouts = layouts
        self.rowCount = rowCount
        self.leftColumn = leftColumn
        self.cursor = cursor
        self.focused = focused
        self.selectedColumn = selectedColumn
        self.order = order
        self.highlight = highlight
    }

    /// The gap between columns.
    public static let gap = 2

    /// Column widths that fit the header and `rows` as formatted in `layouts`, each capped at `cap`.
    public static func widths(columns: [String], rows: [[DisplayValue]], layouts: [ValueFormatter.Column], cap: Int = 32) -> [Int] {
        var widths = columns.map { min(cap, max(3, DisplayWidth.of($0) + 2)) }
        for row in rows {
            for (index, value) in row.enumerated() where index < widths.count {
                let text = ValueFormatter.text(value, in: index < layouts.count ? layouts[index] : .text)
                widths[index] = min(cap, max(widths[index], DisplayWidth.of(text)))
            }
        }
        return widths
    }

    /// Rows of the body that fit in `rect` (one row is the header).
    public static func visibleRows(in rect: Rect) -> Int { max(1, rect.height - 1) }

    /// Columns from `left` that fit in `width` (at least one).
    public static func visibleColumns(widths: [Int], from left: Int, width: Int) -> Int {
        var used = 1
        var count = 0
        var index = left
        while index < widths.count {
            if count > 0, used + widths[index] > width - 1 { break }
            used += widths[index] + gap
            count += 1
            index += 1
        }
        return max(1, count)
    }

    /// Draws into `rect`; `row(i)` gives row i or nil while it is loading.
    public func render(into grid: inout CellGrid, rect: Rect, row: (Int) -> [DisplayValue]?) {
        guard rect.width > 0, rect.height > 0, !columns.isEmpty else { return }
        var spans: [(index: Int, x: Int, width: Int)] = []
        var x = rect.x + 1
        var index = max(0, min(leftColumn, columns.count - 1))
        let right = rect.x + rect.width - 1
        while index < columns.count, x < right {
            let w = min(widths[index], right - x)
            spans.append((index, x, w))
            x += widths[index] + Self.gap
            index += 1
        }
        for span in spans {
            let numeric = layout(span.index).numeric
            var title = columns[span.index]
            if let order, order.column == span.index { title = (order.descending ? "▼" : "▲") + title }
            var style = Style.header
            if span.index == selectedColumn, focused { style = Style(fg: .selectionText, bg: .selection, bold: true, underline: true) }
            grid.put(DisplayWidth.pad(title, to: span.width, alignRight: numeric), x: span.x, y: rect.y, style: style)
        }
        if leftColumn > 0 { grid.put("‹", x: rect.x, y: rect.y, style: .muted) }
        if index < columns.count { grid.put("›", x: rect.x + rect.width - 1, y: rect.y, style: .muted) }
        let needle = highlight.flatMap { $0.isEmpty ? nil : $0.lowercased() }
        let visible = Self.visibleRows(in: rect)
        for line in 0..<visible {
            let rowIndex = cursor.top + line
            guard rowIndex < rowCount else { break }
            let y = rect.y + 1 + line
            let isSelected = rowIndex == cursor.selected
            let rowStyle: Style = isSelected ? (focused ? .selection : Style(fg: .text, bg: .panel, bold: true)) : .text
            if isSelected { grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: rowStyle) }
            guard let values = row(rowIndex) else {
                grid.put("  loading…", x: rect.x + 1, y: y, style: isSelected ? rowStyle : .muted)
                continue
            }
            for span in spans {
                let value = span.index < values.count ? values[span.index] : .null
                let column = layout(span.index)
                let text = ValueFormatter.text(value, in: column)
                var style = rowStyle
                if case .null = value { style = isSelected ? rowStyle : .muted }
                if let needle, text.lowercased().contains(needle) {
                    style = Style(fg: .warning, bg: rowStyle.bg, bold: true, underline: true)
                }
                if isSelected, focused, span.index == selectedColumn { style.reverse = true }
                let alignRight = column.numeric && value.isNumber
                grid.put(DisplayWidth.pad(text, to: span.width, alignRight: alignRight), x: span.x, y: y, style: style, maxWidth: span.width)
            }
        }
    }

    private func layout(_ index: Int) -> ValueFormatter.Column {
        index < layouts.count ? layouts[index] : .text
    }
}
