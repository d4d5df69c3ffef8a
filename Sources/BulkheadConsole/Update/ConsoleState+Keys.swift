/// Global key handling: overlays first, then Ctrl+C, then the screen, then the global keys.
extension ConsoleState {
    mutating func handleKey(_ key: Key, effects: inout [Effect]) {
        notice = nil
        if key == .ctrl("c") {
            if ask.running {
                effects.append(.cancel)
                ask.running = false
                ask.error = "cancelled"
                ask.elapsed = elapsedSeconds
                return
            }
            if overlay != nil { overlay = nil; return }
            quit(effects: &effects)
            return
        }
        guard size.isUsable else {
            if key == .char("q") || key == .escape { quit(effects: &effects) }
            return
        }
        switch overlay {
        case .help:
            switch key {
            case .down, .char("j"), .pageDown, .char(" "): helpScroll += key == .pageDown || key == .char(" ") ? 5 : 1
            case .up, .char("k"), .pageUp: helpScroll = max(0, helpScroll - (key == .pageUp ? 5 : 1))
            case .escape, .char("?"), .char("q"), .enter: overlay = nil
            default: break
            }
            return
        case let .palette(palette):
            handlePalette(key, palette, effects: &effects)
            return
        case let .cell(cell):
            handleCellKey(key, cell, effects: &effects)
            return
        case let .export(dialog):
            handleExportKey(key, dialog, effects: &effects)
            return
        case let .replay(replay):
            handleReplayKey(key, replay, effects: &effects)
            return
        case nil:
            break
        }
        if handleScreenKey(key, effects: &effects) { return }
        handleGlobalKey(key, effects: &effects)
    }

    private mutating func handleScreenKey(_ key: Key, effects: inout [Effect]) -> Bool {
        switch screen {
        case .loading: return false
        case .welcome: return handleWelcomeKey(key, effects: &effects)
        case .login: return handleLoginKey(key, effects: &effects)
        case .sources: return handleSourcesKey(key, effects: &effects)
        case .ask: return handleAskKey(key, effects: &effects)
        case .inspector: return handleInspectorKey(key, effects: &effects)
        case .audit: return handleAuditKey(key, effects: &effects)
        }
    }

    private mutating func handleGlobalKey(_ key: Key, effects: inout [Effect]) {
        switch key {
        case .char("?"), .function(1):
            overlay = .help
            helpScroll = 0
        case .char(":"):
            overlay = .palette(PaletteState())
        case .char("q"):
            quit(effects: &effects)
        case let .char(digit) where session != nil && ("1"..."4").contains(digit):
            let index = Int(String(digit))! - 1
            go(to: Screen.tabs[index], effects: &effects)
        default:
            break
        }
    }

    mutating func quit(effects: inout [Effect]) {
        quitRequested = true
        if ask.running { effects.append(.cancel) }
        effects.append(.quit)
    }

    /// Switches screen, loading what the new screen shows when it has not been loaded.
    mutating func go(to target: Screen, effects: inout [Effect]) {
        guard session != nil || target == .login || target == .welcome else { return }
        screen = target
        switch target {
        case .sources:
            if sources.sources.isEmpty, !sources.listLoading {
                sources.listLoading = true
                effects.append(.listSources)
            }
        case .ask:
            ask.focus = .input
        case .inspector:
            inspector.loading = true
            effects.append(.loadRequests)
        default:
            break
        }
    }
}
