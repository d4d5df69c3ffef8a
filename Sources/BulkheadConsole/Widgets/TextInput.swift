/// A one-line text field with a cursor, readline-style keys and a history.
///
/// Left/Right, Home/End (Ctrl+A/E), Backspace/Delete, Ctrl+U (clear), Ctrl+W (delete a word);
/// Up/Down walk the history when `usesHistory` is on, keeping the unfinished draft. In masked mode
/// (passwords) the text is drawn as bullets and never enters the history.
public struct TextInput: Equatable, Sendable {
    /// The text, as graphemes so the cursor moves by what the user sees.
    public private(set) var characters: [Character] = []
    /// The cursor position, 0...characters.count.
    public private(set) var cursor = 0
    /// Draw bullets instead of the text.
    public var masked: Bool
    /// Whether Up/Down walk the history.
    public var usesHistory: Bool
    /// Earlier entries, oldest first.
    public private(set) var history: [String] = []
    private var historyIndex: Int?
    private var draft: [Character] = []

    /// Makes an empty field.
    public init(text: String = "", masked: Bool = false, usesHistory: Bool = false) {
        self.masked = masked
        self.usesHistory = usesHistory
        set(text)
    }

    /// The text.
    public var text: String { String(characters) }

    /// Replaces the text and puts the cursor at its end.
    public mutating func set(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    /// Handles a key; returns false when the key is not an editing key (the caller may use it).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case let .char(character):
            characters.insert(character, at: cursor)
            cursor += 1
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left, .ctrl("b"):
            cursor = max(0, cursor - 1)
        case .right, .ctrl("f"):
            cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"):
            cursor = 0
        case .end, .ctrl("e"):
            cursor = characters.count
        case .ctrl("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .ctrl("k"):
            characters.removeLast(characters.count - cursor)
        case .ctrl("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .up where usesHistory:
            guard !history.isEmpty else { return true }
            if historyIndex == nil {
                draft = characters
                historyIndex = history.count - 1
            } else if let index = historyIndex, index > 0 {
                historyIndex = index - 1
            }
            characters = Array(history[historyIndex ?? 0])
            cursor = characters.count
        case .down where usesHistory:
            guard let index = historyIndex else { return true }
            if index + 1 < history.count {
                historyIndex = index + 1
                characters = Array(history[index + 1])
            } else {
                historyIndex = nil
                characters = draft
            }
            cursor = characters.count
        default:
            return false
        }
        return true
    }

    /// Takes the text out of the field, recording it in the history (unless masked or blank).
    public mutating func commit() -> String {
        let value = text
        if !masked, !value.trimmingSpaces().isEmpty, history.last != value { history.append(value) }
        characters = []
        cursor = 0
        historyIndex = nil
        draft = []
        return value
    }

    /// Empties the field without touching the history.
    public mutating func clear() {
        characters = []
        cursor = 0
        historyIndex = nil
    }

    /// Draws the field in `width` columns at (`x`, `y`), scrolled so the cursor stays visible;
    /// the cursor is a reverse-video cell when `focused`. `placeholder` shows when empty.
    public func render(into grid: inout CellGrid, x: Int, y: Int, width: Int, style: Style = .text,
                       focused: Bool, placeholder: String = "") {
        guard width > 0 else { return }
        grid.fill(Rect(x: x, y: y, width: width, height: 1), style: style)
        let shown: [Character] = masked ? Array(repeating: "•", count: characters.count) : characters
        if shown.isEmpty, !placeholder.isEmpty {
            grid.put(placeholder, x: x + (focused ? 1 : 0), y: y, style: Style(fg: .muted, bg: style.bg), maxWidth: width - 1)
        }
        // Scroll so the cursor cell fits: find the first character shown.
        var start = 0
        var columns = 0
        for index in stride(from: cursor - 1, through: 0, by: -1) {
            columns += DisplayWidth.of(shown[index])
            if columns > width - 1 { start = index + 1; break }
        }
        var column = x
        for index in start..<shown.count {
            let w = DisplayWidth.of(shown[index])
            if column + w > x + width { break }
            var cellStyle = style
            if focused, index == cursor { cellStyle.reverse = true }
            grid.put(String(shown[index]), x: column, y: y, style: cellStyle)
            column += w
        }
        if focused, cursor == shown.count, column < x + width {
            var cellStyle = style
            cellStyle.reverse = true
            grid.put(" ", x: column, y: y, style: cellStyle)
        }
    }
}
