import CSpawn

/// A terminal's size in character cells.
struct WindowSize: Sendable, Equatable {
    var columns: Int
    var rows: Int

    /// The size of a pty request; a client that sends none (0x0, e.g. `ssh -tt` from a pipe) gets 80x24.
    init(columns: Int, rows: Int) {
        self.columns = columns > 0 ? min(columns, 1000) : 80
        self.rows = rows > 0 ? min(rows, 1000) : 24
    }
}

extension WindowSize {
    /// Sets this size on the terminal behind `fd`.
    func apply(to fd: Int32) {
        _ = bulkhead_set_window_size(fd, UInt16(clamping: rows), UInt16(clamping: columns))
    }
}
