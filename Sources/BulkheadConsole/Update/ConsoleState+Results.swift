import BulkheadCore

/// Browsing an answer: columns, sort, search, widths, the cell view, export, copy and the chart.
extension ConsoleState {
    mutating func handleResultsKey(_ key: Key, effects: inout [Effect]) -> Bool {
        switch key {
        case .tab, .backTab, .char("i"):
            ask.focus = .input
            return true
        case .char("I"):
            go(to: .inspector, effects: &effects)
            return true
        default:
            break
        }
        guard let outcome = ask.outcome, !ask.running else { return false }
        switch key {
        case .char("g"), .char("b"):
            effects.append(.feedback(requestID: outcome.requestID, good: key == .char("g")))
        case .left, .char("h"):
            selectColumn(ask.column - 1, of: outcome)
        case .right, .char("l"):
            selectColumn(ask.column + 1, of: outcome)
        case .char("s"):
            cycleSort(of: outcome, effects: &effects)
        case .char("/"):
            ask.search.typing = true
            ask.search.input = TextInput(text: ask.search.text)
        case .char("n"), .char("N"):
            searchAgain(forward: key == .char("n"), effects: &effects)
        case .char("+"), .char("-"), .char("="):
            resizeColumn(key, of: outcome)
        case .enter:
            openCell(of: outcome)
        case .char("e"):
            overlay = .export(ExportDialogState(folder: exportFolder))
        case .char("y"), .char("Y"):
            copy(whole: key == .char("Y"), of: outcome, effects: &effects)
        case .char("c"):
            toggleChart(of: outcome, effects: &effects)
        default:
            return moveResults(key, effects: &effects)
        }
        return true
    }

    private mutating func selectColumn(_ index: Int, of outcome: AskOutcome) {
        guard !outcome.columns.isEmpty else { return }
        ask.column = min(max(0, index), outcome.columns.count - 1)
        if ask.column < ask.leftColumn { ask.leftColumn = ask.column }
        let width = Layout.resultsTable(size).width
        while ask.leftColumn < ask.column,
              ask.leftColumn + TableView.visibleColumns(widths: ask.widths, from: ask.leftColumn, width: width) <= ask.column {
            ask.leftColumn += 1
        }
    }

    /// `s`: none → ascending → descending → none, on the selected column; the pages are read again.
    private mutating func cycleSort(of outcome: AskOutcome, effects: inout [Effect]) {
        guard outcome.rowCount > 1 else { return }
        if let order = ask.order, order.column == ask.column {
            ask.order = order.descending ? nil : ResultOrder(column: ask.column, descending: true)
        } else {
            ask.order = ResultOrder(column: ask.column, descending: false)
        }
        ask.rows = [:]
        ask.pending = []
        ask.cursor = ListCursor()
        requestMissingRows(effects: &effects)
        notice = Notice(ask.order.map { "sorted by \(outcome.columns[$0.column]) \($0.descending ? "descending" : "ascending")" }
                        ?? "back to the statement's order", isError: false)
    }

    private mutating func resizeColumn(_ key: Key, of outcome: AskOutcome) {
        guard ask.column < ask.widths.count else { return }
        switch key {
        case .char("+"): ask.widths[ask.column] = min(200, ask.widths[ask.column] + 4)
        case .char("-"): ask.widths[ask.column] = max(3, ask.widths[ask.column] - 4)
        default:
            let sample = (0..<min(outcome.rowCount, 200)).compactMap { ask.rows[$0] }
            ask.widths = TableView.widths(columns: outcome.columns, rows: sample, layouts: ask.layouts)
        }
    }

    private func cellText(_ value: DisplayValue) -> String {
        ValueFormatter.text(value, in: ask.column < ask.layouts.count ? ask.layouts[ask.column] : .text)
    }

    private mutating func openCell(of outcome: AskOutcome) {
        guard ask.column < outcome.columns.count, let row = ask.rows[ask.cursor.selected], ask.column < row.count else { return }
        let value = row[ask.column]
        var text = cellText(value)
        if case .real = value { text += "   (exact: " + ValueFormatter.plain(value) + ")" }
        if case .text("") = value { text = "(empty string)" }
        overlay = .cell(CellViewState(title: "\(outcome.columns[ask.column]) · row \(Format.count(ask.cursor.selected + 1))",
                                      text: text, exact: ValueFormatter.plain(value)))
    }

    /// `y` copies the selected cell, `Y` the row (tab-separated), exactly as stored.
    private mutating func copy(whole: Bool, of outcome: AskOutcome, effects: inout [Effect]) {
        guard let row = ask.rows[ask.cursor.selected] else { return }
        let text = whole ? row.map(ValueFormatter.plain).joined(separator: "\t")
                         : (ask.column < row.count ? ValueFormatter.plain(row[ask.column]) : "")
        effects.append(.copy(text))
        notice = Notice(whole ? "row \(Format.count(ask.cursor.selected + 1)) copied" : "cell copied", isError: false)
    }

    private mutating func toggleChart(of outcome: AskOutcome, effects: inout [Effect]) {
        guard ChartSpec.make(columns: outcome.columns, layouts: ask.layouts, rowCount: outcome.rowCount) != nil else {
            notice = Notice("a chart needs one label column and one or two number columns, at most \(ChartSpec.maxRows) rows", isError: true)
            return
        }
        ask.chart.toggle()
        guard ask.chart else { return }
        // A chart shows every row: load the pages not yet here.
        var offset = 0
        while offset < outcome.rowCount {
            if ask.rows[offset] == nil, !ask.pending.contains(offset) {
                ask.pending.insert(offset)
                effects.append(.loadRows(requestID: outcome.requestID, offset: offset, limit: AskState.pageSize, order: ask.order))
            }
            offset += AskState.pageSize
        }
    }

    // MARK: Search

    mutating func handleSearchKey(_ key: Key, effects: inout [Effect]) -> Bool {
        switch key {
        case .enter:
            ask.search.typing = false
            ask.search.text = ask.search.input.text
            guard !ask.search.text.isEmpty else { return true }
            startSearch(from: ask.cursor.selected, forward: true, effects: &effects)
        case .escape:
            ask.search.typing = false
        default:
            ask.search.input.handle(key)
        }
        return true
    }

    private mutating func searchAgain(forward: Bool, effects: inout [Effect]) {
        guard !ask.search.text.isEmpty, let outcome = ask.outcome else {
            notice = Notice("nothing searched yet: press / first", isError: true)
            return
        }
        let from = forward ? (ask.cursor.selected + 1) % max(1, outcome.rowCount)
                           : (ask.cursor.selected - 1 + outcome.rowCount) % max(1, outcome.rowCount)
        startSearch(from: from, forward: forward, effects: &effects)
    }

    private mutating func startSearch(from: Int, forward: Bool, effects: inout [Effect]) {
        guard let outcome = ask.outcome, !ask.search.running else { return }
        ask.search.running = true
        effects.append(.searchRows(requestID: outcome.requestID, order: ask.order, text: ask.search.text, from: from, forward: forward))
    }

    mutating func receiveSearch(requestID: String, text: String, index: Int?, effects: inout [Effect]) {
        guard let outcome = ask.outcome, outcome.requestID == requestID else { return }
        ask.search.running = false
        guard let index else {
            notice = Notice("“\(text)” is not in this result", isError: true)
            return
        }
        ask.cursor.select(index, count: outcome.rowCount, visible: resultRows)
        requestMissingRows(effects: &effects)
        notice = Notice("“\(text)” on row \(Format.count(index + 1))", isError: false)
    }

    // MARK: Overlays

    mutating func handleCellKey(_ key: Key, _ cell: CellViewState, effects: inout [Effect]) {
        var cell = cell
        switch key {
        case .escape, .enter, .char("q"): overlay = nil; return
        case .down, .char("j"): cell.scroll += 1
        case .up, .char("k"): cell.scroll = max(0, cell.scroll - 1)
        case .pageDown, .char(" "): cell.scroll += 5
        case .pageUp: cell.scroll = max(0, cell.scroll - 5)
        case .char("y"):
            effects.append(.copy(cell.exact))
            notice = Notice("cell copied", isError: false)
        default: break
        }
        overlay = .cell(cell)
    }
}
