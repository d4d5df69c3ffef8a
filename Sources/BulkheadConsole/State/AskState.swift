import BulkheadCore
import Foundation

/// The ask screen: the question field, the running state, and the answer with its rows.
public struct AskState: Equatable, Sendable {
    /// Which pane has the keyboard.
    public enum Pane: Equatable, Sendable {
        /// The question field.
        case input
        /// The results table.
        case results
    }
    /// Rows asked for in one page.
    public static let pageSize = 100
    /// The question field, with history.
    public var input = TextInput(usesHistory: true)
    /// The focused pane.
    public var focus: Pane = .input
    /// A question is running.
    public var running = false
    /// When it started (the first tick after it was sent).
    public var startedAt: Date?
    /// The question that ran or runs.
    public var question: String?
    /// The source asked (nil lets the assistant choose).
    public var source: String?
    /// The answer.
    public var outcome: AskOutcome?
    /// Loaded rows by index; a big result only ever holds the pages near what is shown.
    public var rows: [Int: [DisplayValue]] = [:]
    /// Offsets of pages asked for and not yet arrived.
    public var pending: Set<Int> = []
    /// Column widths, from the header and the first page (adjustable with `+`, `-`, `=`).
    public var widths: [Int] = []
    /// Column layouts (alignment, decimals), from the first page.
    public var layouts: [ValueFormatter.Column] = []
    /// Selection and vertical scroll of the results.
    public var cursor = ListCursor()
    /// First column shown.
    public var leftColumn = 0
    /// The selected column (sort, copy, cell view and widths act on it).
    public var column = 0
    /// The sort of the rows shown (nil: the statement's own order).
    public var order: ResultOrder?
    /// The search inside the result.
    public var search = ResultSearch()
    /// Whether the chart is shown instead of the table.
    public var chart = false
    /// The last error (cancelled included).
    public var error: String?
    /// Feedback given on this answer.
    public var feedback: Bool?
    /// Seconds the last answer took (from ticks).
    public var elapsed: Double?
}

/// The `/` search inside a result: the field, the text searched, and whether a search runs.
public struct ResultSearch: Equatable, Sendable {
    /// The field.
    public var input = TextInput()
    /// The field has the keyboard.
    public var typing = false
    /// The text last searched (what `n` and `N` look for).
    public var text = ""
    /// A search is running in the services.
    public var running = false
}

/// The inspector: this session's requests and one request's context.
public struct InspectorState: Equatable, Sendable {
    /// Which pane has the keyboard.
    public enum Pane: Equatable, Sendable {
        /// The request list.
        case list
        /// The selected request's context.
        case detail
    }
    /// What the detail pane shows.
    public enum Tab: Int, CaseIterable, Equatable, Sendable {
        /// Sections with provenance, tokens, budget, cost, timings, verdict.
        case sections
        /// The exact request body.
        case body
        /// The body against the previous request's.
        case diff
        /// The tab title.
        public var title: String {
            switch self {
            case .sections: return "Sections"
            case .body: return "Request body"
            case .diff: return "Diff vs previous"
            }
        }
    }
    /// The requests, newest first.
    public var requests: [RequestSummary] = []
    /// The list's selection.
    public var cursor = ListCursor()
    /// Loaded details by id.
    public var details: [String: RequestDetail] = [:]
    /// The focused pane.
    public var focus: Pane = .list
    /// The detail's tab.
    public var tab: Tab = .sections
    /// The detail's scroll offset (lines).
    public var scroll = 0
    /// The list is loading.
    public var loading = false

    /// The selected request's id.
    public var selectedID: String? {
        cursor.selected < requests.count ? requests[cursor.selected].id : nil
    }

    /// The request before the selected one (the next in the newest-first list).
    public var previousID: String? {
        cursor.selected + 1 < requests.count ? requests[cursor.selected + 1].id : nil
    }
}

/// The audit screen.
public struct AuditState: Equatable, Sendable {
    /// The audit is running.
    public var running = false
    /// Its progress.
    public var progress: AuditProgress?
    /// Its report.
    public var report: AuditReport?
    /// The selected pattern.
    public var cursor = ListCursor()
    /// The last error.
    public var error: String?
    /// The tour stop shown, when the presenter's tour is on.
    public var tourStop: Int?
    /// How far the replay or tour text is scrolled.
    public var scroll = 0
}
