/// A line of text made of styled pieces, for scrollable text panes (inspector, help, welcome).
public struct StyledLine: Equatable, Sendable {
    /// The pieces in order.
    public var segments: [(text: String, style: Style)]

    /// Makes a line from pieces.
    public init(_ segments: [(String, Style)] = []) {
        self.segments = segments.map { (text: $0.0, style: $0.1) }
    }

    /// Makes a line of one piece.
    public init(_ text: String, _ style: Style = .text) {
        self.init([(text, style)])
    }

    /// Draws the line at (`x`, `y`) within `width` columns; returns the columns used.
    @discardableResult
    public func render(into grid: inout CellGrid, x: Int, y: Int, width: Int) -> Int {
        var column = x
        for segment in segments {
            let room = x + width - column
            if room <= 0 { break }
            column += grid.put(segment.text, x: column, y: y, style: segment.style, maxWidth: room)
        }
        return column - x
    }

    /// Draws `lines` from `scroll` into `rect` (one line per row); returns the scroll actually used.
    @discardableResult
    public static func renderPane(_ lines: [StyledLine], into grid: inout CellGrid, rect: Rect, scroll: Int) -> Int {
        let top = max(0, min(scroll, lines.count - rect.height))
        for row in 0..<rect.height where top + row < lines.count {
            lines[top + row].render(into: &grid, x: rect.x, y: rect.y + row, width: rect.width)
        }
        return top
    }

    /// Wraps single-piece lines wider than `width` onto more lines (styled lines are left as they are).
    public static func wrapped(_ lines: [StyledLine], width: Int, indent: String = "") -> [StyledLine] {
        var result: [StyledLine] = []
        for line in lines {
            guard line.segments.count == 1, DisplayWidth.of(line.segments[0].text) > width else {
                result.append(line)
                continue
            }
            let style = line.segments[0].style
            for (index, piece) in TextWrap.wrap(line.segments[0].text, width: width - DisplayWidth.of(indent)).enumerated() {
                result.append(StyledLine((index == 0 ? "" : indent) + piece, style))
            }
        }
        return result
    }

    /// Two lines are equal when their pieces have the same text and style.
    public static func == (lhs: StyledLine, rhs: StyledLine) -> Bool {
        lhs.segments.count == rhs.segments.count
            && zip(lhs.segments, rhs.segments).allSatisfy { $0.text == $1.text && $0.style == $1.style }
    }
}

/// Word wrapping by display width.
public enum TextWrap {
    /// Splits `text` into lines of at most `width` columns, breaking at spaces when it can.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for fullParagraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            // Leading indentation is kept on the first line and hangs on the following ones.
            let lead = String(fullParagraph.prefix { $0 == " " }.prefix(max(0, width / 2)))
            let paragraph = fullParagraph.dropFirst(lead.count)
            let room = width - lead.count
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                var piece = String(word)
                var w = DisplayWidth.of(piece)
                if lineWidth > 0, lineWidth + 1 + w > room {
                    lines.append(lead + line)
                    line = ""
                    lineWidth = 0
                }
                while w > room {
                    let head = DisplayWidth.truncate(piece, to: room, ellipsis: false)
                    if !line.isEmpty { lines.append(lead + line); line = ""; lineWidth = 0 }
                    lines.append(lead + head)
                    piece = String(piece.dropFirst(head.count))
                    w = DisplayWidth.of(piece)
                }
                if lineWidth > 0 { line += " "; lineWidth += 1 }
                line += piece
                lineWidth += w
            }
            lines.append(lead + line)
        }
        return lines
    }
}

/// Number formatting shared by the views (thousands separators, no locale surprises in snapshots).
public enum Format {
    /// `1234567` → `1,234,567`.
    public static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    /// Milliseconds with one decimal.
    public static func ms(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) ms"
    }

    /// Seconds with one decimal.
    public static func seconds(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }

    /// Dollars with four decimals.
    public static func dollars(_ value: Double) -> String {
        let units = Int((value * 10_000).rounded())
        let fraction = String(units % 10_000)
        return "$\(units / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}
