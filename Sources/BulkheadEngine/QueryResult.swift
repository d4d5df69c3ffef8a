/// The answer to one statement: its columns, the rows kept, and how many rows there were.
///
/// `rows` holds at most the row cap; `rowCount` is the full count, so a caller can say
/// "showing 10,000 of 1,000,000" without the engine ever holding the million.
public struct QueryResult: Sendable, Hashable, Codable {
    /// The result column names, in order.
    public let columns: [String]
    /// The rows kept (at most the row cap), each as many values as there are columns.
    public let rows: [[SQLValue]]
    /// How many rows the statement produced in total.
    public let rowCount: Int
    /// True when `rowCount` is larger than `rows.count`.
    public let truncated: Bool
    /// Seconds from the start of execution to the last row counted.
    public let elapsedSeconds: Double

    /// Makes a result; the engine is the only producer outside tests.
    public init(columns: [String], rows: [[SQLValue]], rowCount: Int, truncated: Bool, elapsedSeconds: Double) {
        self.columns = columns
        self.rows = rows
        self.rowCount = rowCount
        self.truncated = truncated
        self.elapsedSeconds = elapsedSeconds
    }

    enum CodingKeys: String, CodingKey {
        case columns, rows, truncated
        case rowCount = "row_count"
        case elapsedSeconds = "elapsed_seconds"
    }
}
