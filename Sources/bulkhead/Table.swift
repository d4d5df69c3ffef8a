import BulkheadCore

/// Plain-text tables for the command line (the console has its own, with display widths).
enum Table {
    /// Prints a header, a rule and the rows; every cell (header included) is shown on one line
    /// with its control characters made visible (`TerminalText`), so data cannot steer the terminal.
    static func print(columns: [String], rows: [[String]], maxWidth: Int = 40) {
        let columns = columns.map { TerminalText.escaped($0, singleLine: true) }
        let clipped = rows.prefix(200).map { $0.map { String(TerminalText.escaped($0, singleLine: true).prefix(maxWidth)) } }
        var widths = columns.map(\.count)
        for row in clipped {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        let line = { (cells: [String]) in
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        Output.line(line(columns))
        Output.line(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for row in clipped { Output.line(line(row)) }
    }
}
