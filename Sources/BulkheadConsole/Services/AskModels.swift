/// An answer to a question.
public struct AskOutcome: Equatable, Sendable {
    /// The request id, for paging, feedback and the inspector.
    public var requestID: String
    /// The SQL that ran.
    public var sql: String
    /// A one-line summary.
    public var summary: String
    /// Column names.
    public var columns: [String]
    /// The first page of rows; more come from `ConsoleServices.rows`.
    public var rows: [[String]]
    /// The total number of rows of the result.
    public var rowCount: Int

    /// Makes an outcome.
    public init(requestID: String, sql: String, summary: String, columns: [String], rows: [[String]], rowCount: Int) {
        self.requestID = requestID
        self.sql = sql
        self.summary = summary
        self.columns = columns
        self.rows = rows
        self.rowCount = rowCount
    }
}
