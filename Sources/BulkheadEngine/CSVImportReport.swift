/// What importing a CSV file found: the columns and their inferred types, the rows kept, and every bad row.
public struct CSVImportReport: Sendable, Hashable, Codable {
    /// One column of the imported table.
    public struct Column: Sendable, Hashable, Codable {
        /// The column name, from the header row.
        public let name: String
        /// The inferred type: INTEGER, REAL, DATE (ISO yyyy-mm-dd, stored as text) or TEXT.
        public let type: String
    }

    /// One row that was not imported, and why.
    public struct BadRow: Sendable, Hashable, Codable {
        /// The line of the file the row starts on (the header is line 1, unless blank lines precede it).
        public let line: Int
        /// Our own sentence saying what was wrong.
        public let reason: String
    }

    /// The table the rows went into.
    public let table: String
    /// The columns with their inferred types.
    public let columns: [Column]
    /// How many rows were imported.
    public let rowsImported: Int
    /// Every row that was not imported, with its line number.
    public let badRows: [BadRow]

    enum CodingKeys: String, CodingKey {
        case table, columns
        case rowsImported = "rows_imported"
        case badRows = "bad_rows"
    }
}
