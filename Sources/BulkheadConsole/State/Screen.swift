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
}
