import BulkheadCore

/// A source in the org's list.
public struct SourceSummary: Equatable, Sendable {
    /// Name, unique in the org.
    public var name: String
    /// `sqlite` or `csv`.
    public var kind: String

    /// Makes a summary.
    public init(name: String, kind: String) {
        self.name = name
        self.kind = kind
    }
}

/// A source's introspection.
public struct SourceDetail: Equatable, Sendable {
    /// The source's name.
    public var name: String
    /// Its tables, in display order.
    public var tables: [TableInfo]

    /// Makes a detail.
    public init(name: String, tables: [TableInfo]) {
        self.name = name
        self.tables = tables
    }
}

/// One table of a source.
public struct TableInfo: Equatable, Sendable {
    /// Name.
    public var name: String
    /// Columns in order.
    public var columns: [ColumnInfo]
    /// Row count.
    public var rowCount: Int
    /// A few sample rows, in column order; more come from `ConsoleServices.tableRows`.
    public var sampleRows: [[DisplayValue]]

    /// Makes a table.
    public init(name: String, columns: [ColumnInfo], rowCount: Int, sampleRows: [[DisplayValue]]) {
        self.name = name
        self.columns = columns
        self.rowCount = rowCount
        self.sampleRows = sampleRows
    }
}

/// One column of a table.
public struct ColumnInfo: Equatable, Sendable {
    /// Name.
    public var name: String
    /// Declared type (`INTEGER`, `TEXT`, `REAL`, `DATE`, ...).
    public var type: String
    /// Part of the primary key.
    public var primaryKey: Bool
    /// `table.column` it references, if it is a foreign key.
    public var foreignKey: String?

    /// Makes a column.
    public init(name: String, type: String, primaryKey: Bool = false, foreignKey: String? = nil) {
        self.name = name
        self.type = type
        self.primaryKey = primaryKey
        self.foreignKey = foreignKey
    }
}
