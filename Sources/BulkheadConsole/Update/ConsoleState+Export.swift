import BulkheadCore

/// The export dialog: pick a format, type a folder, Enter writes the whole result there.
extension ConsoleState {
    mutating func handleExportKey(_ key: Key, _ dialog: ExportDialogState, effects: inout [Effect]) {
        var dialog = dialog
        if dialog.busy {
            overlay = .export(dialog)
            return
        }
        let formats = ResultFormat.exportable
        switch key {
        case .escape:
            overlay = nil
            return
        case .tab, .backTab:
            dialog.focus = dialog.focus == .format ? .folder : .format
        case .enter:
            guard let outcome = ask.outcome else { overlay = nil; return }
            let folder = dialog.folder.text.trimmingSpaces()
            guard !folder.isEmpty else {
                dialog.error = "type the folder to write to"
                dialog.focus = .folder
                break
            }
            dialog.busy = true
            dialog.error = nil
            effects.append(.export(requestID: outcome.requestID, order: ask.order, format: formats[dialog.format], folder: folder))
        case .up where dialog.focus == .format, .char("k") where dialog.focus == .format:
            dialog.format = (dialog.format + formats.count - 1) % formats.count
        case .down where dialog.focus == .format, .char("j") where dialog.focus == .format:
            dialog.format = (dialog.format + 1) % formats.count
        case let .char(character) where dialog.focus == .format:
            if let index = formats.firstIndex(where: { $0.title.lowercased().first == Character(character.lowercased()) }) {
                dialog.format = index
            }
        default:
            if dialog.focus == .folder { dialog.folder.handle(key) }
        }
        overlay = .export(dialog)
    }
}
