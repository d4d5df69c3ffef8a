/// The ask screen.
extension Console {
    static func drawAsk(_ state: ConsoleState, into grid: inout CellGrid) {
        let ask = state.ask
        let layout = Layout.ask(state.size)
        let inputFocused = ask.focus == .input && !ask.running
        grid.box(layout.input, style: inputFocused ? .focusBorder : .border, title: "Ask")
        if let source = ask.source { grid.boxFooter(layout.input, text: "source: " + source) }
        let inputInner = layout.input.inset()
        grid.put("❯", x: inputInner.x + 1, y: inputInner.y, style: .accent)
        ask.input.render(into: &grid, x: inputInner.x + 3, y: inputInner.y, width: inputInner.width - 4,
                         focused: inputFocused, placeholder: "ask a question about your data, e.g. top 5 customers by total spent")

        let results = layout.results
        let resultsFocused = ask.focus == .results
        var title = "Result"
        if ask.running {
            title = "Running"
        } else if let outcome = ask.outcome {
            title = "Result · \(Format.count(outcome.rowCount)) row" + (outcome.rowCount == 1 ? "" : "s")
        }
        grid.box(results, style: resultsFocused ? .focusBorder : .border, title: title)
        let inner = results.inset()
        if ask.running {
            let elapsed = state.elapsedSeconds ?? 0
            let lines = [
                StyledLine([(spinner(state) + " ", .warning), ("thinking and querying… ", .text), (Format.seconds(elapsed), .accent)]),
                StyledLine(),
                StyledLine([("“" + (ask.question ?? "") + "”", .muted)]),
                StyledLine(),
                StyledLine([(" ^C ", .badge), ("  cancel", .muted)]),
            ]
            StyledLine.renderPane(lines, into: &grid, rect: Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: inner.height - 1), scroll: 0)
            return
        }
        guard let outcome = ask.outcome else {
            var lines: [StyledLine] = []
            if let error = ask.error {
                for line in TextWrap.wrap("✗ " + error, width: inner.width - 2) { lines.append(StyledLine(line, .danger)) }
                if let question = ask.question { lines.append(StyledLine("  “" + question + "”", .muted)) }
                lines.append(StyledLine())
            }
            lines.append(StyledLine("Type a question and press Enter. It becomes read-only SQL over your own sources.", .muted))
            lines.append(StyledLine())
            for example in ["how many customers are there?", "top 5 customers by total spent", "orders per month in 2024",
                            "average order value by country"] {
                lines.append(StyledLine([("  • ", .accent), (example, .text)]))
            }
            lines.append(StyledLine())
            lines.append(StyledLine([(" ↑↓ ", .badge), ("  earlier questions   ", .muted), (" I ", .badge), ("  inspector", .muted)]))
            var wrapped: [StyledLine] = []
            for line in lines {
                if line.segments.count == 1, DisplayWidth.of(line.segments[0].text) > inner.width - 2 {
                    wrapped += TextWrap.wrap(line.segments[0].text, width: inner.width - 2).map { StyledLine($0, line.segments[0].style) }
                } else {
                    wrapped.append(line)
                }
            }
            StyledLine.renderPane(wrapped, into: &grid, rect: Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: inner.height - 1), scroll: 0)
            return
        }
        // Answer header: SQL and summary.
        let headerLines = Layout.answerHeaderLines(state.size)
        let sql = outcome.sql.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\t" }).joined(separator: " ")
        var summary: [(String, Style)] = [(outcome.summary, .text)]
        if let elapsed = ask.elapsed { summary.append(("  " + Format.seconds(elapsed), .muted)) }
        if let good = ask.feedback { summary.append((good ? "  ✓ marked good" : "  ✗ marked bad", good ? .success : .danger)) }
        if headerLines >= 3 {
            StyledLine([("SQL ", .badge), (" " + sql, Style(fg: .accent))]).render(into: &grid, x: inner.x + 1, y: inner.y, width: inner.width - 2)
            StyledLine(summary).render(into: &grid, x: inner.x + 1, y: inner.y + 1, width: inner.width - 2)
            grid.put(String(repeating: "─", count: inner.width), x: inner.x, y: inner.y + 2, style: .border)
        } else {
            StyledLine(summary).render(into: &grid, x: inner.x + 1, y: inner.y, width: inner.width - 2)
        }
        let tableRect = Layout.resultsTable(state.size)
        let view = TableView(columns: outcome.columns, widths: ask.widths, rowCount: outcome.rowCount,
                             leftColumn: ask.leftColumn, cursor: ask.cursor, focused: resultsFocused)
        view.render(into: &grid, rect: tableRect) { ask.rows[$0] }
        if outcome.rowCount > 0 {
            let last = min(outcome.rowCount, ask.cursor.top + TableView.visibleRows(in: tableRect))
            grid.boxFooter(results, text: "rows \(Format.count(ask.cursor.top + 1))–\(Format.count(last)) of \(Format.count(outcome.rowCount))")
        } else {
            grid.put("no rows", x: tableRect.x + 1, y: tableRect.y + 1, style: .muted)
        }
    }
}
