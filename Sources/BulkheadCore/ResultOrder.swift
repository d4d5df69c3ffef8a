/// How a result is re-read: sorted by one of its columns, or in the order the statement gave.
public struct ResultOrder: Sendable, Hashable {
    /// The column's index in the result (0-based).
    public var column: Int
    /// Largest first.
    public var descending: Bool

    /// Makes an order.
    public init(column: Int, descending: Bool) {
        self.column = column
        self.descending = descending
    }
}
