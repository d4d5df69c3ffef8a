import BulkheadCore

/// The ask screen: question, cancel, the answer and its pages.
extension ConsoleState {
    var resultRows: Int { TableView.visibleRows(in: Layout.resultsTable(size)) }

    mutating func handleAskKey(_ key: Key, effects: inout [Effect]) -> Bool {
        if ask.focus == .input {
            switch key {
            case .enter:
                submitQuestion(effects: &effects)
            case .escape:
                ask.focus = .results
            case .tab, .backTab:
                ask.focus = .results
            case .pageDown, .pageUp:
                moveResults(key, effects: &effects)
            default:
                return ask.input.handle(key) || true
            }
            return true
        }
        if ask.search.typing { return handleSearchKey(key, effects: &effects) }
        return handleResultsKey(key, effects: &effects)
    }

    @discardableResult
    mutating func moveResults(_ key: Key, effects: inout [Effect]) -> Bool {
        guard let outcome = ask.outcome else { return false }
        // g is feedback here, so Home goes to the top.
        guard key != .char("g"), ask.cursor.handle(key, count: outcome.rowCount, visible: resultRows) else { return false }
        requestMissingRows(effects: &effects)
        return true
    }

    private mutating func submitQuestion(effects: inout [Effect]) {
        guard !ask.running, !ask.input.text.trimmingSpaces().isEmpty else { return }
        let question = ask.input.commit()
        let input = ask.input, source = ask.source
        ask = AskState()
        ask.input = input
        ask.source = source
        ask.running = true
        ask.question = question
        effects.append(.ask(question: question, source: ask.source))
    }

    mutating func receiveAnswer(_ outcome: AskOutcome, effects: inout [Effect]) {
        ask.elapsed = elapsedSeconds
        ask.running = false
        ask.outcome = outcome
        ask.rows = [:]
        for (index, row) in outcome.rows.enumerated() { ask.rows[index] = row }
        let sample = Array(outcome.rows.prefix(200))
        ask.layouts = ValueFormatter.columns(count: outcome.columns.count, rows: sample)
        ask.widths = TableView.widths(columns: outcome.columns, rows: sample, layouts: ask.layouts)
        ask.cursor = ListCursor()
        ask.leftColumn = 0
        ask.column = 0
        ask.order = nil
        ask.chart = false
        ask.focus = .results
        requestMissingRows(effects: &effects)
    }

    /// Asks for the pages of the visible window (and half a page around it) that are not loaded yet.
    mutating func requestMissingRows(effects: inout [Effect]) {
        guard let outcome = ask.outcome else { return }
        let page = AskState.pageSize
        let first = max(0, ask.cursor.top - page / 2)
        let last = min(outcome.rowCount, ask.cursor.top + resultRows + page / 2)
        guard first < last else { return }
        var offset = first / page * page
        while offset < last {
            let missing = (offset..<min(offset + page, outcome.rowCount)).contains { ask.rows[$0] == nil }
            if missing, !ask.pending.contains(offset) {
                ask.pending.insert(offset)
                effects.append(.loadRows(requestID: outcome.requestID, offset: offset, limit: page, order: ask.order))
            }
            offset += page
        }
    }

    mutating func receiveRows(requestID: String, order: ResultOrder?, offset: Int, rows: [[DisplayValue]]) {
        guard ask.outcome?.requestID == requestID, order == ask.order else { return }
        ask.pending.remove(offset)
        for (index, row) in rows.enumerated() { ask.rows[offset + index] = row }
        // Numbers must never be cut: a column grows to the widest number a page brings.
        for row in rows {
            for (column, value) in row.enumerated() where column < ask.widths.count && value.isNumber {
                let width = DisplayWidth.of(ValueFormatter.text(value, in: column < ask.layouts.count ? ask.layouts[column] : .text))
                if width > ask.widths[column] { ask.widths[column] = min(40, width) }
            }
        }
        // Keep memory bounded: drop rows far from the window.
        if ask.rows.count > 30 * AskState.pageSize {
            let low = ask.cursor.top - 10 * AskState.pageSize, high = ask.cursor.top + 10 * AskState.pageSize
            ask.rows = ask.rows.filter { $0.key >= low && $0.key <= high }
        }
    }
}
