import BulkheadCore

/// The cell view and the export dialog.
extension Console {
    static func drawCell(_ state: ConsoleState, _ cell: CellViewState, into grid: inout CellGrid) {
        let width = min(72, grid.width - 4)
        let lines = TextWrap.wrap(cell.text, width: max(8, width - 4))
        let frame = Modal.frame(in: grid.bounds, width: width, height: lines.count + 4)
        let overflow = lines.count > frame.height - 2
        let inner = Modal.draw(into: &grid, frame: frame, title: cell.title, footer: overflow ? "j/k more · y copy · esc" : "y copy · esc")
        StyledLine.renderPane(lines.map { StyledLine($0, Style.text.on(.panel)) }, into: &grid,
                              rect: Rect(x: inner.x + 1, y: inner.y + (overflow ? 0 : 1), width: inner.width - 2,
                                         height: inner.height - (overflow ? 0 : 1)),
                              scroll: cell.scroll)
    }

    static func drawExport(_ state: ConsoleState, _ dialog: ExportDialogState, into grid: inout CellGrid) {
        let formats = ResultFormat.exportable
        let compact = grid.height < 20
        let frame = Modal.frame(in: grid.bounds, width: 64, height: compact ? formats.count + 6 : formats.count + 10)
        let rows = state.ask.outcome.map { Format.count($0.rowCount) } ?? "0"
        let inner = Modal.draw(into: &grid, frame: frame, title: "Export \(rows) rows",
                               footer: dialog.busy ? "writing…" : "tab field · ⏎ write · esc")
        let panel = Style.text.on(.panel)
        var y = inner.y + (compact ? 0 : 1)
        if !compact {
            grid.put("Format", x: inner.x + 2, y: y, style: (dialog.focus == .format ? Style.accent : Style.muted).on(.panel))
            y += 1
        }
        for (index, format) in formats.enumerated() {
            let selected = index == dialog.format
            let mark = selected ? "◉ " : "○ "
            let style: Style = selected ? (dialog.focus == .format ? .selection : Style.accent.on(.panel)) : panel
            grid.put(DisplayWidth.pad(mark + format.title + "  (." + format.fileExtension + ")", to: inner.width - 4), x: inner.x + 2, y: y, style: style)
            y += 1
        }
        y += 1
        grid.put("Folder", x: inner.x + 2, y: y, style: (dialog.focus == .folder ? Style.accent : Style.muted).on(.panel))
        dialog.folder.render(into: &grid, x: inner.x + 10, y: y, width: inner.width - 12, style: Style(fg: .text, bg: .background),
                             focused: dialog.focus == .folder, placeholder: "a folder you can write to")
        y += compact ? 1 : 2
        if dialog.busy {
            grid.put(spinner(state) + " writing every row…", x: inner.x + 2, y: y, style: Style.warning.on(.panel))
        } else if let error = dialog.error {
            grid.put("✗ " + error, x: inner.x + 2, y: y, style: Style.danger.on(.panel), maxWidth: inner.width - 4)
        } else if !compact {
            let order = state.ask.order.flatMap { order in state.ask.outcome.map { $0.columns[order.column] } }
            let note = "a new file named after the request" + (order.map { ", sorted by " + $0 } ?? "")
            grid.put(note, x: inner.x + 2, y: y, style: Style.muted.on(.panel), maxWidth: inner.width - 4)
        }
    }
}
