/// The audit screen: run the suite, open a pattern's replay, step through the presenter's tour.
extension ConsoleState {
    var auditListRows: Int { Layout.listRows(Layout.audit(size, layers: audit.report?.layers.count ?? 4).list) }

    mutating func handleAuditKey(_ key: Key, effects: inout [Effect]) -> Bool {
        if let stop = audit.tourStop { return handleTourKey(key, stop: stop) }
        switch key {
        case .char("r"):
            startAudit(effects: &effects)
            return true
        case .enter:
            guard let report = audit.report, !report.patterns.isEmpty else {
                startAudit(effects: &effects)
                return true
            }
            overlay = .replay(ReplayState(index: min(audit.cursor.selected, report.patterns.count - 1)))
            return true
        case .char("t"):
            guard let report = audit.report, !report.tour.isEmpty else {
                notice = Notice("run the audit first (r): the tour shows its results", isError: true)
                return true
            }
            audit.tourStop = 0
            audit.scroll = 0
            return true
        default:
            let count = audit.report?.patterns.count ?? 0
            return audit.cursor.handle(key, count: count, visible: auditListRows)
        }
    }

    private mutating func startAudit(effects: inout [Effect]) {
        guard !audit.running else { return }
        audit.running = true
        audit.report = nil
        audit.error = nil
        audit.progress = nil
        audit.tourStop = nil
        audit.cursor = ListCursor()
        effects.append(.runAudit)
    }

    private mutating func handleTourKey(_ key: Key, stop: Int) -> Bool {
        let count = audit.report?.tour.count ?? 0
        switch key {
        case .right, .char("l"), .char("n"), .char(" "), .enter:
            if stop + 1 < count { audit.tourStop = stop + 1; audit.scroll = 0 }
        case .left, .char("h"), .char("p"), .backspace:
            if stop > 0 { audit.tourStop = stop - 1; audit.scroll = 0 }
        case .down, .char("j"): audit.scroll += 1
        case .up, .char("k"): audit.scroll = max(0, audit.scroll - 1)
        case .escape, .char("t"):
            audit.tourStop = nil
            audit.scroll = 0
        case .home: audit.tourStop = 0
        case .end: audit.tourStop = max(0, count - 1)
        default:
            return false
        }
        if let report = audit.report, let current = audit.tourStop, current < report.tour.count,
           let index = report.patternIndex(for: report.tour[current]) {
            audit.cursor.select(index, count: report.patterns.count, visible: auditListRows)
        }
        return true
    }

    mutating func handleReplayKey(_ key: Key, _ replay: ReplayState, effects: inout [Effect]) {
        var replay = replay
        let count = audit.report?.patterns.count ?? 0
        switch key {
        case .escape, .char("q"), .enter:
            overlay = nil
            return
        case .down, .char("j"): replay.scroll += 1
        case .up, .char("k"): replay.scroll = max(0, replay.scroll - 1)
        case .right, .char("l"), .char("n"):
            replay = ReplayState(index: min(count - 1, replay.index + 1))
        case .left, .char("h"), .char("p"):
            replay = ReplayState(index: max(0, replay.index - 1))
        default:
            break
        }
        audit.cursor.select(replay.index, count: count, visible: auditListRows)
        overlay = .replay(replay)
    }
}
