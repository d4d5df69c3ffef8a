import BulkheadCore

/// The sources screen: the tree and the selected table's sample rows.
extension Console {
    static func drawSources(_ state: ConsoleState, into grid: inout CellGrid) {
        let sources = state.sources
        let panes = Layout.sources(state.size, focus: sources.focus, filtering: sources.filtering)
        if let tree = panes.tree { drawSourceTree(state, rect: tree, into: &grid) }
        if let samples = panes.samples { drawSamples(state, rect: samples, into: &grid) }
        if sources.filtering || !sources.filter.text.isEmpty {
            let y = Layout.content(state.size).y + Layout.content(state.size).height - 1
            if sources.filtering {
                grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: .text)
                grid.put("/", x: 1, y: y, style: .accent)
                sources.filter.render(into: &grid, x: 3, y: y, width: grid.width - 20, focused: true, placeholder: "filter names")
                let count = "\(sources.matches.count) match" + (sources.matches.count == 1 ? "" : "es")
                grid.put(count, x: grid.width - DisplayWidth.of(count) - 2, y: y, style: .muted)
            }
        }
    }

    private static func drawSourceTree(_ state: ConsoleState, rect: Rect, into grid: inout CellGrid) {
        let sources = state.sources
        let focused = sources.focus == .tree
        let rows = sources.rows
        grid.box(rect, style: focused ? .focusBorder : .border, title: "Sources")
        if !sources.filter.text.isEmpty, !sources.filtering {
            grid.boxFooter(rect, text: "/" + sources.filter.text + " · n/N", style: .warning)
        } else if !rows.isEmpty {
            grid.boxFooter(rect, text: "\(sources.cursor.selected + 1)/\(rows.count)")
        }
        let inner = rect.inset()
        if rows.isEmpty {
            let text = sources.listLoading ? spinner(state) + " loading sources…" : "No sources yet. Add one with `bulkhead source add`."
            for (index, line) in TextWrap.wrap(text, width: inner.width - 2).enumerated() {
                grid.put(line, x: inner.x + 1, y: inner.y + index, style: .muted)
            }
            return
        }
        let matches = Set(sources.matches)
        let needle = sources.filter.text.lowercased()
        for line in 0..<inner.height {
            let index = sources.cursor.top + line
            guard index < rows.count else { break }
            let row = rows[index]
            let y = inner.y + line
            let selected = index == sources.cursor.selected
            let base: Style = selected ? (focused ? .selection : Style(fg: .text, bg: .panel, bold: true)) : .text
            if selected { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: base) }
            var x = inner.x + 1 + row.depth * 2
            let arrow = row.expandable ? (row.isExpanded ? "▾ " : "▸ ") : "  "
            x += grid.put(arrow, x: x, y: y, style: selected ? base : .muted)
            var right = ""
            var rightStyle: Style = selected ? base : .muted
            var glyph = ""
            var glyphStyle: Style = selected ? base : .accent
            switch row.node {
            case let .source(name):
                glyph = "◆ "
                right = sources.loading.contains(name) ? spinner(state) : sources.sources.first { $0.name == name }?.kind ?? ""
            case let .table(source, table):
                glyph = "▦ "
                glyphStyle = selected ? base : Style(fg: .title)
                right = Format.count(sources.details[source]?.tables[table].rowCount ?? 0)
            case let .column(source, table, column):
                let info = sources.details[source]?.tables[table].columns[column]
                glyph = typeGlyph(info?.type ?? "") + " "
                glyphStyle = selected ? base : .muted
                if info?.primaryKey == true {
                    right = "PK"
                    rightStyle = selected ? base : .warning
                } else if let fk = info?.foreignKey {
                    right = "→ " + fk
                    rightStyle = selected ? base : Style(fg: .focus)
                } else {
                    right = (info?.type ?? "").lowercased()
                }
            }
            x += grid.put(glyph, x: x, y: y, style: glyphStyle)
            let rightWidth = min(DisplayWidth.of(right), max(0, inner.x + inner.width - x - 4))
            let nameRoom = inner.x + inner.width - 1 - x - rightWidth - 1
            var nameStyle = base
            if row.depth == 0, !selected { nameStyle = .accent }
            if matches.contains(index), !needle.isEmpty, !selected { nameStyle = Style(fg: .warning, bold: true, underline: true) }
            grid.put(row.name, x: x, y: y, style: nameStyle, maxWidth: max(0, nameRoom))
            if rightWidth > 0 {
                let label = DisplayWidth.truncate(right, to: rightWidth)
                grid.put(label, x: inner.x + inner.width - 1 - DisplayWidth.of(label), y: y, style: rightStyle)
            }
        }
    }

    /// A one-column glyph for a declared SQL type.
    static func typeGlyph(_ type: String) -> String {
        let t = type.uppercased()
        if t.contains("INT") { return "#" }
        if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") || t.contains("NUM") || t.contains("DEC") { return "~" }
        if t.contains("DATE") || t.contains("TIME") { return "@" }
        if t.contains("BOOL") { return "?" }
        if t.contains("BLOB") { return "*" }
        return "a"
    }

    private static func drawSamples(_ state: ConsoleState, rect: Rect, into grid: inout CellGrid) {
        let sources = state.sources
        let focused = sources.focus == .samples
        guard let (sourceName, table) = sources.selectedTable else {
            grid.box(rect, style: focused ? .focusBorder : .border, title: "Details")
            let inner = rect.inset()
            let rows = sources.rows
            var lines: [StyledLine] = []
            if sources.cursor.selected < rows.count, case let .source(name) = rows[sources.cursor.selected].node {
                let kind = sources.sources.first { $0.name == name }?.kind ?? ""
                lines.append(StyledLine([("◆ ", .accent), (name, .title), ("  " + kind, .muted)]))
                lines.append(StyledLine())
                if let detail = sources.details[name] {
                    lines.append(StyledLine("\(detail.tables.count) tables · \(Format.count(detail.tables.reduce(0) { $0 + $1.rowCount })) rows", .text))
                    lines.append(StyledLine())
                    for table in detail.tables {
                        lines.append(StyledLine([("▦ ", Style(fg: .title)), (DisplayWidth.pad(table.name, to: 24), .text),
                                                 (DisplayWidth.pad(Format.count(table.rowCount), to: 10, alignRight: true), .muted),
                                                 ("  \(table.columns.count) cols", .muted)]))
                    }
                } else if sources.loading.contains(name) {
                    lines.append(StyledLine(spinner(state) + " reading the schema…", .muted))
                } else {
                    lines.append(StyledLine([(" ⏎ ", .badge), ("  open it to read its tables", .muted)]))
                }
            } else {
                lines.append(StyledLine("Select a table to see its sample rows.", .muted))
            }
            StyledLine.renderPane(lines, into: &grid, rect: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height), scroll: 0)
            return
        }
        let title = "\(table.name) · \(Format.count(table.rowCount)) rows · \(table.columns.count) cols"
        grid.box(rect, style: focused ? .focusBorder : .border, title: title)
        grid.boxFooter(rect, text: sourceName)
        let inner = rect.inset()
        var y = inner.y
        // Keys line.
        var keys: [(String, Style)] = []
        let pk = table.columns.filter(\.primaryKey).map(\.name)
        if !pk.isEmpty { keys += [("PK ", .warning), (pk.joined(separator: ", "), .text)] }
        for column in table.columns {
            if let fk = column.foreignKey { keys += [("  FK ", Style(fg: .focus, bold: true)), (column.name + " → " + fk, .text)] }
        }
        let tableRect = Layout.previewTable(in: rect, table: table)
        if !keys.isEmpty, tableRect.y > y {
            StyledLine([(" ", .text)] + keys).render(into: &grid, x: inner.x, y: y, width: inner.width)
            y += 2
        }
        // Column types line.
        if tableRect.y > y {
            var typeLine: [(String, Style)] = [(" ", .text)]
            for column in table.columns {
                typeLine += [(typeGlyph(column.type), .muted), (" " + column.name + "  ", .text)]
            }
            StyledLine(typeLine).render(into: &grid, x: inner.x, y: y, width: inner.width)
        }
        let columns = table.columns.map(\.name)
        let previewKey = sourceName + "/" + table.name
        let loaded = sources.previewKey == previewKey ? sources.preview : [:]
        let sample = (0..<min(table.rowCount, 100)).compactMap { loaded[$0] } + (loaded.isEmpty ? table.sampleRows : [])
        let layouts = ValueFormatter.columns(count: columns.count, rows: sample)
        let rowCount = max(table.rowCount, table.sampleRows.count)
        var view = TableView(columns: columns, widths: TableView.widths(columns: columns, rows: sample, layouts: layouts, cap: 24),
                             layouts: layouts, rowCount: rowCount, leftColumn: sources.sampleLeft, cursor: sources.sampleCursor,
                             focused: focused)
        view.cursor.scrollToSelection(count: rowCount, visible: TableView.visibleRows(in: tableRect))
        if !focused { view.cursor.selected = -1 }
        view.render(into: &grid, rect: tableRect) { index in
            loaded[index] ?? (index < table.sampleRows.count ? table.sampleRows[index] : nil)
        }
        if focused, rowCount > 0 {
            let last = min(rowCount, view.cursor.top + TableView.visibleRows(in: tableRect))
            grid.boxFooter(rect, text: "\(sourceName) · rows \(Format.count(view.cursor.top + 1))–\(Format.count(last))")
        }
    }
}
