/// Draws a table with virtual scrolling: only the rows on screen are asked for and drawn, so a
/// 100,000-row result costs no more than a 20-row one. Widths are display widths, so CJK text and
/// emoji line up; numbers are right-aligned; columns scroll sideways from `leftColumn`.
public struct TableView {
    /// Column titles.
    public var columns: [String]
    /// Width of each column in columns of the terminal.
    public var widths: [Int]
    /// Total rows (loaded or not).
    public var rowCount: Int
    /// The first column shown (horizontal scroll).
    public var leftColumn: Int
    /// The selection and vertical scroll.
    public var cursor: ListCursor
    /// Whether the table has the focus (draws the selection bright).
    public var focused: Bool

    /// Makes a table description.
    public init(columns: [String], widths: [Int], rowCount: Int, leftColumn: Int = 0, cursor: ListCursor = ListCursor(),
                focused: Bool = true) {
        self.columns = columns
        self.widths = widths
        self.rowCount = rowCount
        self.leftColumn = leftColumn
        self.cursor = cursor
        self.focused = focused
    }

    /// Column widths that fit the header and `rows` (display width), each capped at `cap`.
    public static func widths(columns: [String], rows: [[String]], cap: Int = 32) -> [Int] {
        var widths = columns.map { min(cap, max(3, DisplayWidth.of($0))) }
        for row in rows {
            for (index, value) in row.enumerated() where index < widths.count {
                widths[index] = min(cap, max(widths[index], DisplayWidth.of(value)))
            }
        }
        return widths
    }

    /// Rows of the body that fit in `rect` (one row is the header).
    public static func visibleRows(in rect: Rect) -> Int { max(1, rect.height - 1) }

    /// Draws into `rect`; `row(i)` gives row i or nil while it is loading.
    public func render(into grid: inout CellGrid, rect: Rect, row: (Int) -> [String]?) {
        guard rect.width > 0, rect.height > 0 else { return }
        let gap = 2
        var spans: [(index: Int, x: Int, width: Int)] = []
        var x = rect.x + 1
        var index = max(0, min(leftColumn, columns.count - 1))
        let right = rect.x + rect.width - 1
        while index < columns.count, x < right {
            let w = min(widths[index], right - x)
            spans.append((index, x, w))
            x += widths[index] + gap
            index += 1
        }
        let sample = row(cursor.top) ?? []
        for span in spans {
            let numeric = span.index < sample.count && Self.isNumber(sample[span.index])
            grid.put(DisplayWidth.pad(columns[span.index], to: span.width, alignRight: numeric), x: span.x, y: rect.y, style: .header)
        }
        if leftColumn > 0 { grid.put("‹", x: rect.x, y: rect.y, style: .muted) }
        if index < columns.count { grid.put("›", x: rect.x + rect.width - 1, y: rect.y, style: .muted) }
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
                let value = span.index < values.count ? values[span.index] : ""
                var style = rowStyle
                if !isSelected, value == "NULL" || value.isEmpty { style = .muted }
                let text = DisplayWidth.pad(value.isEmpty ? "·" : value, to: span.width, alignRight: Self.isNumber(value))
                grid.put(text, x: span.x, y: y, style: style, maxWidth: span.width)
            }
        }
    }

    /// Whether a value reads as a number (and so is right-aligned).
    static func isNumber(_ value: String) -> Bool {
        guard let first = value.first, first.isNumber || first == "-" else { return false }
        return Double(value) != nil
    }
}
