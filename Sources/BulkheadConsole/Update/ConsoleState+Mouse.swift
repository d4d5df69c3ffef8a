/// Mouse: the wheel scrolls what is under it, a click on a tab switches screen, a click on a
/// list row selects it.
extension ConsoleState {
    mutating func handleMouse(_ event: MouseEvent, effects: inout [Effect]) {
        guard size.isUsable, overlay == nil else { return }
        switch event.kind {
        case .wheelUp, .wheelDown:
            let key: Key = event.kind == .wheelUp ? .up : .down
            focusPane(at: event)
            for _ in 0..<3 { handleKey(key, effects: &effects) }
        case .click:
            if event.y == 0, session != nil {
                let tabs = Console.headerTabs(self)
                if let index = Tabs.hit(x: event.x, spans: tabs.spans) { go(to: Screen.tabs[index], effects: &effects) }
                return
            }
            clickRow(event, effects: &effects)
        }
    }

    private mutating func focusPane(at event: MouseEvent) {
        switch screen {
        case .sources:
            let panes = Layout.sources(size, focus: sources.focus, filtering: sources.filtering)
            if panes.tree?.contains(x: event.x, y: event.y) == true { sources.focus = .tree }
            if panes.samples?.contains(x: event.x, y: event.y) == true { sources.focus = .samples }
        case .ask:
            if Layout.ask(size).results.contains(x: event.x, y: event.y) { ask.focus = .results }
        case .inspector:
            let panes = Layout.inspector(size, focus: inspector.focus)
            if panes.list?.contains(x: event.x, y: event.y) == true { inspector.focus = .list }
            if panes.detail?.contains(x: event.x, y: event.y) == true { inspector.focus = .detail }
        default:
            break
        }
    }

    private mutating func clickRow(_ event: MouseEvent, effects: inout [Effect]) {
        focusPane(at: event)
        switch screen {
        case .sources:
            guard let tree = Layout.sources(size, focus: sources.focus, filtering: sources.filtering).tree,
                  tree.inset().contains(x: event.x, y: event.y) else { return }
            let row = sources.cursor.top + event.y - tree.y - 1
            sources.cursor.select(row, count: sources.rows.count, visible: sourceTreeRows)
        case .inspector:
            guard let list = Layout.inspector(size, focus: inspector.focus).list,
                  list.inset().contains(x: event.x, y: event.y) else { return }
            let row = inspector.cursor.top + event.y - list.y - 1
            inspector.cursor.select(row, count: inspector.requests.count, visible: inspectorListRows)
            loadInspectorDetails(effects: &effects)
        case .ask:
            let table = Layout.resultsTable(size)
            guard let outcome = ask.outcome, table.contains(x: event.x, y: event.y), event.y > table.y else { return }
            ask.cursor.select(ask.cursor.top + event.y - table.y - 1, count: outcome.rowCount, visible: resultRows)
        default:
            break
        }
    }
}
