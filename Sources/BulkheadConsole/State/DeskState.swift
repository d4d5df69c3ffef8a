import Foundation

/// The whole terminal: one console, or two side by side (the split screen), each a separate
/// session with its own principal and services.
///
/// Both halves live in one process and share the process's service objects, so the split screen
/// is also a standing test that in-process services keep two tenants apart.
public struct DeskState: Sendable {
    /// One console on the desk, with the id its effects and messages are routed by.
    public struct Pane: Sendable {
        /// Stable for the pane's life (a closed pane's id is never reused).
        public var id: Int
        /// The console.
        public var state: ConsoleState
    }

    /// The consoles, left to right (one or two).
    public var panes: [Pane]
    /// The index of the pane with the keyboard.
    public var focus = 0
    /// `^A` was pressed: keys go to both halves until Enter (which asks both) or Esc.
    public var broadcasting = false
    /// Columns of the left half (nil: half the terminal).
    public var divider: Int?
    /// The terminal's size.
    public var size: TerminalSize
    /// The next pane id.
    public var nextID: Int

    /// A desk with one console.
    public init(single state: ConsoleState) {
        panes = [Pane(id: 0, state: state)]
        size = state.size
        nextID = 1
    }

    /// Whether the desk is split.
    public var isSplit: Bool { panes.count > 1 }

    /// Set once a console asked to leave; the driver stops.
    public var quitRequested: Bool { panes.contains { $0.state.quitRequested } }

    /// Whether the driver should send ticks.
    public var wantsTicks: Bool { panes.contains { $0.state.wantsTicks } }

    /// The seconds between ticks the driver should send (the shortest any pane asks for), or nil for none.
    public var tickInterval: Double? { panes.compactMap(\.state.tickInterval).min() }

    /// The focused console.
    public var focused: ConsoleState { panes[min(focus, panes.count - 1)].state }

    /// The smallest width that shows both halves at once (two minimum consoles and the divider).
    public static var sideBySideWidth: Int { TerminalSize.minimum.width * 2 + 1 }

    /// Whether both halves are shown at once (else only the focused one, full width).
    public var sideBySide: Bool { isSplit && size.width >= Self.sideBySideWidth }

    /// The left half's width when side by side.
    public var leftWidth: Int {
        let wanted = divider ?? (size.width - 1) / 2
        return min(max(TerminalSize.minimum.width, wanted), size.width - 1 - TerminalSize.minimum.width)
    }

    /// Each pane's rectangle on the terminal (a hidden pane gets the whole screen, like the shown one).
    public func frame(of index: Int) -> Rect {
        guard sideBySide else { return Rect(x: 0, y: 0, width: size.width, height: size.height) }
        let left = leftWidth
        return index == 0 ? Rect(x: 0, y: 0, width: left, height: size.height)
                          : Rect(x: left + 1, y: 0, width: size.width - left - 1, height: size.height)
    }
}

/// What the desk asks the driver for.
public enum DeskEffect: Equatable, Sendable {
    /// An effect of one console, for its own services.
    case pane(Int, Effect)
    /// Make services and an effect runner for a new pane (before its first effect is submitted).
    case openPane(Int)
    /// Drop a pane's runner and services.
    case closePane(Int)
    /// Put text on the terminal's clipboard (OSC 52).
    case copy(String)
    /// Leave.
    case quit
}

/// Everything the desk reacts to: terminal input and time for all, effect results for one pane.
public enum DeskMessage: Sendable {
    /// A key press.
    case key(Key)
    /// The terminal changed size.
    case resize(TerminalSize)
    /// A click or a wheel turn.
    case mouse(MouseEvent)
    /// Time passed.
    case tick(Date)
    /// The result of an effect of pane `id`.
    case pane(Int, Message)
}
