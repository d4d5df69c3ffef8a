/// A semantic color: what a cell means, not which color it is.
///
/// The view paints with slots so it never depends on the theme or the terminal; the driver maps
/// each slot to a theme color (truecolor, 256 or 16 colors) or, on a mono terminal, to attributes.
public enum ColorSlot: String, CaseIterable, Sendable, Hashable {
    /// The screen's background.
    case background
    /// Ordinary text.
    case text
    /// Secondary text: hints, types, counts.
    case muted
    /// Names and keys that should catch the eye.
    case accent
    /// Unfocused borders and rules.
    case border
    /// The focused pane's border.
    case focus
    /// Pane titles.
    case title
    /// Table headers.
    case header
    /// The selected row's background.
    case selection
    /// The selected row's text.
    case selectionText = "selection_text"
    /// The title and status bars' background.
    case status
    /// The title and status bars' text.
    case statusText = "status_text"
    /// Passed, allowed, saved.
    case success
    /// Running, dropped, matches.
    case warning
    /// Errors and failures.
    case danger
    /// Badges' background (provenance, key caps).
    case badge
    /// Badges' text.
    case badgeText = "badge_text"
    /// Dialogs' background.
    case panel
}

/// How one cell is drawn: foreground and background slots plus attributes.
public struct Style: Hashable, Sendable {
    /// The foreground slot.
    public var fg: ColorSlot
    /// The background slot.
    public var bg: ColorSlot
    /// Bold text (also what the theme's bold flags add).
    public var bold: Bool
    /// Underlined text.
    public var underline: Bool
    /// Reverse video; the mono fallback uses it for selections and bars.
    public var reverse: Bool

    /// Makes a style; everything but the foreground defaults to plain text on the background.
    public init(fg: ColorSlot = .text, bg: ColorSlot = .background, bold: Bool = false,
                underline: Bool = false, reverse: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }

    /// Plain text.
    public static let text = Style()
    /// Secondary text: hints, counts, types.
    public static let muted = Style(fg: .muted)
    /// Highlighted text: names, keys, the active tab.
    public static let accent = Style(fg: .accent, bold: true)
    /// An unfocused border.
    public static let border = Style(fg: .border)
    /// A focused border.
    public static let focusBorder = Style(fg: .focus, bold: true)
    /// A pane title.
    public static let title = Style(fg: .title, bold: true)
    /// A table header.
    public static let header = Style(fg: .header, bold: true, underline: true)
    /// The selected row.
    public static let selection = Style(fg: .selectionText, bg: .selection, bold: true)
    /// The status and title bars.
    public static let status = Style(fg: .statusText, bg: .status)
    /// Good news: passed, allowed, saved.
    public static let success = Style(fg: .success, bold: true)
    /// Something to look at: dropped sections, running.
    public static let warning = Style(fg: .warning, bold: true)
    /// Errors and failures.
    public static let danger = Style(fg: .danger, bold: true)
    /// A small label: provenance, key caps.
    public static let badge = Style(fg: .badgeText, bg: .badge, bold: true)
    /// The inside of a modal.
    public static let panel = Style(fg: .text, bg: .panel)

    /// The same style with another background slot.
    public func on(_ slot: ColorSlot) -> Style {
        var copy = self
        copy.bg = slot
        return copy
    }
}
