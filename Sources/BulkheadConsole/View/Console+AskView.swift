import BulkheadCore

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
        var tableRect = Layout.resultsTable(state.size)
        if ask.search.typing || ask.search.running {
            tableRect.height -= 1
            let y = tableRect.y + tableRect.height
            grid.put("/", x: tableRect.x + 1, y: y, style: .accent)
            if ask.search.running {
                grid.put(spinner(state) + " searching the whole result for “" + ask.search.text + "”…", x: tableRect.x + 3, y: y,
                         style: .muted, maxWidth: tableRect.width - 4)
            } else {
                ask.search.input.render(into: &grid, x: tableRect.x + 3, y: y, width: tableRect.width - 4, focused: true,
                                        placeholder: "search this result")
            }
        }
        if ask.chart, let spec = ChartSpec.make(columns: outcome.columns, layouts: ask.layouts, rowCount: outcome.rowCount) {
            drawChart(state, outcome: outcome, spec: spec, rect: tableRect, into: &grid)
            grid.boxFooter(results, text: "chart · c table")
            return
        }
        let view = TableView(columns: outcome.columns, widths: ask.widths, layouts: ask.layouts, rowCount: outcome.rowCount,
                             leftColumn: ask.leftColumn, cursor: ask.cursor, focused: resultsFocused,
                             selectedColumn: ask.column, order: ask.order,
                             highlight: ask.search.text.isEmpty ? nil : ask.search.text)
        view.render(into: &grid, rect: tableRect) { ask.rows[$0] }
        if outcome.rowCount > 0 {
            let last = min(outcome.rowCount, ask.cursor.top + TableView.visibleRows(in: tableRect))
            var footer = "rows \(Format.count(ask.cursor.top + 1))–\(Format.count(last)) of \(Format.count(outcome.rowCount))"
            if let order = ask.order, order.column < outcome.columns.count {
                footer = "by \(outcome.columns[order.column]) \(order.descending ? "▼" : "▲") · " + footer
            }
            grid.boxFooter(results, text: footer)
        } else {
            grid.put("no rows", x: tableRect.x + 1, y: tableRect.y + 1, style: .muted)
        }
    }

    /// The chart of a result: bars by label, or a line over time when the labels are dates.
    static func drawChart(_ state: ConsoleState, outcome: AskOutcome, spec: ChartSpec, rect: Rect, into grid: inout CellGrid) {
        let ask = state.ask
        let count = min(outcome.rowCount, ChartSpec.maxRows)
        let rows = (0..<count).compactMap { ask.rows[$0] }
        guard rows.count == count else {
            grid.put(spinner(state) + " loading \(Format.count(count)) rows for the chart…", x: rect.x + 1, y: rect.y + 1, style: .muted)
            return
        }
        let labelLayout = spec.label < ask.layouts.count ? ask.layouts[spec.label] : .text
        let labels = rows.map { spec.label < $0.count ? ValueFormatter.text($0[spec.label], in: labelLayout) : "" }
        let names = spec.series.map { outcome.columns[$0] }
        if ChartSpec.isTimeline(labels) {
            let series = spec.series.map { column in
                (name: outcome.columns[column], values: rows.map { column < $0.count ? $0[column].number : nil })
            }
            LineChart(series: series, labels: labels).render(into: &grid, rect: rect)
            return
        }
        let entries = rows.enumerated().map { index, row in
            BarChart.Entry(label: labels[index],
                           values: spec.series.map { $0 < row.count ? row[$0].number : nil },
                           texts: spec.series.map { $0 < row.count ? ValueFormatter.text(row[$0], in: ask.layouts[$0]) : "" })
        }
        BarChart(series: names, entries: entries, cursor: ask.cursor).render(into: &grid, rect: rect)
    }
}
