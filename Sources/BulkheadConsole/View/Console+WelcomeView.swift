/// The welcome and login screens.
extension Console {
    static func drawWelcome(_ state: ConsoleState, into grid: inout CellGrid) {
        let welcome = state.welcome
        let area = Layout.content(state.size)
        let boxWidth = min(76, area.width - 2)
        let left = (area.width - boxWidth) / 2 + 3, width = boxWidth - 6
        let compact = area.height < 16
        var lines: [StyledLine] = []
        if welcome.accounts.isEmpty {
            let intro = "A terminal console for a multi-tenant AI data assistant: browse your organization's sources, ask questions that become read-only SQL, and inspect every prompt that was sent."
            if !compact {
                for line in TextWrap.wrap(intro, width: width) { lines.append(StyledLine(line, .text)) }
                lines.append(StyledLine())
            }
            lines.append(StyledLine("This home has no organization yet.", .accent))
            if !compact { lines.append(StyledLine()) }
            lines.append(StyledLine([(" d ", .badge), ("  create the demo workspace", .text)]))
            if !compact {
                lines.append(StyledLine("     Acme (retail) and Globex (clinic), three users", .muted))
            }
            lines.append(StyledLine([(" l ", .badge), ("  log in to an existing workspace", .text)]))
            lines.append(StyledLine([(" q ", .badge), ("  quit", .text)]))
            if welcome.creating {
                lines.append(StyledLine())
                lines.append(StyledLine(spinner(state) + " creating the demo workspace…", .warning))
            }
            if let error = welcome.error {
                lines.append(StyledLine())
                for line in TextWrap.wrap("✗ " + error, width: width) { lines.append(StyledLine(line, .danger)) }
            }
        } else {
            lines.append(StyledLine("The demo workspace is ready. Passwords are shown only once:", .success))
            lines.append(StyledLine())
            let emailWidth = max(5, welcome.accounts.map { DisplayWidth.of($0.email) }.max() ?? 5)
            let orgWidth = max(3, welcome.accounts.map { DisplayWidth.of($0.org) }.max() ?? 3)
            let header = "  " + DisplayWidth.pad("EMAIL", to: emailWidth) + "  " + DisplayWidth.pad("ORG", to: orgWidth) + "  ROLE    PASSWORD"
            lines.append(StyledLine(header, .header))
            for (index, account) in welcome.accounts.enumerated() {
                let text = "  " + DisplayWidth.pad(account.email, to: emailWidth) + "  " + DisplayWidth.pad(account.org, to: orgWidth)
                    + "  " + DisplayWidth.pad(account.role, to: 6) + "  " + account.password
                lines.append(StyledLine(DisplayWidth.pad(text, to: width), index == welcome.cursor.selected ? .selection : .text))
            }
            lines.append(StyledLine())
            lines.append(StyledLine([(" ⏎ ", .badge), ("  log in as the selected account", .text)]))
        }
        lines = StyledLine.wrapped(lines, width: width)
        let box = centeredBox(state, width: boxWidth, height: lines.count + (compact ? 2 : 4))
        grid.box(box, style: .focusBorder, title: "Welcome to Bulkhead")
        let inner = box.inset()
        let top = inner.y + (compact ? 0 : 1)
        StyledLine.renderPane(lines, into: &grid, rect: Rect(x: left, y: top, width: width, height: inner.y + inner.height - top), scroll: 0)
    }

    static func drawLogin(_ state: ConsoleState, into grid: inout CellGrid) {
        let login = state.login
        if let orgs = login.orgs {
            let box = centeredBox(state, width: 50, height: min(orgs.count + 6, 14))
            grid.box(box, style: .focusBorder, title: "Choose an organization")
            let inner = box.inset()
            grid.put(DisplayWidth.truncate("You belong to several organizations:", to: inner.width - 4), x: inner.x + 2, y: inner.y + 1, style: .muted)
            let listRect = Rect(x: inner.x + 2, y: inner.y + 3, width: inner.width - 4, height: inner.height - 3)
            var cursor = login.orgCursor
            cursor.scrollToSelection(count: orgs.count, visible: listRect.height)
            for row in 0..<listRect.height where cursor.top + row < orgs.count {
                let index = cursor.top + row
                let selected = index == cursor.selected
                grid.put(DisplayWidth.pad((selected ? "▶ " : "  ") + orgs[index], to: listRect.width), x: listRect.x,
                         y: listRect.y + row, style: selected ? .selection : .text)
            }
            return
        }
        let compact = state.size.height < 16
        let box = centeredBox(state, width: 60, height: compact ? 8 : 12)
        grid.box(box, style: .focusBorder, title: "Log in")
        let inner = box.inset()
        let labelWidth = 10
        let fieldX = inner.x + 2 + labelWidth
        let fieldWidth = max(8, inner.width - labelWidth - 4)
        var y = inner.y + (compact ? 0 : 1)
        let fields: [(String, TextInput, LoginState.Field)] = [("Email", login.email, .email), ("Password", login.password, .password)]
        for (label, input, field) in fields {
            let focused = login.focus == field && !login.busy
            grid.put(label, x: inner.x + 2, y: y, style: focused ? .accent : .muted)
            input.render(into: &grid, x: fieldX, y: y, width: fieldWidth, style: Style(fg: .text, bg: .panel),
                         focused: focused, placeholder: field == .email ? "you@example.com" : "")
            y += compact ? 1 : 2
        }
        y += 1
        if login.busy {
            grid.put(spinner(state) + " checking…", x: inner.x + 2, y: y, style: .warning)
        } else if let error = login.error {
            for line in TextWrap.wrap("✗ " + error, width: inner.width - 4).prefix(2) {
                grid.put(line, x: inner.x + 2, y: y, style: .danger)
                y += 1
            }
        } else if !compact {
            grid.put("Tab switches field · Enter logs in", x: inner.x + 2, y: y, style: .muted, maxWidth: inner.width - 4)
        }
    }
}
