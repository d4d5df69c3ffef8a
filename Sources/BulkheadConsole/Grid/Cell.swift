/// One terminal cell: a grapheme and its style.
///
/// A double-width grapheme occupies its cell and the next one; the next one holds an empty string
/// so drivers know to skip it.
public struct Cell: Equatable, Sendable {
    /// The grapheme shown, `" "` for blank, `""` for the right half of a wide grapheme.
    public var text: String
    /// How it is drawn.
    public var style: Style

    /// Makes a cell.
    public init(_ text: String = " ", style: Style = .text) {
        self.text = text
        self.style = style
    }

    /// Whether this cell is the right half of a wide grapheme.
    public var isContinuation: Bool { text.isEmpty }
}

/// A rectangle of cells, in columns and rows from the top-left corner.
public struct Rect: Equatable, Sendable {
    /// Left column.
    public var x: Int
    /// Top row.
    public var y: Int
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// Makes a rectangle.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The rectangle shrunk by `by` cells on every side (what is inside a border).
    public func inset(_ by: Int = 1) -> Rect {
        Rect(x: x + by, y: y + by, width: width - 2 * by, height: height - 2 * by)
    }

    /// Whether a point lies inside.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < x + width && py >= y && py < y + height
    }
}

/// The size of the terminal in columns and rows.
public struct TerminalSize: Equatable, Sendable {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// Makes a size.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The smallest size the console lays out; anything smaller shows "terminal too small".
    public static let minimum = TerminalSize(width: 40, height: 12)

    /// Whether the console fits.
    public var isUsable: Bool { width >= Self.minimum.width && height >= Self.minimum.height }
}
