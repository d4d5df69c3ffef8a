import BulkheadCore

/// Reads a source's schema through the sandbox, with the same read-only statements a tenant could run.
///
/// Introspection uses the allowed PRAGMAs and plain SELECTs on the sandboxed connection, so it
/// can do no more than the tenant's own SQL could, even on a hostile file.
enum SchemaIntrospector {
    /// Builds the schema of the database behind `connection`.
    static func read(_ connection: SandboxedConnection, timeLimit: Double) throws -> SourceSchema {
        let options = QueryOptions(timeLimit: timeLimit, rowCap: 100_000)
        let listing = try connection.execute(
            "SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
            options: options)
        var tables: [TableSchema] = []
        for row in listing.rows {
            guard case let .text(name) = row[0] else { continue }
            let isView = row[1] == .text("view")
            tables.append(try table(name, isView: isView, connection: connection, options: options))
        }
        return SourceSchema(tables: tables)
    }

    private static func table(_ name: String, isView: Bool, connection: SandboxedConnection, options: QueryOptions) throws -> TableSchema {
        let quoted = SQLText.quoted(name)
        let info = try connection.execute("PRAGMA table_info(\(quoted))", options: options)
        var columns: [ColumnSchema] = []
        for row in info.rows {
            columns.append(ColumnSchema(
                name: text(row[1]), type: text(row[2]), notNull: integer(row[3]) != 0, primaryKeyPosition: integer(row[5])))
        }
        let primaryKey = columns.filter { $0.primaryKeyPosition > 0 }.sorted { $0.primaryKeyPosition < $1.primaryKeyPosition }.map(\.name)
        var foreignKeys: [ForeignKeySchema] = []
        if !isView {
            let keys = try connection.execute("PRAGMA foreign_key_list(\(quoted))", options: options)
            var grouped: [Int: (table: String, from: [String], to: [String])] = [:]
            var order: [Int] = []
            for row in keys.rows {
                let id = integer(row[0])
                if grouped[id] == nil { order.append(id) }
                var entry = grouped[id] ?? (text(row[2]), [], [])
                entry.from.append(text(row[3]))
                if case let .text(to) = row[4] { entry.to.append(to) }
                grouped[id] = entry
            }
            foreignKeys = order.compactMap { grouped[$0] }.map {
                ForeignKeySchema(columns: $0.from, referencedTable: $0.table, referencedColumns: $0.to)
            }
        }
        let count = try connection.execute("SELECT count(*) FROM \(quoted)", options: options)
        let samples = try connection.execute("SELECT * FROM \(quoted) LIMIT 5", options: options)
        let rowCount = count.rows.first.map { integer($0[0]) } ?? 0
        var table = TableSchema(
            name: name, isView: isView, columns: columns, primaryKey: primaryKey, foreignKeys: foreignKeys,
            rowCount: rowCount, sampleRows: samples.rows)
        if rowCount <= maxRowsForValues {
            for column in columns where isTextual(column.type) {
                let values = try connection.execute(
                    "SELECT DISTINCT \(SQLText.quoted(column.name)) FROM \(quoted) WHERE \(SQLText.quoted(column.name)) IS NOT NULL LIMIT \(maxDistinctValues + 1)",
                    options: options)
                let texts = values.rows.compactMap { row -> String? in
                    if case let .text(value) = row[0], value.count <= 60 { return value }
                    return nil
                }
                if values.rows.count <= maxDistinctValues, !texts.isEmpty { table.textValues[column.name] = texts }
            }
        }
        return table
    }

    /// Text columns with at most this many distinct values have them all recorded.
    static let maxDistinctValues = 30
    /// Tables larger than this are not scanned for distinct values, to keep introspection quick.
    static let maxRowsForValues = 200_000

    static func isTextual(_ type: String) -> Bool {
        let upper = type.uppercased()
        return upper.isEmpty || upper.contains("CHAR") || upper.contains("TEXT") || upper.contains("CLOB")
    }

    private static func text(_ value: SQLValue) -> String {
        if case let .text(text) = value { return text }
        return ValueFormatter.plain(value.display)
    }

    private static func integer(_ value: SQLValue) -> Int {
        if case let .integer(number) = value { return Int(number) }
        return 0
    }
}
