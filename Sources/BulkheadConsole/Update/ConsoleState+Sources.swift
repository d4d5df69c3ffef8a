import BulkheadCore

/// The sources screen.
extension ConsoleState {
    var sourceTreeRows: Int {
        Layout.listRows(Layout.sources(size, focus: sources.focus, filtering: sources.filtering).tree)
    }

    mutating func receiveSources(_ list: [SourceSummary], effects: inout [Effect]) {
        sources.listLoading = false
        sources.sources = list
        // Schemas are read when a source is opened (or a filter searches them), never at login:
        // introspection reads every table, and the first screen only needs the names.
        if ask.source == nil { ask.source = list.first?.name }
        sources.cursor.scrollToSelection(count: sources.rows.count, visible: sourceTreeRows)
    }

    mutating func receiveSource(_ detail: SourceDetail, effects: inout [Effect]) {
        sources.loading.remove(detail.name)
        sources.details[detail.name] = detail
        sources.cursor.scrollToSelection(count: sources.rows.count, visible: sourceTreeRows)
        refreshPreview(effects: &effects)
    }

    /// Rows of the preview table that fit its pane.
    var previewVisibleRows: Int {
        guard let pane = Layout.sources(size, focus: sources.focus, filtering: sources.filtering).samples ?? Layout.sources(size, focus: .samples, filtering: sources.filtering).samples,
              let table = sources.selectedTable?.table else { return 1 }
        return TableView.visibleRows(in: Layout.previewTable(in: pane, table: table))
    }

    /// Points the preview at the selected table (its sample rows first) and asks for the rows
    /// its pane shows that are not loaded yet.
    mutating func refreshPreview(effects: inout [Effect]) {
        guard let (source, table) = sources.selectedTable else { return }
        let key = source + "/" + table.name
        if sources.previewKey != key {
            sources.previewKey = key
            sources.preview = [:]
            sources.previewPending = []
            for (index, row) in table.sampleRows.enumerated() { sources.preview[index] = row }
        }
        let page = AskState.pageSize
        let last = min(table.rowCount, sources.sampleCursor.top + previewVisibleRows + page / 2)
        var offset = sources.sampleCursor.top / page * page
        while offset < last {
            let missing = (offset..<min(offset + page, last)).contains { sources.preview[$0] == nil }
            if missing, !sources.previewPending.contains(offset) {
                sources.previewPending.insert(offset)
                effects.append(.loadTableRows(source: source, table: table.name, offset: offset, limit: page))
            }
            offset += page
        }
    }

    mutating func receivePreviewRows(source: String, table: String, offset: Int, rows: [[DisplayValue]]) {
        guard sources.previewKey == source + "/" + table else { return }
        sources.previewPending.remove(offset)
        for (index, row) in rows.enumerated() { sources.preview[offset + index] = row }
        if sources.preview.count > 20 * AskState.pageSize {
            let low = sources.sampleCursor.top - 5 * AskState.pageSize, high = sources.sampleCursor.top + 5 * AskState.pageSize
            sources.preview = sources.preview.filter { $0.key >= low && $0.key <= high }
        }
    }

    mutating func handleSourcesKey(_ key: Key, effects: inout [Effect]) -> Bool {
        if sources.filtering {
            switch key {
            case .enter:
                sources.filtering = false
            case .escape:
                sources.filtering = false
                sources.filter.clear()
            default:
                guard sources.filter.handle(key) else { return true }
                sources.cursor = ListCursor()
                jumpToMatch(from: 0, forward: true, includeCurrent: true)
                refreshPreview(effects: &effects)
            }
            return true
        }
        switch key {
        case .tab, .backTab:
            sources.focus = sources.focus == .tree ? .samples : .tree
            refreshPreview(effects: &effects)
            return true
        case .char("/"):
            sources.filtering = true
            sources.filter.clear()
            // Filtering searches tables and columns too: read the schemas not read yet.
            for source in sources.sources where sources.details[source.name] == nil && !sources.loading.contains(source.name) {
                sources.loading.insert(source.name)
                effects.append(.showSource(source.name))
            }
            return true
        case .char("n"):
            jumpToMatch(from: sources.cursor.selected, forward: true, includeCurrent: false)
            return true
        case .char("N"):
            jumpToMatch(from: sources.cursor.selected, forward: false, includeCurrent: false)
            return true
        case .char("r"):
            sources = SourcesState()
            sources.listLoading = true
            effects.append(.listSources)
            return true
        case .char("a") where sources.selectedTable != nil:
            if let table = sources.selectedTable {
                ask.source = table.source
                screen = .ask
                ask.focus = .input
            }
            return true
        case .escape:
            if !sources.filter.text.isEmpty {
                sources.filter.clear()
                sources.cursor.scrollToSelection(count: sources.rows.count, visible: sourceTreeRows)
                return true
            }
            if sources.focus == .samples { sources.focus = .tree; return true }
            return false
        default:
            break
        }
        if sources.focus == .samples { return handleSampleKey(key, effects: &effects) }
        let rows = sources.rows
        if sources.cursor.handle(key, count: rows.count, visible: sourceTreeRows) {
            sources.sampleCursor = ListCursor()
            sources.sampleLeft = 0
            refreshPreview(effects: &effects)
            return true
        }
        guard sources.cursor.selected < rows.count else { return false }
        let row = rows[sources.cursor.selected]
        switch key {
        case .enter, .right, .char("l"), .char(" "):
            if row.expandable, !row.isExpanded {
                toggle(row, effects: &effects)
            } else if key == .enter, row.expandable {
                toggle(row, effects: &effects)
            } else if key != .enter, row.isExpanded {
                sources.cursor.move(by: 1, count: rows.count, visible: sourceTreeRows)
            }
        case .left, .char("h"):
            if row.isExpanded {
                toggle(row, effects: &effects)
            } else if row.depth > 0 {
                // Jump to the parent.
                var index = sources.cursor.selected
                while index > 0, rows[index].depth >= row.depth { index -= 1 }
                sources.cursor.select(index, count: rows.count, visible: sourceTreeRows)
            }
        default:
            return false
        }
        refreshPreview(effects: &effects)
        return true
    }

    private mutating func toggle(_ row: SourcesState.Row, effects: inout [Effect]) {
        let id: String
        switch row.node {
        case let .source(name):
            id = "s:" + name
            if sources.details[name] == nil, !sources.loading.contains(name) {
                sources.loading.insert(name)
                effects.append(.showSource(name))
            }
        case let .table(source, table):
            id = "t:" + source + "/" + (sources.details[source]?.tables[table].name ?? "")
        case .column:
            return
        }
        if sources.expanded.contains(id) { sources.expanded.remove(id) } else { sources.expanded.insert(id) }
        sources.cursor.scrollToSelection(count: sources.rows.count, visible: sourceTreeRows)
    }

    private mutating func jumpToMatch(from index: Int, forward: Bool, includeCurrent: Bool) {
        let matches = sources.matches
        guard !matches.isEmpty else { return }
        let target: Int
        if forward {
            target = matches.first { includeCurrent ? $0 >= index : $0 > index } ?? matches[0]
        } else {
            target = matches.last { $0 < index } ?? matches[matches.count - 1]
        }
        sources.cursor.select(target, count: sources.rows.count, visible: sourceTreeRows)
    }

    private mutating func handleSampleKey(_ key: Key, effects: inout [Effect]) -> Bool {
        guard let table = sources.selectedTable?.table else { return false }
        if sources.sampleCursor.handle(key, count: table.rowCount, visible: previewVisibleRows) {
            refreshPreview(effects: &effects)
            return true
        }
        switch key {
        case .left, .char("h"): sources.sampleLeft = max(0, sources.sampleLeft - 1)
        case .right, .char("l"): sources.sampleLeft = min(max(0, table.columns.count - 1), sources.sampleLeft + 1)
        default: return false
        }
        return true
    }
}
