/// The console's screens.
public enum Screen: String, CaseIterable, Sendable {
    /// Before the startup facts arrive.
    case loading
    /// An empty home: offer the demo.
    case welcome
    /// Email and password.
    case login
    /// Source → table → column tree with sample rows.
    case sources
    /// Question, SQL, summary, results.
    case ask
    /// This session's requests and their prompt context.
    case inspector
    /// The isolation audit.
    case audit

    /// The screens reachable from the tab bar once logged in, in tab order.
    public static let tabs: [Screen] = [.sources, .ask, .inspector, .audit]

    /// The tab title.
    public var title: String {
        switch self {
        case .loading: return "Loading"
        case .welcome: return "Welcome"
        case .login: return "Login"
        case .sources: return "Sources"
        case .ask: return "Ask"
        case .inspector: return "Inspector"
        case .audit: return "Audit"
        }
    }

    /// A short tab title for narrow terminals.
    public var shortTitle: String {
        switch self {
        case .inspector: return "Insp"
        case .sources: return "Src"
        default: return title
        }
    }
}

/// A line shown in the status bar until the next key: a confirmation or an error.
public struct Notice: Equatable, Sendable {
    /// The sentence.
    public var text: String
    /// Drawn as an error.
    public var isError: Bool

    /// Makes a notice.
    public init(_ text: String, isError: Bool) {
        self.text = text
        self.isError = isError
    }
}

/// A dialog over the screen.
public enum Overlay: Equatable, Sendable {
    /// The keys that work here.
    case help
    /// The `:` command palette.
    case palette(PaletteState)
    /// One cell's whole value.
    case cell(CellViewState)
    /// Export a result to a file.
    case export(ExportDialogState)
    /// One audit pattern's replay.
    case replay(ReplayState)
}

/// The whole value of one result cell, wrapped and scrollable.
public struct CellViewState: Equatable, Sendable {
    /// `column · row N`.
    public var title: String
    /// The value as the formatter shows it.
    public var text: String
    /// The value exactly as stored (what `y` copies).
    public var exact: String
    /// Lines scrolled.
    public var scroll = 0

    /// Makes a cell view.
    public init(title: String, text: String, exact: String) {
        self.title = title
        self.text = text
        self.exact = exact
    }
}

/// The export dialog: a format and the folder the file goes to.
public struct ExportDialogState: Equatable, Sendable {
    /// Which field has the keyboard.
    public enum Field: Equatable, Sendable {
        /// The format list.
        case format
        /// The folder field.
        case folder
    }
    /// The chosen format's index in `ResultFormat.exportable`.
    public var format = 0
    /// The folder the file is written to.
    public var folder: TextInput
    /// The focused field.
    public var focus: Field = .format
    /// The export is being written.
    public var busy = false
    /// The last error.
    public var error: String?

    /// Makes the dialog with a suggested folder.
    public init(folder: String) {
        self.folder = TextInput(text: folder)
    }
}

/// The replay of one audit pattern.
public struct ReplayState: Equatable, Sendable {
    /// The pattern's index in the report.
    public var index: Int
    /// Lines scrolled.
    public var scroll = 0

    /// Makes a replay.
    public init(index: Int) {
        self.index = index
    }
}
