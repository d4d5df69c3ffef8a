import BulkheadConsole
import Foundation

/// How the console starts: the theme, colors, mouse, and where theme files are.
public struct ConsoleOptions: Sendable {
    /// The theme to use (`--theme`, else the remembered one); nil or unknown means the default.
    public var themeName: String?
    /// Draw with attributes only (set when `NO_COLOR` is present and not empty).
    public var noColor: Bool
    /// Ask the terminal for mouse clicks and the wheel.
    public var mouse: Bool
    /// Folders searched for `*.toml` themes; nil means `ThemeCatalog.searchDirectories()`.
    public var themeDirectories: [URL]?
    /// Makes the services of a new, logged-out session for `:split`; nil means no split screen.
    public var makeSession: (@Sendable () -> any ConsoleServices)?

    /// Makes options; `noColor` defaults to the `NO_COLOR` convention (https://no-color.org).
    public init(themeName: String? = nil,
                noColor: Bool = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty,
                mouse: Bool = true, themeDirectories: [URL]? = nil,
                makeSession: (@Sendable () -> any ConsoleServices)? = nil) {
        self.themeName = themeName
        self.noColor = noColor
        self.mouse = mouse
        self.themeDirectories = themeDirectories
        self.makeSession = makeSession
    }
}
