/// The inspector: requests on the left, one request's context on the right.
extension Console {
    static func drawInspector(_ state: ConsoleState, into grid: inout CellGrid) {
        let inspector = state.inspector
        let panes = Layout.inspector(state.size, focus: inspector.focus)
        if let list = panes.list {
            let focused = inspector.focus == .list
            grid.box(list, style: focused ? .focusBorder : .border, title: "Requests")
            if !inspector.requests.isEmpty { grid.boxFooter(list, text: "\(inspector.cursor.selected + 1)/\(inspector.requests.count)") }
            let inner = list.inset()
            if inspector.requests.isEmpty {
                let text = inspector.loading ? spinner(state) + " loading…" : "No requests in this session yet. Ask a question first (2)."
                for (index, line) in TextWrap.wrap(text, width: inner.width - 2).enumerated() {
                    grid.put(line, x: inner.x + 1, y: inner.y + index, style: .muted)
                }
            }
            for row in 0..<inner.height {
                let index = inspector.cursor.top + row
                guard index < inspector.requests.count else { break }
                let request = inspector.requests[index]
                let selected = index == inspector.cursor.selected
                let base: Style = selected ? (focused ? .selection : Style(fg: .text, bg: .panel, bold: true)) : .text
                let y = inner.y + row
                if selected { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: base) }
                let blocked = request.firewallVerdict != "allowed"
                var x = inner.x + 1
                x += grid.put(blocked ? "✗ " : "✓ ", x: x, y: y, style: selected ? base : (blocked ? .danger : .success))
                x += grid.put(request.time + " ", x: x, y: y, style: selected ? base : .muted)
                grid.put(request.question, x: x, y: y, style: base, maxWidth: inner.x + inner.width - 1 - x)
            }
        }
        if let detail = panes.detail { drawRequestDetail(state, rect: detail, into: &grid) }
    }

    private static func drawRequestDetail(_ state: ConsoleState, rect: Rect, into grid: inout CellGrid) {
        let inspector = state.inspector
        let focused = inspector.focus == .detail
        guard let id = inspector.selectedID else {
            grid.box(rect, style: focused ? .focusBorder : .border, title: "Context")
            return
        }
        guard let detail = inspector.details[id] else {
            grid.box(rect, style: focused ? .focusBorder : .border, title: "Request " + id)
            grid.put(spinner(state) + " loading the context…", x: rect.x + 2, y: rect.y + 2, style: .muted)
            return
        }
        grid.box(rect, style: focused ? .focusBorder : .border, title: "Request \(detail.id) · \(detail.model)")
        let inner = rect.inset()
        // Tabs.
        let titles = InspectorState.Tab.allCases.map(\.title)
        let short = ["Sections", "Body", "Diff"]
        let tabs = Tabs.layout(titles: titles, short: short, x: inner.x + 1, width: inner.width - 2)
        Tabs.render(into: &grid, y: inner.y, labels: tabs.labels, spans: tabs.spans, selected: inspector.tab.rawValue, base: .text)
        let body = Rect(x: inner.x + 1, y: inner.y + 2, width: inner.width - 2, height: inner.height - 2)
        let lines: [StyledLine]
        switch inspector.tab {
        case .sections: lines = sectionLines(detail, width: body.width, badge: provenanceBadge(state), orgName: state.split == nil ? nil : state.session?.orgName)
        case .body:
            lines = StyledLine.wrapped(detail.requestBody.split(separator: "\n", omittingEmptySubsequences: false)
                .map { StyledLine(String($0), .text) }, width: body.width, indent: "  ↪ ")
        case .diff:
            lines = StyledLine.wrapped(diffLines(state, detail), width: body.width, indent: "    ")
        }
        let top = StyledLine.renderPane(lines, into: &grid, rect: body, scroll: inspector.scroll)
        if lines.count > body.height {
            grid.boxFooter(rect, text: "lines \(top + 1)–\(min(lines.count, top + body.height)) of \(lines.count)")
        }
    }

    /// The provenance badge's style: in a split screen each half has its own color, so the two
    /// orgs' fragments are told apart at a glance.
    static func provenanceBadge(_ state: ConsoleState) -> Style {
        state.split?.side == .right ? Style(fg: .badgeText, bg: .focus, bold: true) : .badge
    }

    static func sectionLines(_ detail: RequestDetail, width: Int, badge badgeStyle: Style = .badge, orgName: String? = nil) -> [StyledLine] {
        var lines: [StyledLine] = []
        let allowed = detail.firewallVerdict == "allowed"
        lines.append(StyledLine([("Question  ", .muted), (detail.question, .text)]))
        let fraction = detail.budget > 0 ? Double(detail.totalTokens) / Double(detail.budget) : 0
        let barWidth = 12
        let filled = min(barWidth, Int((Double(barWidth) * fraction).rounded()))
        lines.append(StyledLine([("Tokens    ", .muted), (Format.count(detail.totalTokens), .accent),
                                 (" / " + Format.count(detail.budget) + " budget ", .muted),
                                 (String(repeating: "█", count: filled), Style(fg: .accent)),
                                 (String(repeating: "░", count: barWidth - filled), .border)]))
        lines.append(StyledLine([("Firewall  ", .muted), (allowed ? "✓ allowed" : "✗ " + detail.firewallVerdict, allowed ? .success : .danger),
                                 ("   Cost ", .muted), (Format.dollars(detail.costEstimate), .text)]))
        lines.append(StyledLine([("Timings   ", .muted),
                                 ("context " + Format.ms(detail.timings.contextMS) + " · model " + Format.ms(detail.timings.modelMS)
                                  + " · query " + Format.ms(detail.timings.queryMS), .text)]))
        if detail.dropped.isEmpty {
            lines.append(StyledLine([("Dropped   ", .muted), ("nothing", .text)]))
        } else {
            for (index, item) in detail.dropped.enumerated() {
                lines.append(StyledLine([(index == 0 ? "Dropped   " : "          ", .muted), ("▾ " + item, .warning)]))
            }
        }
        lines.append(StyledLine())
        for section in detail.sections {
            let ids = section.ids.isEmpty ? "" : " · " + section.ids.joined(separator: ", ")
            let badge = " " + (orgName.map { "◆ " + $0 + " " } ?? "") + section.orgID + " · " + section.kind + ids + " "
            let tokens = Format.count(section.tokens) + " tok"
            let badgeText = DisplayWidth.truncate(badge, to: max(8, width - DisplayWidth.of(tokens) - 3))
            let gap = max(1, width - DisplayWidth.of(badgeText) - DisplayWidth.of(tokens))
            lines.append(StyledLine([(badgeText, badgeStyle), (String(repeating: " ", count: gap), .text), (tokens, .accent)]))
            let preview = section.text.split(separator: "\n").prefix(3)
            for line in preview { lines.append(StyledLine("  " + line, .muted)) }
            lines.append(StyledLine())
        }
        return lines
    }

    private static func diffLines(_ state: ConsoleState, _ detail: RequestDetail) -> [StyledLine] {
        guard let previousID = state.inspector.previousID else {
            return [StyledLine("This is the first request of the session: nothing to compare with.", .muted)]
        }
        guard let previous = state.inspector.details[previousID] else {
            return [StyledLine(spinner(state) + " loading " + previousID + "…", .muted)]
        }
        var lines = [StyledLine([("against ", .muted), (previous.id, .accent), ("  “" + previous.question + "”", .muted)]), StyledLine()]
        let diff = LineDiff.diff(old: previous.requestBody, new: detail.requestBody)
        var added = 0, removed = 0
        for line in diff {
            switch line {
            case let .same(text): lines.append(StyledLine("  " + text, .muted))
            case let .added(text): lines.append(StyledLine("+ " + text, .success)); added += 1
            case let .removed(text): lines.append(StyledLine("- " + text, .danger)); removed += 1
            }
        }
        lines[1] = StyledLine([("+\(added) ", .success), ("-\(removed) ", .danger), ("lines", .muted)])
        return lines
    }
}
