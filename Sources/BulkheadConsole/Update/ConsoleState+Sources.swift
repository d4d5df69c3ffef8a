/// The sources screen.
extension ConsoleState {
    var sourceTreeRows: Int {
        Layout.listRows(Layout.sources(size, focus: sources.focus, filtering: sources.filtering).tree)
    }

    mutating func receiveSources(_ list: [SourceSummary], effects: inout [Effect]) {
        sources.listLoading = false
        sources.sources = list
        // Open the first source so the screen is useful at once.
        if let first = list.first, sources.details[first.name] == nil, !sources.loading.contains(first.name) {
            sources.expanded.insert("s:" + first.name)
            sources.loading.insert(first.name)
            effects.append(.showSource(first.name))
        }
        if ask.source == nil { ask.source = list.first?.name }
        sources.cursor.scrollToSelection(count: sources.rows.count, visible: sourceTreeRows)
    }

    mutating func receiveSource(_ detail: SourceDetail) {
        sources.loading.remove(detail.name)
        sources.details[detail.name] = detail
        sources.cursor.scrollToSelection(count: sources.rows.count, visible: sourceTreeRows)
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
                jumpToMatch(from: sources.cursor.selected, forward: true, includeCurrent: true)
            }
            return true
        }
        switch key {
        case .tab, .backTab:
            sources.focus = sources.focus == .tree ? .samples : .tree
            return true
        case .char("/"):
            sources.filtering = true
            sources.filter.clear()
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
            if !sources.filter.text.isEmpty { sources.filter.clear(); return true }
            if sources.focus == .samples { sources.focus = .tree; return true }
            return false
        default:
            break
        }
        if sources.focus == .samples { return handleSampleKey(key) }
        let rows = sources.rows
        if sources.cursor.handle(key, count: rows.count, visible: sourceTreeRows) {
            sources.sampleCursor = ListCursor()
            sources.sampleLeft = 0
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

    private mutating func handleSampleKey(_ key: Key) -> Bool {
        guard let table = sources.selectedTable?.table else { return false }
        let pane = Layout.sources(size, focus: sources.focus, filtering: false).samples
        let visible = max(1, (pane?.height ?? 10) - 2 - 4)
        if sources.sampleCursor.handle(key, count: table.sampleRows.count, visible: visible) { return true }
        switch key {
        case .left, .char("h"): sources.sampleLeft = max(0, sources.sampleLeft - 1)
        case .right, .char("l"): sources.sampleLeft = min(max(0, table.columns.count - 1), sources.sampleLeft + 1)
        default: return false
        }
        return true
    }
}
