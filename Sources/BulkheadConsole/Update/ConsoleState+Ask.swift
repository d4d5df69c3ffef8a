/// The ask screen: question, cancel, results paging, feedback.
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
        switch key {
        case .tab, .backTab, .enter, .char("i"), .char("/"):
            ask.focus = .input
            return true
        case .char("g"), .char("b"):
            guard let outcome = ask.outcome, !ask.running else { return true }
            effects.append(.feedback(requestID: outcome.requestID, good: key == .char("g")))
            return true
        case .left, .char("h"):
            ask.leftColumn = max(0, ask.leftColumn - 1)
            return true
        case .right, .char("l"):
            ask.leftColumn = min(max(0, (ask.outcome?.columns.count ?? 1) - 1), ask.leftColumn + 1)
            return true
        case .char("I"):
            go(to: .inspector, effects: &effects)
            return true
        default:
            return moveResults(key, effects: &effects)
        }
    }

    @discardableResult
    private mutating func moveResults(_ key: Key, effects: inout [Effect]) -> Bool {
        guard let outcome = ask.outcome else { return false }
        // g is feedback here, so Home goes to the top.
        guard key != .char("g"), ask.cursor.handle(key, count: outcome.rowCount, visible: resultRows) else { return false }
        requestMissingRows(effects: &effects)
        return true
    }

    private mutating func submitQuestion(effects: inout [Effect]) {
        guard !ask.running, !ask.input.text.trimmingSpaces().isEmpty else { return }
        let question = ask.input.commit()
        ask.running = true
        ask.startedAt = nil
        ask.question = question
        ask.outcome = nil
        ask.rows = [:]
        ask.pending = []
        ask.error = nil
        ask.feedback = nil
        ask.elapsed = nil
        ask.cursor = ListCursor()
        ask.leftColumn = 0
        effects.append(.ask(question: question, source: ask.source))
    }

    mutating func receiveAnswer(_ outcome: AskOutcome, effects: inout [Effect]) {
        ask.elapsed = elapsedSeconds
        ask.running = false
        ask.outcome = outcome
        ask.rows = [:]
        for (index, row) in outcome.rows.enumerated() { ask.rows[index] = row }
        ask.widths = TableView.widths(columns: outcome.columns, rows: Array(outcome.rows.prefix(200)))
        ask.cursor = ListCursor()
        ask.leftColumn = 0
        ask.focus = .results
        requestMissingRows(effects: &effects)
    }

    /// Asks for the pages of the visible window (and the next one) that are not loaded yet.
    mutating func requestMissingRows(effects: inout [Effect]) {
        guard let outcome = ask.outcome else { return }
        let page = AskState.pageSize
        let first = ask.cursor.top
        let last = min(outcome.rowCount, ask.cursor.top + resultRows + page / 2)
        guard first < last else { return }
        var offsets: [Int] = []
        var index = first
        while index < last {
            let offset = index / page * page
            if ask.rows[index] == nil, !ask.pending.contains(offset), !offsets.contains(offset) { offsets.append(offset) }
            index += 1
        }
        for offset in offsets {
            ask.pending.insert(offset)
            effects.append(.loadRows(requestID: outcome.requestID, offset: offset, limit: page))
        }
    }

    mutating func receiveRows(requestID: String, offset: Int, rows: [[String]]) {
        guard ask.outcome?.requestID == requestID else { return }
        ask.pending.remove(offset)
        for (index, row) in rows.enumerated() { ask.rows[offset + index] = row }
        // Keep memory bounded: drop rows far from the window.
        if ask.rows.count > 30 * AskState.pageSize {
            let low = ask.cursor.top - 10 * AskState.pageSize, high = ask.cursor.top + 10 * AskState.pageSize
            ask.rows = ask.rows.filter { $0.key >= low && $0.key <= high }
        }
    }
}
