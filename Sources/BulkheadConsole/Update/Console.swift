import Foundation

/// The console's pure core: `start`, `update` and `view`.
///
/// `update(state, message)` returns the next state and the effects to run; it never performs I/O.
/// `view(state, size)` returns the frame to draw. The drivers (ncurses, headless) own the loop.
public enum Console {
    /// The state before the first frame, and the effect that loads the startup facts.
    public static func start(size: TerminalSize, themeName: String, themeNames: [String]) -> (ConsoleState, [Effect]) {
        let state = ConsoleState(size: size, themeName: themeName, themeNames: themeNames)
        return (state, [.loadStartup])
    }

    /// The next state after `message`, and the effects to perform.
    public static func update(_ state: ConsoleState, _ message: Message) -> (ConsoleState, [Effect]) {
        var next = state
        var effects: [Effect] = []
        next.apply(message, effects: &effects)
        return (next, effects)
    }
}

extension ConsoleState {
    mutating func apply(_ message: Message, effects: inout [Effect]) {
        switch message {
        case let .key(key):
            handleKey(key, effects: &effects)
        case let .resize(size):
            self.size = size
            refreshScroll()
        case let .mouse(event):
            handleMouse(event, effects: &effects)
        case let .tick(date):
            now = date
            if ask.running, ask.startedAt == nil { ask.startedAt = date }
            scheduleSessionCheck(at: date, effects: &effects)
        case let .started(startup):
            homeIsEmpty = startup.homeIsEmpty
            if let folder = startup.exportFolder { exportFolder = folder }
            if let session = startup.session {
                enterSession(session, effects: &effects)
            } else {
                screen = startup.homeIsEmpty ? .welcome : .login
            }
        case let .demoCreated(accounts):
            welcome.creating = false
            welcome.accounts = accounts
            welcome.error = nil
            homeIsEmpty = false
            notice = Notice("demo workspace created: \(accounts.count) accounts", isError: false)
        case let .loggedIn(session):
            login.busy = false
            login.error = nil
            login.password.clear()
            login.orgs = nil
            enterSession(session, effects: &effects)
        case let .chooseOrg(orgs):
            login.busy = false
            login.orgs = orgs
            login.orgCursor = ListCursor()
        case .loggedOut:
            let theme = themeName, names = themeNames, size = self.size, empty = homeIsEmpty
            let folder = exportFolder, split = self.split, canSplit = self.canSplit
            self = ConsoleState(size: size, themeName: theme, themeNames: names)
            homeIsEmpty = empty
            exportFolder = folder
            self.split = split
            self.canSplit = canSplit
            screen = .login
            notice = Notice("logged out", isError: false)
        case let .sourcesLoaded(list):
            receiveSources(list, effects: &effects)
        case let .sourceLoaded(detail):
            receiveSource(detail, effects: &effects)
        case let .answered(outcome):
            receiveAnswer(outcome, effects: &effects)
        case let .rowsLoaded(requestID, order, offset, rows):
            receiveRows(requestID: requestID, order: order, offset: offset, rows: rows)
        case let .searchFinished(requestID, text, index):
            receiveSearch(requestID: requestID, text: text, index: index, effects: &effects)
        case let .exported(receipt):
            if case .export = overlay { overlay = nil }
            notice = Notice("wrote \(Format.count(receipt.rows)) rows to \(receipt.path)", isError: false)
        case let .tableRowsLoaded(source, table, offset, rows):
            receivePreviewRows(source: source, table: table, offset: offset, rows: rows)
        case let .feedbackSaved(requestID, good):
            if ask.outcome?.requestID == requestID { ask.feedback = good }
            notice = Notice(good ? "marked good: it becomes an example for your org" : "marked bad", isError: false)
        case let .requestsLoaded(list):
            receiveRequests(list, effects: &effects)
        case let .requestLoaded(detail):
            inspector.details[detail.id] = detail
        case let .auditProgress(progress):
            audit.progress = progress
        case let .auditFinished(report):
            audit.running = false
            audit.report = report
            audit.progress = AuditProgress(completed: report.patterns.count, total: report.patterns.count, current: "")
            let failed = report.patterns.filter { !$0.passed }.count
            notice = Notice(failed == 0 ? "audit passed: \(report.patterns.count) patterns held"
                                        : "audit: \(failed) of \(report.patterns.count) patterns FAILED", isError: failed > 0)
        case let .themeSaved(name):
            notice = Notice("theme \(name) saved", isError: false)
        case let .modelChanged(model):
            session?.model = model
            notice = Notice("model: \(model)", isError: false)
        case let .exampleReviewed(id, approved):
            session?.pendingExamples.removeAll { $0.id == id }
            notice = Notice(approved ? "example \(id) approved" : "example \(id) rejected", isError: false)
        case let .sessionChecked(check):
            receiveSessionCheck(check)
        case let .announcement(text):
            notice = Notice(text, isError: true)
        case let .failed(kind, text):
            receiveFailure(kind, text)
        }
    }

    mutating func enterSession(_ session: ConsoleSession, effects: inout [Effect]) {
        self.session = session
        screen = .sources
        sources.listLoading = true
        effects.append(.listSources)
    }

    mutating func receiveFailure(_ kind: EffectKind, _ text: String) {
        switch kind {
        case .startup:
            screen = .login
            notice = Notice(text, isError: true)
        case .demo:
            welcome.creating = false
            welcome.error = text
        case .login:
            login.busy = false
            login.error = text
            login.password.clear()
            login.focus = .password
        case .ask:
            ask.running = false
            ask.error = text
            ask.elapsed = elapsedSeconds
        case .rows:
            ask.pending.removeAll()
            notice = Notice(text, isError: true)
        case .search:
            ask.search.running = false
            notice = Notice(text, isError: true)
        case .export:
            if case var .export(dialog) = overlay {
                dialog.busy = false
                dialog.error = text
                overlay = .export(dialog)
            } else {
                notice = Notice(text, isError: true)
            }
        case .tableRows:
            sources.previewPending.removeAll()
            notice = Notice(text, isError: true)
        case .audit:
            audit.running = false
            audit.error = text
        case .sources:
            sources.listLoading = false
            notice = Notice(text, isError: true)
        case .source:
            sources.loading.removeAll()
            notice = Notice(text, isError: true)
        case .requests:
            inspector.loading = false
            notice = Notice(text, isError: true)
        case .session:
            sessionCheck.running = false
        case .logout, .feedback, .request, .theme, .model:
            notice = Notice(text, isError: true)
        }
    }

    /// Seconds since the running ask started, from ticks.
    var elapsedSeconds: Double? {
        guard let start = ask.startedAt, let now else { return nil }
        return max(0, now.timeIntervalSince(start))
    }

    /// After a resize, keeps every selection inside its (new) visible window.
    mutating func refreshScroll() {
        let treeRows = Layout.listRows(Layout.sources(size, focus: sources.focus, filtering: sources.filtering).tree)
        sources.cursor.scrollToSelection(count: sources.rows.count, visible: treeRows)
        if let outcome = ask.outcome {
            ask.cursor.scrollToSelection(count: outcome.rowCount, visible: TableView.visibleRows(in: Layout.resultsTable(size)))
        }
        let listRows = Layout.listRows(Layout.inspector(size, focus: .list).list)
        inspector.cursor.scrollToSelection(count: inspector.requests.count, visible: listRows)
    }
}
