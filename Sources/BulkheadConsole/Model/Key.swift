/// A key press, decoded by the driver from whatever the terminal sent.
public enum Key: Hashable, Sendable {
    /// A printable character (including space).
    case char(Character)
    /// Control plus a letter, e.g. `.ctrl("c")`; Tab, Enter and Backspace have their own cases.
    case ctrl(Character)
    /// Enter / Return.
    case enter
    /// Escape: backs out of the current mode.
    case escape
    /// Tab: next pane or field.
    case tab
    /// Shift+Tab: previous pane or field.
    case backTab
    /// Backspace: delete before the cursor.
    case backspace
    /// Delete: delete under the cursor.
    case delete
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Page up.
    case pageUp
    /// Page down.
    case pageDown
    /// Home.
    case home
    /// End.
    case end
    /// A function key F1...F12.
    case function(Int)
}

/// A mouse event the terminal reported, in cell coordinates.
public struct MouseEvent: Equatable, Sendable {
    /// What happened.
    public enum Kind: Equatable, Sendable {
        /// A click (press) of the left button.
        case click
        /// The wheel turned up (scroll back).
        case wheelUp
        /// The wheel turned down (scroll on).
        case wheelDown
    }

    /// Column.
    public var x: Int
    /// Row.
    public var y: Int
    /// What happened.
    public var kind: Kind

    /// Makes an event.
    public init(x: Int, y: Int, kind: Kind) {
        self.x = x
        self.y = y
        self.kind = kind
    }
}
