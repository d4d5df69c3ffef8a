import BulkheadCore

/// Plain-text tables for the command line (the console has its own, with display widths).
///
/// Cells go through `ValueFormatter`, as in the console: numbers right-aligned with one number of
/// decimals per column, NULL as `∅`, an empty string blank.
enum Table {
    static func print(columns: [String], rows: [[DisplayValue]], maxWidth: Int = 40) {
        let shown = Array(rows.prefix(200))
        let layouts = ValueFormatter.columns(count: columns.count, rows: shown)
        let clipped = shown.map { row in
            row.enumerated().map { index, value in
                String(ValueFormatter.text(value, in: index < layouts.count ? layouts[index] : .text).prefix(maxWidth))
            }
        }
        var widths = columns.map(\.count)
        for row in clipped {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        let line = { (cells: [String]) in
            zip(cells.indices, zip(cells, widths)).map { index, pair in
                let gap = String(repeating: " ", count: max(0, pair.1 - pair.0.count))
                return index < layouts.count && layouts[index].numeric ? gap + pair.0 : pair.0 + gap
            }.joined(separator: "  ")
        }
        Output.line(line(columns))
        Output.line(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for row in clipped { Output.line(line(row)) }
    }
}
