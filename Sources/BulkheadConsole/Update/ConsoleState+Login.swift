/// The welcome and login screens.
extension ConsoleState {
    mutating func handleWelcomeKey(_ key: Key, effects: inout [Effect]) -> Bool {
        if welcome.creating { return key != .char("q") }
        if welcome.accounts.isEmpty {
            switch key {
            case .char("d"), .enter:
                welcome.creating = true
                welcome.error = nil
                effects.append(.createDemo)
            case .char("l"):
                screen = .login
            default:
                return false
            }
            return true
        }
        if welcome.cursor.handle(key, count: welcome.accounts.count, visible: welcome.accounts.count) { return true }
        switch key {
        case .enter, .char("l"):
            let account = welcome.accounts[min(welcome.cursor.selected, welcome.accounts.count - 1)]
            login.email.set(account.email)
            login.focus = .password
            screen = .login
            return true
        default:
            return false
        }
    }

    mutating func handleLoginKey(_ key: Key, effects: inout [Effect]) -> Bool {
        if login.busy { return true }
        if let orgs = login.orgs {
            if login.orgCursor.handle(key, count: orgs.count, visible: orgs.count) { return true }
            switch key {
            case .enter:
                let org = orgs[min(login.orgCursor.selected, orgs.count - 1)]
                login.busy = true
                effects.append(.login(email: login.email.text, password: login.password.text, org: org))
            case .escape:
                login.orgs = nil
            default:
                return false
            }
            return true
        }
        switch key {
        case .tab, .backTab, .down, .up:
            login.focus = login.focus == .email ? .password : .email
        case .enter:
            if login.focus == .email {
                login.focus = .password
            } else if login.email.text.trimmingSpaces().isEmpty {
                login.error = "type your email first"
                login.focus = .email
            } else {
                login.busy = true
                login.error = nil
                effects.append(.login(email: login.email.text, password: login.password.text, org: nil))
            }
        case .escape:
            if login.error != nil {
                login.error = nil
            } else if homeIsEmpty || !welcome.accounts.isEmpty {
                screen = .welcome
            }
        default:
            if login.focus == .email {
                return login.email.handle(key)
            }
            return login.password.handle(key)
        }
        return true
    }
}
