/// The audit screen: a progress bar while it runs, then the pass/fail matrix by layer.
extension Console {
    static func drawAudit(_ state: ConsoleState, into grid: inout CellGrid) {
        let audit = state.audit
        if let stop = audit.tourStop {
            drawTour(state, stop: stop, into: &grid)
            return
        }
        let layers = audit.report?.layers ?? []
        let layout = Layout.audit(state.size, layers: max(layers.count, 4))
        let failed = audit.report?.patterns.filter { !$0.passed }.count ?? 0
        var title = "Isolation audit"
        if let report = audit.report {
            title += failed == 0 ? " · all \(report.patterns.count) held" : " · \(failed) FAILED"
        }
        grid.box(layout.matrix, style: .focusBorder, title: title)
        let inner = layout.matrix.inset()
        let x = inner.x + 1, width = inner.width - 2
        if audit.running {
            let progress = audit.progress
            let fraction = progress.map { $0.total > 0 ? Double($0.completed) / Double($0.total) : 0 } ?? 0
            ProgressBar.render(into: &grid, x: x, y: inner.y, width: width, fraction: fraction)
            let label = progress.map { "\($0.completed)/\($0.total) · \($0.current)" } ?? "starting…"
            grid.put(spinner(state) + " " + label, x: x, y: inner.y + 1, style: .muted, maxWidth: width)
        } else if let report = audit.report {
            let nameWidth = min(26, max(10, layers.map { DisplayWidth.of($0) }.max() ?? 10))
            for (row, layer) in layers.enumerated() where row < inner.height {
                let patterns = report.patterns.filter { $0.layer == layer }
                let passed = patterns.filter(\.passed).count
                var column = x
                column += grid.put(DisplayWidth.pad(layer, to: nameWidth), x: column, y: inner.y + row, style: .text)
                column += 1
                let counts = " \(passed)/\(patterns.count)"
                let room = max(0, x + width - column - DisplayWidth.of(counts) - 2)
                for (index, pattern) in patterns.enumerated() where index * 2 < room {
                    grid.put(pattern.passed ? "■" : "✗", x: column + index * 2, y: inner.y + row,
                             style: pattern.passed ? .success : .danger)
                }
                grid.put(counts, x: x + width - DisplayWidth.of(counts), y: inner.y + row,
                         style: passed == patterns.count ? .success : .danger)
            }
            grid.boxFooter(layout.matrix, text: Format.seconds(report.seconds) + " · ⏎ replay · t tour")
        } else {
            let text = audit.error.map { "✗ " + $0 } ?? "Press r to attack every isolation layer as one tenant and look for another's data."
            for (index, line) in TextWrap.wrap(text, width: width).prefix(inner.height).enumerated() {
                grid.put(line, x: x, y: inner.y + index, style: audit.error == nil ? .muted : .danger)
            }
        }
        // Pattern list.
        let list = layout.list
        grid.box(list, style: .border, title: "Patterns")
        guard let report = audit.report, list.height > 2 else { return }
        let listInner = list.inset()
        var cursor = audit.cursor
        cursor.scrollToSelection(count: report.patterns.count, visible: listInner.height)
        let layerWidth = min(22, max(6, layers.map { DisplayWidth.of($0) }.max() ?? 6))
        let idWidth = min(10, max(5, (report.patterns.map { DisplayWidth.of($0.id) }.max() ?? 0) + 1))
        for row in 0..<listInner.height {
            let index = cursor.top + row
            guard index < report.patterns.count else { break }
            let pattern = report.patterns[index]
            let selected = index == cursor.selected
            let y = listInner.y + row
            let base: Style = selected ? .selection : .text
            if selected { grid.fill(Rect(x: listInner.x, y: y, width: listInner.width, height: 1), style: base) }
            let verdict = pattern.passed ? "PASS" : "FAIL"
            var column = listInner.x + 1
            column += grid.put(DisplayWidth.pad(pattern.id, to: idWidth), x: column, y: y, style: selected ? base : .accent)
            if listInner.width >= 60 {
                column += grid.put(DisplayWidth.pad(pattern.layer, to: layerWidth) + "  ", x: column, y: y, style: selected ? base : .muted)
            }
            let room = listInner.x + listInner.width - column - 6
            grid.put(DisplayWidth.truncate(pattern.name, to: max(0, room)), x: column, y: y, style: base)
            grid.put(verdict, x: listInner.x + listInner.width - 5, y: y,
                     style: selected ? base : (pattern.passed ? .success : .danger))
        }
    }
}
