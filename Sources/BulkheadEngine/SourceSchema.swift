/// The shape of one source: its tables with columns, keys, row counts and a few sample rows.
///
/// It is what `source show` prints and what the assistant retrieves to build the schema section
/// of a prompt. It is cached per (org, source) and rebuilt when the file changes.
public struct SourceSchema: Sendable, Hashable, Codable {
    /// Tables and views, by name.
    public let tables: [TableSchema]

    /// The table or view named `name` (case-insensitive, as SQLite compares names).
    public func table(named name: String) -> TableSchema? {
        tables.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }
}

/// One table (or view) of a source.
public struct TableSchema: Sendable, Hashable, Codable {
    /// The table's name.
    public let name: String
    /// True for a view.
    public let isView: Bool
    /// The columns, in declaration order.
    public let columns: [ColumnSchema]
    /// The primary key's columns, in key order (empty when there is none).
    public let primaryKey: [String]
    /// The foreign keys out of this table.
    public let foreignKeys: [ForeignKeySchema]
    /// How many rows the table holds.
    public let rowCount: Int
    /// Up to five rows, for a person (and a prompt) to see what the data looks like.
    public let sampleRows: [[SQLValue]]
    /// Every distinct value of each low-cardinality text column (at most 30), so a model can place
    /// a value such as "Brazil" in the right column without another query.
    public var textValues: [String: [String]] = [:]

    enum CodingKeys: String, CodingKey {
        case name, columns
        case isView = "is_view"
        case primaryKey = "primary_key"
        case foreignKeys = "foreign_keys"
        case rowCount = "row_count"
        case sampleRows = "sample_rows"
        case textValues = "text_values"
    }
}

/// One column of a table.
public struct ColumnSchema: Sendable, Hashable, Codable {
    /// The column's name.
    public let name: String
    /// The declared type, as written in the schema (may be empty).
    public let type: String
    /// True when the column is declared NOT NULL.
    public let notNull: Bool
    /// The column's position in the primary key, from 1; 0 when it is not part of it.
    public let primaryKeyPosition: Int

    enum CodingKeys: String, CodingKey {
        case name, type
        case notNull = "not_null"
        case primaryKeyPosition = "primary_key_position"
    }
}

/// A foreign key: these columns of the table refer to those columns of another table.
public struct ForeignKeySchema: Sendable, Hashable, Codable {
    /// The referring columns of this table.
    public let columns: [String]
    /// The referenced table.
    public let referencedTable: String
    /// The referenced columns (empty when the key names the other table's primary key implicitly).
    public let referencedColumns: [String]

    enum CodingKeys: String, CodingKey {
        case columns
        case referencedTable = "referenced_table"
        case referencedColumns = "referenced_columns"
    }
}

/// What `source show` answers: the source and its schema.
public struct SourceDetails: Sendable, Hashable {
    /// The source.
    public let source: SourceInfo
    /// Its tables with columns, keys, row counts and sample rows.
    public let schema: SourceSchema
}
