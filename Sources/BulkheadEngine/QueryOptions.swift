/// Limits for one statement; the defaults are the ones every tenant gets.
public struct QueryOptions: Sendable {
    /// Seconds of execution after which the statement is stopped with `BulkheadError.timeLimit`.
    public var timeLimit: Double
    /// How many rows a materialized result keeps; the total is still counted past it.
    public var rowCap: Int
    /// An optional cancel button the caller may press from another thread.
    public var cancellation: QueryCancellation?

    /// The default limits: 5 s, 10,000 rows kept.
    public init(timeLimit: Double = 5, rowCap: Int = 10_000, cancellation: QueryCancellation? = nil) {
        self.timeLimit = timeLimit
        self.rowCap = rowCap
        self.cancellation = cancellation
    }
}
