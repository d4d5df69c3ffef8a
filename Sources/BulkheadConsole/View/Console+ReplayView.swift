/// The audit's attack replay (a dialog over the pattern list) and the presenter's tour (the whole screen).
extension Console {
    static func drawReplay(_ state: ConsoleState, _ replay: ReplayState, into grid: inout CellGrid) {
        guard let report = state.audit.report, replay.index < report.patterns.count else { return }
        let pattern = report.patterns[replay.index]
        let width = min(84, grid.width - 2)
        let lines = replayLines(pattern, width: width - 4, background: .panel)
        let frame = Modal.frame(in: Layout.content(state.size), width: width, height: lines.count + 3)
        let inner = Modal.draw(into: &grid, frame: frame, title: "Replay · " + pattern.id,
                               footer: "\(replay.index + 1)/\(report.patterns.count) · ←→ pattern · esc")
        StyledLine.renderPane(lines, into: &grid, rect: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height),
                              scroll: replay.scroll)
    }

    /// What a pattern's replay says, line by line: attacker, target, exact input, the layer that
    /// stopped it, the refusal (beside a missing resource's), and the canary it protected.
    static func replayLines(_ pattern: AuditPattern, width: Int, background: ColorSlot = .background) -> [StyledLine] {
        func on(_ style: Style) -> Style { style.on(background) }
        let labelWidth = 12
        var lines: [StyledLine] = []
        let verdict = pattern.passed ? " HELD " : " FAILED "
        lines.append(StyledLine([(pattern.name + "  ", on(.title)),
                                 (verdict, pattern.passed ? Style(fg: .badgeText, bg: .success, bold: true)
                                                          : Style(fg: .badgeText, bg: .danger, bold: true))]))
        lines.append(StyledLine([("layer " + pattern.layer, on(.muted))]))
        lines.append(StyledLine("", on(.text)))
        func field(_ label: String, _ value: String, _ style: Style) {
            let wrapped = TextWrap.wrap(value, width: max(8, width - labelWidth))
            for (index, piece) in wrapped.enumerated() {
                lines.append(StyledLine([(DisplayWidth.pad(index == 0 ? label : "", to: labelWidth), on(.muted)), (piece, on(style))]))
            }
        }
        let evidence = pattern.evidence
        if let evidence {
            field("Attacker", evidence.attacker, .accent)
            field("Target", evidence.target, .text)
        }
        if !pattern.tried.isEmpty { field("Tries to", pattern.tried, .text) }
        if let evidence {
            field("Input", evidence.input, Style(fg: .warning))
            field("Stopped by", evidence.stoppedBy, .success)
            if evidence.refusal.isEmpty {
                field("Answer", "its own data only (nothing of the target in what came back)", .text)
            } else {
                field("Refusal", "“" + evidence.refusal + "”", .text)
            }
            if let missing = evidence.missingRefusal {
                field("Missing", "“" + missing + "”", .muted)
                let same = evidence.likeMissing ?? false
                field("", same ? "✓ identical to “not found” for something that never existed" : "✗ differs from “not found”",
                      same ? .success : .danger)
            }
            field("Protected", evidence.canary, Style(fg: .danger, bold: true))
            field("", pattern.passed ? "never reached the attacker" : "see why below", .muted)
        }
        if !pattern.passed, !pattern.detail.isEmpty {
            lines.append(StyledLine("", on(.text)))
            field("Why", pattern.detail, .danger)
        }
        return lines
    }

    /// The tour: the stop's heading and paragraph, then the replay of its pattern.
    static func drawTour(_ state: ConsoleState, stop index: Int, into grid: inout CellGrid) {
        guard let report = state.audit.report, index < report.tour.count else { return }
        let stop = report.tour[index]
        let area = Layout.content(state.size)
        grid.box(area, style: .focusBorder, title: "Tour \(index + 1)/\(report.tour.count) · " + stop.title)
        grid.boxFooter(area, text: "← → step · esc end the tour")
        let inner = area.inset()
        let width = inner.width - 2
        var lines = TextWrap.wrap(stop.paragraph, width: width).map { StyledLine($0, .text) }
        lines.append(StyledLine())
        if let patternIndex = report.patternIndex(for: stop) {
            let pattern = report.patterns[patternIndex]
            lines.append(StyledLine([(" " + pattern.id + " ", .badge), ("  replay", .muted)]))
            lines += replayLines(pattern, width: width)
        } else {
            lines.append(StyledLine("pattern \(stop.patternID) is not in this run", .danger))
        }
        StyledLine.renderPane(lines, into: &grid, rect: Rect(x: inner.x + 1, y: inner.y, width: width, height: inner.height),
                              scroll: state.audit.scroll)
    }
}
