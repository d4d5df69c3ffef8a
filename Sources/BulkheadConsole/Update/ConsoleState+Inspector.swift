/// The inspector and the audit screens.
extension ConsoleState {
    var inspectorListRows: Int { Layout.listRows(Layout.inspector(size, focus: .list).list ?? Layout.content(size)) }

    mutating func receiveRequests(_ list: [RequestSummary], effects: inout [Effect]) {
        inspector.loading = false
        inspector.requests = list
        inspector.cursor.scrollToSelection(count: list.count, visible: inspectorListRows)
        loadInspectorDetails(effects: &effects)
    }

    /// Loads the selected request and the one before it (for the diff) when they are not cached.
    mutating func loadInspectorDetails(effects: inout [Effect]) {
        for id in [inspector.selectedID, inspector.previousID].compactMap({ $0 }) where inspector.details[id] == nil {
            effects.append(.loadRequest(id))
        }
    }

    mutating func handleInspectorKey(_ key: Key, effects: inout [Effect]) -> Bool {
        switch key {
        case .char("r"):
            inspector.loading = true
            effects.append(.loadRequests)
            return true
        case .tab, .backTab:
            inspector.focus = inspector.focus == .list ? .detail : .list
            return true
        default:
            break
        }
        if inspector.focus == .list {
            if inspector.cursor.handle(key, count: inspector.requests.count, visible: inspectorListRows) {
                inspector.scroll = 0
                loadInspectorDetails(effects: &effects)
                return true
            }
            if key == .enter || key == .right || key == .char("l") {
                inspector.focus = .detail
                return true
            }
            return false
        }
        let tabs = InspectorState.Tab.allCases
        switch key {
        case .escape:
            inspector.focus = .list
        case .left, .char("h"), .char("["):
            inspector.tab = tabs[(inspector.tab.rawValue + tabs.count - 1) % tabs.count]
            inspector.scroll = 0
        case .right, .char("l"), .char("]"):
            inspector.tab = tabs[(inspector.tab.rawValue + 1) % tabs.count]
            inspector.scroll = 0
        case .down, .char("j"): inspector.scroll += 1
        case .up, .char("k"): inspector.scroll = max(0, inspector.scroll - 1)
        case .pageDown, .char(" "): inspector.scroll += max(1, size.height - 8)
        case .pageUp: inspector.scroll = max(0, inspector.scroll - max(1, size.height - 8))
        case .home, .char("g"): inspector.scroll = 0
        case .end, .char("G"): inspector.scroll = Int.max / 2
        default: return false
        }
        return true
    }
}
