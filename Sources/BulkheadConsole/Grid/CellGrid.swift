import BulkheadCore

/// A frame of the console: what `view` returns and what drivers draw.
///
/// It is a plain value, so a view is a pure function that tests can compare with a snapshot, and
/// the ncurses driver can diff two frames and redraw only the cells that changed.
public struct CellGrid: Equatable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Cells, row by row.
    public private(set) var cells: [Cell]

    /// A blank frame painted with `style`.
    public init(width: Int, height: Int, style: Style = .text) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(" ", style: style), count: self.width * self.height)
    }

    /// The whole frame as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at a column and row (blank outside the frame).
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return Cell() }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Paints every cell of `rect` blank in `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        for y in max(0, rect.y)..<min(height, rect.y + rect.height) {
            for x in max(0, rect.x)..<min(width, rect.x + rect.width) {
                cells[y * width + x] = Cell(" ", style: style)
            }
        }
    }

    /// Writes `text` from (`x`, `y`), clipped at `maxWidth` columns and at the frame's edge.
    ///
    /// This is the one door through which text enters the grid, so it is where control
    /// characters are made visible (`TerminalText`): a row value, a note or a column name that
    /// holds an escape sequence shows it as `␛[2J`, and no view has to remember to. A newline
    /// ends the text; a tab is a space. Wide graphemes take two cells; one that would straddle
    /// the limit is replaced by a space, so a column never spills into the next. Returns the
    /// columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        for character in TerminalText.escaped(text) {
            if character == "\n" { break }
            let w = character == "\t" ? 1 : DisplayWidth.of(character)
            if w == 0 { continue }
            if column + w > limit {
                if column < limit, column >= 0 { set(" ", x: column, y: y, style: style) }
                column = limit
                break
            }
            if column >= 0 {
                set(character == "\t" ? " " : String(character), x: column, y: y, style: style)
                if w == 2 { set("", x: column + 1, y: y, style: style) }
            }
            column += w
        }
        return max(0, column - x)
    }

    private mutating func set(_ text: String, x: Int, y: Int, style: Style) {
        guard x >= 0, x < width else { return }
        let index = y * width + x
        // Overwriting half of a wide grapheme blanks its other half.
        if cells[index].isContinuation, x > 0, text != "" {
            cells[index - 1].text = " "
        }
        if !cells[index].isContinuation, x + 1 < width, cells[index + 1].isContinuation,
           DisplayWidth.of(text) < 2 {
            cells[index + 1].text = " "
        }
        cells[index] = Cell(text, style: style)
    }

    /// Draws a border around `rect` with rounded corners and an optional title in its top edge.
    public mutating func box(_ rect: Rect, style: Style, title: String? = nil, titleStyle: Style = .title) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.x + rect.width - 1
        let bottom = rect.y + rect.height - 1
        for x in rect.x...right {
            put("─", x: x, y: rect.y, style: style)
            put("─", x: x, y: bottom, style: style)
        }
        for y in rect.y...bottom {
            put("│", x: rect.x, y: y, style: style)
            put("│", x: right, y: y, style: style)
        }
        put("╭", x: rect.x, y: rect.y, style: style)
        put("╮", x: right, y: rect.y, style: style)
        put("╰", x: rect.x, y: bottom, style: style)
        put("╯", x: right, y: bottom, style: style)
        if let title, rect.width > 6 {
            let text = " " + DisplayWidth.truncate(title, to: rect.width - 6) + " "
            put(text, x: rect.x + 2, y: rect.y, style: titleStyle)
        }
    }

    /// Writes `text` into the bottom-right of a border (scroll positions, counts).
    public mutating func boxFooter(_ rect: Rect, text: String, style: Style = .muted) {
        guard rect.width > 8, rect.height >= 2 else { return }
        let label = " " + DisplayWidth.truncate(text, to: rect.width - 6) + " "
        let w = DisplayWidth.of(label)
        put(label, x: rect.x + rect.width - 2 - w, y: rect.y + rect.height - 1, style: style)
    }

    /// The frame as plain text, one line per row, trailing blanks trimmed: what snapshots store.
    public func plainText() -> String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for x in 0..<width { line += cells[y * width + x].text }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row as text (for tests that look for words on screen).
    public func row(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        return (0..<width).map { cells[y * width + $0].text }.joined()
    }
}
