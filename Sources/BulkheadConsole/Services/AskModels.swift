import BulkheadCore
import Foundation

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
    public var rows: [[DisplayValue]]
    /// The total number of rows of the result.
    public var rowCount: Int

    /// Makes an outcome.
    public init(requestID: String, sql: String, summary: String, columns: [String], rows: [[DisplayValue]], rowCount: Int) {
        self.requestID = requestID
        self.sql = sql
        self.summary = summary
        self.columns = columns
        self.rows = rows
        self.rowCount = rowCount
    }
}

/// Where an export went: the file and how many rows it holds.
public struct ExportReceipt: Equatable, Sendable {
    /// The file written, as the user should read it (the folder they chose, then the name).
    public var path: String
    /// Rows written.
    public var rows: Int
    /// The format.
    public var format: ResultFormat

    /// Makes a receipt.
    public init(path: String, rows: Int, format: ResultFormat) {
        self.path = path
        self.rows = rows
        self.format = format
    }
}
