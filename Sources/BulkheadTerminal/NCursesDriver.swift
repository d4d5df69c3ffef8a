import BulkheadConsole
import CNCursesW
import Foundation

/// The ncurses side of the console: sets the terminal up, draws frames by changing only the
/// cells that differ from the previous frame, reads keys and mouse events, and restores the
/// terminal in `shutdown` (called on every way out).
final class NCursesDriver {
    private(set) var mode: ColorMode = .mono
    private var theme: Theme
    private var previous: CellGrid?
    private var pairs: [Int64: Int32] = [:]
    private var nextPair: Int32 = 1
    private var maxPairs: Int32 = 0
    private var active = false
    private var screen: OpaquePointer?

    /// Starts curses: locale for wide characters, raw keys, no echo, keypad, a 50 ms read timeout.
    init(theme: Theme, noColor: Bool, mouse: Bool) throws {
        self.theme = theme
        setlocale(LC_ALL, "")
        // newterm, not initscr: an unknown TERM is an error we report, not an exit inside curses.
        guard let screen = bh_newterm() else { throw ConsoleAppError.unknownTerminal }
        self.screen = screen
        active = true
        raw()
        noecho()
        nonl()
        keypad(bh_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        timeout(50)
        if has_colors() && !noColor {
            start_color()
            use_default_colors()
        }
        mode = ColorMode.detect(colors: Int(bh_colors()), hasColors: has_colors(), noColor: noColor)
        maxPairs = mode == .mono ? 0 : bh_color_pairs()
        if mouse {
            mousemask(bh_mouse_mask(), nil)
            mouseinterval(0)
        }
    }

    /// The terminal's size now.
    var size: TerminalSize {
        TerminalSize(width: Int(bh_getmaxx(bh_stdscr())), height: Int(bh_getmaxy(bh_stdscr())))
    }

    /// Switches theme; the next frame is drawn in full.
    func setTheme(_ theme: Theme) {
        self.theme = theme
        pairs = [:]
        nextPair = 1
        previous = nil
    }

    /// Forgets the last frame so the next one is drawn in full (after a resize).
    func invalidate() {
        previous = nil
        clearok(bh_stdscr(), true)
    }

    /// Draws `grid`, touching only cells that changed since the last frame.
    func draw(_ grid: CellGrid) {
        let full = previous == nil || previous?.width != grid.width || previous?.height != grid.height
        if full { erase() }
        var buffer = [wchar_t](repeating: 0, count: 8)
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if !full, let previous, previous[x, y] == cell { continue }
                if cell.isContinuation { continue }
                let (attrs, pair) = appearance(cell.style)
                var count = 0
                for scalar in cell.text.unicodeScalars where count < 5 {
                    buffer[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                buffer[count] = 0
                if bh_put_cell(Int32(y), Int32(x), buffer, attrs, pair) == ERR, count > 1 {
                    buffer[1] = 0
                    _ = bh_put_cell(Int32(y), Int32(x), buffer, attrs, pair)
                }
            }
        }
        previous = grid
        refresh()
    }

    /// Reads one input (waiting at most the 50 ms timeout); nil when nothing came.
    func read() -> Message? {
        var value: wint_t = 0
        let result = bh_get_wch(&value)
        if result == ERR { return nil }
        if result == bh_key_code_yes() {
            let code = Int32(bitPattern: value)
            if code == bh_key_resize() { return .resize(size) }
            if code == bh_key_mouse() {
                var x: Int32 = 0, y: Int32 = 0
                switch bh_read_mouse(&x, &y) {
                case 1: return .mouse(MouseEvent(x: Int(x), y: Int(y), kind: .click))
                case 2: return .mouse(MouseEvent(x: Int(x), y: Int(y), kind: .wheelUp))
                case 3: return .mouse(MouseEvent(x: Int(x), y: Int(y), kind: .wheelDown))
                default: return nil
                }
            }
            return KeyDecoder.function(code).map { .key($0) }
        }
        return KeyDecoder.character(UInt32(value)).map { .key($0) }
    }

    /// Puts `text` on the terminal's clipboard with OSC 52 (`ESC ] 52 ; c ; <base64> BEL`).
    ///
    /// Only base64 of the text goes to the terminal, never its raw bytes, so a value holding
    /// escape sequences cannot steer the terminal; values over 64 KiB are not sent (returns false).
    @discardableResult
    func copyToClipboard(_ text: String) -> Bool {
        guard let sequence = Clipboard.osc52(text) else { return false }
        refresh()
        let bytes = Array(sequence.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if result <= 0 { return false }
            written += result
        }
        return true
    }

    /// Restores the terminal. Safe to call more than once.
    func shutdown() {
        guard active else { return }
        active = false
        mousemask(0, nil)
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
    }

    private func appearance(_ style: Style) -> (attr_t, Int32) {
        var attrs = bh_a_normal()
        if style.underline { attrs |= bh_a_underline() }
        if style.reverse { attrs |= bh_a_reverse() }
        if mode == .mono {
            if style.bold || [.accent, .title, .focus, .header, .danger, .success, .warning, .selectionText].contains(style.fg) {
                attrs |= bh_a_bold()
            }
            if [.selection, .status, .badge].contains(style.bg) { attrs |= bh_a_reverse() }
            if style.fg == .muted || style.fg == .border { attrs |= bh_a_dim() }
            return (attrs, 0)
        }
        if style.bold || theme.bold.contains(style.fg) { attrs |= bh_a_bold() }
        return (attrs, pair(fg: theme.color(style.fg), bg: theme.color(style.bg)))
    }

    private func pair(fg: RGB, bg: RGB) -> Int32 {
        let f = mode.number(for: fg), b = mode.number(for: bg)
        let key = Int64(f) << 32 | Int64(b)
        if let known = pairs[key] { return known }
        guard nextPair < maxPairs else { return 0 }
        let number = nextPair
        nextPair += 1
        init_extended_pair(number, Int32(f), Int32(b))
        pairs[key] = number
        return number
    }
}

/// Why the console could not start.
public enum ConsoleAppError: Error, Equatable, Sendable {
    /// stdin/stdout is not a terminal curses can use.
    case noTerminal
    /// curses does not know the terminal type in `TERM`.
    case unknownTerminal

    /// A sentence for the user.
    public var message: String {
        switch self {
        case .noTerminal: return "the console needs an interactive terminal (TERM set, stdin and stdout a tty)"
        case .unknownTerminal: return "unknown terminal type in TERM; try TERM=xterm-256color"
        }
    }
}
