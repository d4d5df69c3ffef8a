/// The bottom line: who is logged in, into which org, the theme, and the keys that work here.
///
/// Hints are dropped from the end when the terminal is narrow, so the identity on the left and
/// the theme on the right stay readable at 40 columns.
public enum StatusBar {
    /// One key hint, e.g. `("⏎", "run")`.
    public struct Hint: Equatable, Sendable {
        /// The key as shown.
        public var key: String
        /// What it does.
        public var label: String

        /// Makes a hint.
        public init(_ key: String, _ label: String) {
            self.key = key
            self.label = label
        }
    }

    /// Draws the bar on row `y`. A `notice` (an error or a confirmation) replaces the hints, and
    /// the model and theme too when it needs their room. The org's `model`, when known, stands
    /// beside the theme.
    public static func render(into grid: inout CellGrid, y: Int, identity: String, theme: String, hints: [Hint],
                              notice: (text: String, isError: Bool)?, model: String = "") {
        let bar = Style.status
        grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: bar)
        var x = 0
        if !identity.isEmpty {
            let label = " " + DisplayWidth.truncate(identity, to: max(8, grid.width / 3)) + " "
            x += grid.put(label, x: 0, y: y, style: .badge)
        }
        let themeLabel = (model.isEmpty ? "" : " ⚙ " + DisplayWidth.truncate(model, to: 28)) + " ◐ " + theme + " "
        let themeWidth = DisplayWidth.of(themeLabel)
        let right = grid.width - themeWidth
        let noticeText = notice.map { ($0.isError ? "✗ " : "✓ ") + $0.text }
        // A notice matters more than the model and theme: it takes their room when it needs it.
        let noticeFits = noticeText.map { x + 1 + DisplayWidth.of($0) < right } ?? true
        let showTheme = grid.width - x > themeWidth + 12 && noticeFits
        if showTheme {
            grid.put(themeLabel, x: right, y: y, style: Style(fg: .muted, bg: .status))
        }
        let limit = (showTheme ? right : grid.width) - 1
        x += 1
        if let notice, let noticeText {
            let style = Style(fg: notice.isError ? .danger : .success, bg: .status, bold: true)
            grid.put(noticeText, x: x, y: y, style: style, maxWidth: max(0, limit - x))
            return
        }
        for hint in hints {
            let w = DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.label)
            if x + w > limit { break }
            x += grid.put(hint.key, x: x, y: y, style: Style(fg: .accent, bg: .status, bold: true))
            x += grid.put(" " + hint.label, x: x, y: y, style: bar)
            x += 2
        }
    }
}
