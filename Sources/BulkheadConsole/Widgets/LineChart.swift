import BulkheadCore

/// A line chart in braille dots (2×4 dots a cell) for results over time: the y range on the left,
/// the first, middle and last labels below.
///
/// Two series are drawn as two stacked charts, one above the other, each with its name, so they
/// read apart under NO_COLOR as well as in color.
public struct LineChart {
    /// Series names and their values (nil for NULL, which breaks the line).
    public var series: [(name: String, values: [Double?])]
    /// The x labels, one per point.
    public var labels: [String]

    /// Makes a chart.
    public init(series: [(name: String, values: [Double?])], labels: [String]) {
        self.series = series
        self.labels = labels
    }

    /// Draws into `rect`.
    public func render(into grid: inout CellGrid, rect: Rect) {
        guard rect.width >= 16, rect.height >= 4, !series.isEmpty else { return }
        let axisHeight = 1
        let bandHeight = (rect.height - axisHeight) / series.count
        for (index, entry) in series.enumerated() {
            let band = Rect(x: rect.x, y: rect.y + index * bandHeight, width: rect.width, height: bandHeight)
            renderBand(entry.name, entry.values, style: index == 0 ? Style(fg: .accent) : Style(fg: .title), into: &grid, rect: band)
        }
        // X labels: first, middle, last.
        let y = rect.y + rect.height - 1
        let plotX = rect.x + gutter(rect)
        let plotWidth = rect.width - gutter(rect) - 1
        guard let first = labels.first, let last = labels.last else { return }
        grid.put(first, x: plotX, y: y, style: .muted, maxWidth: plotWidth / 3)
        let lastText = DisplayWidth.truncate(last, to: plotWidth / 3)
        grid.put(lastText, x: plotX + plotWidth - DisplayWidth.of(lastText), y: y, style: .muted)
        if labels.count > 2 {
            let middle = DisplayWidth.truncate(labels[labels.count / 2], to: plotWidth / 3 - 2)
            grid.put(middle, x: plotX + (plotWidth - DisplayWidth.of(middle)) / 2, y: y, style: .muted)
        }
    }

    private func gutter(_ rect: Rect) -> Int { min(12, max(6, rect.width / 6)) }

    private func renderBand(_ name: String, _ values: [Double?], style: Style, into grid: inout CellGrid, rect: Rect) {
        guard rect.height >= 2 else { return }
        let gutter = self.gutter(rect)
        let present = values.compactMap { $0 }
        guard let low = present.min(), let high = present.max() else { return }
        let top = ValueFormatter.format(high, decimals: ValueFormatter.decimals(for: high))
        let bottom = ValueFormatter.format(low, decimals: ValueFormatter.decimals(for: low))
        grid.put(DisplayWidth.pad(top, to: gutter - 1, alignRight: true), x: rect.x, y: rect.y + 1, style: .muted)
        grid.put(DisplayWidth.pad(bottom, to: gutter - 1, alignRight: true), x: rect.x, y: rect.y + rect.height - 1, style: .muted)
        grid.put(name, x: rect.x + gutter, y: rect.y, style: Style(fg: style.fg, bold: true), maxWidth: rect.width - gutter)
        let plot = Rect(x: rect.x + gutter, y: rect.y + 1, width: rect.width - gutter - 1, height: rect.height - 1)
        var canvas = BrailleCanvas(width: plot.width, height: plot.height)
        let span = high - low
        var previous: (Int, Int)?
        for (index, value) in values.enumerated() {
            guard let value else { previous = nil; continue }
            let px = values.count == 1 ? 0 : index * (canvas.dotsWide - 1) / (values.count - 1)
            let fraction = span > 0 ? (value - low) / span : 0.5
            let py = canvas.dotsHigh - 1 - Int((fraction * Double(canvas.dotsHigh - 1)).rounded())
            if let previous { canvas.line(from: previous, to: (px, py)) } else { canvas.set(px, py) }
            previous = (px, py)
        }
        for row in 0..<plot.height {
            grid.put("┤", x: plot.x - 1, y: plot.y + row, style: .border)
            for column in 0..<plot.width {
                let glyph = canvas.glyph(column, row)
                if glyph != " " { grid.put(glyph, x: plot.x + column, y: plot.y + row, style: style) }
            }
        }
    }
}

/// Braille dots on a grid of cells: each cell holds 2×4 dots (U+2800 + dot bits).
struct BrailleCanvas {
    let width: Int
    let height: Int
    private var bits: [UInt8]

    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        bits = Array(repeating: 0, count: self.width * self.height)
    }

    var dotsWide: Int { width * 2 }
    var dotsHigh: Int { height * 4 }

    /// The bit of each dot within its cell, by (x % 2, y % 4).
    private static let dots: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    mutating func set(_ x: Int, _ y: Int) {
        guard x >= 0, y >= 0, x < dotsWide, y < dotsHigh else { return }
        bits[(y / 4) * width + x / 2] |= Self.dots[y % 4][x % 2]
    }

    /// Bresenham's line between two dots.
    mutating func line(from a: (Int, Int), to b: (Int, Int)) {
        var (x0, y0) = a
        let (x1, y1) = b
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        while true {
            set(x0, y0)
            if x0 == x1, y0 == y1 { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x0 += sx }
            if doubled <= dx { error += dx; y0 += sy }
        }
    }

    func glyph(_ column: Int, _ row: Int) -> String {
        let value = bits[row * width + column]
        guard value != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(value)) else { return " " }
        return String(Character(scalar))
    }
}
