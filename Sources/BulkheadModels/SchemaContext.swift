/// The schema section of a prompt: the tables a question may need, with their columns, keys,
/// a few sample values and row counts.
///
/// It is plain data the context layer builds from a source's introspection, so every provider
/// (and the offline planner in particular) works from the same description the inspector shows.
public struct SchemaContext: Sendable, Hashable, Codable {
    /// The tables, in the order the context layer ranked them.
    public var tables: [TableSchema]

    /// Makes a schema section.
    public init(tables: [TableSchema]) {
        self.tables = tables
    }

    /// The table with this name, compared without regard to case, as SQLite does.
    public func table(named name: String) -> TableSchema? {
        tables.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }
}

/// One table of the schema section.
public struct TableSchema: Sendable, Hashable, Codable {
    /// The table's name as the source spells it.
    public var name: String
    /// The columns, in declaration order.
    public var columns: [ColumnSchema]
    /// A few distinct values per text column, keyed by column name; they let a model place a
    /// value such as "Brazil" in the right column.
    public var sampleValues: [String: [String]]
    /// The number of rows, when the context layer knows it.
    public var rowCount: Int?

    /// Makes a table description.
    public init(name: String, columns: [ColumnSchema], sampleValues: [String: [String]] = [:], rowCount: Int? = nil) {
        self.name = name
        self.columns = columns
        self.sampleValues = sampleValues
        self.rowCount = rowCount
    }

    /// The column with this name, compared without regard to case.
    public func column(named name: String) -> ColumnSchema? {
        columns.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }
}

/// One column of a table.
public struct ColumnSchema: Sendable, Hashable, Codable {
    /// The column's name as the source spells it.
    public var name: String
    /// The declared type (for example `INTEGER`, `NVARCHAR(40)`, `DATETIME`); may be empty.
    public var type: String
    /// Whether the column is part of the primary key.
    public var isPrimaryKey: Bool
    /// The column this one refers to, when it is a foreign key.
    public var references: ColumnReference?

    /// Makes a column description.
    public init(name: String, type: String, isPrimaryKey: Bool = false, references: ColumnReference? = nil) {
        self.name = name
        self.type = type
        self.isPrimaryKey = isPrimaryKey
        self.references = references
    }
}

/// The target of a foreign key: a table and one of its columns.
public struct ColumnReference: Sendable, Hashable, Codable {
    /// The referenced table.
    public var table: String
    /// The referenced column.
    public var column: String

    /// Makes a reference.
    public init(table: String, column: String) {
        self.table = table
        self.column = column
    }
}
