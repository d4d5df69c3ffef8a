import Foundation

/// Everything the console shows, as one value. `Console.update` makes the next one from a message;
/// `Console.view` draws one; nothing else changes it.
public struct ConsoleState: Sendable {
    /// The screen shown.
    public var screen: Screen = .loading
    /// The terminal's size (from the last resize message).
    public var size: TerminalSize
    /// The logged-in session, nil before login.
    public var session: ConsoleSession?
    /// The theme in use.
    public var themeName: String
    /// Themes the palette offers.
    public var themeNames: [String]
    /// A confirmation or error shown in the status bar until the next key.
    public var notice: Notice?
    /// A dialog over the screen.
    public var overlay: Overlay?
    /// How far the `?` help is scrolled (on short terminals).
    public var helpScroll = 0
    /// Set once the user asked to leave; the driver stops.
    public var quitRequested = false
    /// Whether the home had no organization at startup.
    public var homeIsEmpty = false
    /// The welcome screen.
    public var welcome = WelcomeState()
    /// The login screen.
    public var login = LoginState()
    /// The sources screen.
    public var sources = SourcesState()
    /// The ask screen.
    public var ask = AskState()
    /// The inspector.
    public var inspector = InspectorState()
    /// The audit screen.
    public var audit = AuditState()
    /// The time of the last tick.
    public var now: Date?
    /// The folder the export dialog suggests (the app's working folder).
    public var exportFolder = "."
    /// This console's place in a split screen (nil when it has the terminal to itself).
    public var split: SplitRole?
    /// Whether the app can open a split screen (`:split`).
    public var canSplit = false
    /// The periodic re-check of the logged-in session.
    public var sessionCheck = SessionCheckState()

    /// Makes the state before startup.
    public init(size: TerminalSize = TerminalSize(width: 100, height: 30), themeName: String = ThemeCatalog.defaultName,
                themeNames: [String] = ThemeCatalog.builtIn.names) {
        self.size = size
        self.themeName = themeName
        self.themeNames = themeNames
    }

    /// Whether the driver should send ticks (something is running and its elapsed time or
    /// spinner is on screen).
    public var wantsTicks: Bool {
        ask.running || ask.search.running || audit.running || welcome.creating || login.busy || screen == .loading
            || overlay.map { if case let .export(dialog) = $0 { return dialog.busy } else { return false } } ?? false
    }

    /// Whether a text field has the keyboard, so letters type rather than act.
    public var isTyping: Bool {
        if case .palette = overlay { return true }
        if case let .export(dialog) = overlay { return dialog.focus == .folder }
        if overlay != nil { return false }
        switch screen {
        case .login: return login.orgs == nil
        case .ask: return ask.focus == .input || ask.search.typing
        case .sources: return sources.filtering
        default: return false
        }
    }
}

/// The welcome screen: create the demo, then show the accounts it made.
public struct WelcomeState: Equatable, Sendable {
    /// The demo is being created.
    public var creating = false
    /// The accounts the demo made (shown once).
    public var accounts: [DemoAccount] = []
    /// The selected account.
    public var cursor = ListCursor()
    /// An error from creating the demo.
    public var error: String?
}

/// The login screen.
public struct LoginState: Equatable, Sendable {
    /// Which field has the keyboard.
    public enum Field: Equatable, Sendable {
        /// The email field.
        case email
        /// The password field.
        case password
    }
    /// The email field.
    public var email = TextInput()
    /// The password field (masked).
    public var password = TextInput(masked: true)
    /// The focused field.
    public var focus: Field = .email
    /// A login is in flight.
    public var busy = false
    /// The last error, as Auth gave it (lockout included).
    public var error: String?
    /// The orgs to pick from, when the user has several.
    public var orgs: [String]?
    /// The selected org in the picker.
    public var orgCursor = ListCursor()
}

/// The `:` palette.
public struct PaletteState: Equatable, Sendable {
    /// What is typed.
    public var input = TextInput()
    /// The selected command among those that match.
    public var cursor = ListCursor()
}

/// A console's place in the split screen: which half, and whether it has the keyboard.
public struct SplitRole: Equatable, Sendable {
    /// Which half.
    public enum Side: Equatable, Sendable {
        /// The left half.
        case left
        /// The right half.
        case right
    }
    /// The half.
    public var side: Side
    /// Whether this half has the keyboard.
    public var active: Bool

    /// Makes a role.
    public init(side: Side, active: Bool) {
        self.side = side
        self.active = active
    }
}
