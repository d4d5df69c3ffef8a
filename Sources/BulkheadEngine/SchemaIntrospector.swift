import BulkheadCore
import Dispatch

/// Reads a source's schema through the sandbox, with the same read-only statements a tenant could run.
///
/// Introspection uses the allowed PRAGMAs and plain SELECTs on the sandboxed connection, so it
/// can do no more than the tenant's own SQL could, even on a hostile file. The whole reading
/// shares one time limit (not one per statement), so a file with many slow views cannot make it
/// last longer than the limit either. Sample values are cut to `sampleLimit` characters or bytes:
/// they are there to show what the data looks like, and a 50 MB cell would only flood a screen.
package enum SchemaIntrospector {
    /// The longest sample value kept, in characters (text) or bytes (blobs).
    static let sampleLimit = 200

    /// Builds the schema of the database behind `connection`, within `timeLimit` seconds in all.
    package static func read(_ connection: SandboxedConnection, timeLimit: Double) throws -> SourceSchema {
        do {
            return try readAll(connection, clock: Budget(seconds: timeLimit))
        } catch BulkheadError.timeLimit {
            // A statement stopped with what was left of the budget; the reader ran out of the whole of it.
            throw BulkheadError.timeLimit(seconds: timeLimit)
        }
    }

    private static func readAll(_ connection: SandboxedConnection, clock: Budget) throws -> SourceSchema {
        let listing = try connection.execute(
            "SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
            options: try clock.options())
        var tables: [TableSchema] = []
        for row in listing.rows {
            guard case let .text(name) = row[0] else { continue }
            let isView = row[1] == .text("view")
            tables.append(try table(name, isView: isView, connection: connection, clock: clock))
        }
        return SourceSchema(tables: tables)
    }

    /// What is left of the introspection's time limit.
    struct Budget {
        let seconds: Double
        let deadline: UInt64

        init(seconds: Double) {
            self.seconds = seconds
            deadline = DispatchTime.now().uptimeNanoseconds &+ UInt64(max(0, seconds) * 1_000_000_000)
        }

        /// Options for the next statement: the time that is left; throws once none is.
        func options() throws -> QueryOptions {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { throw BulkheadError.timeLimit(seconds: seconds) }
            return QueryOptions(timeLimit: Double(deadline - now) / 1_000_000_000, rowCap: 100_000)
        }
    }

    /// A sample value cut to `sampleLimit` (text ends with `…` when cut).
    static func sample(_ value: SQLValue) -> SQLValue {
        switch value {
        case let .text(text) where text.count > sampleLimit: return .text(String(text.prefix(sampleLimit)) + "…")
        case let .blob(data) where data.count > sampleLimit: return .blob(data.prefix(sampleLimit))
        default: return value
        }
    }

    private static func table(_ name: String, isView: Bool, connection: SandboxedConnection, clock: Budget) throws -> TableSchema {
        let quoted = SQLText.quoted(name)
        let info = try connection.execute("PRAGMA table_info(\(quoted))", options: try clock.options())
        var columns: [ColumnSchema] = []
        for row in info.rows {
            columns.append(ColumnSchema(
                name: text(row[1]), type: text(row[2]), notNull: integer(row[3]) != 0, primaryKeyPosition: integer(row[5])))
        }
        let primaryKey = columns.filter { $0.primaryKeyPosition > 0 }.sorted { $0.primaryKeyPosition < $1.primaryKeyPosition }.map(\.name)
        var foreignKeys: [ForeignKeySchema] = []
        if !isView {
            let keys = try connection.execute("PRAGMA foreign_key_list(\(quoted))", options: try clock.options())
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
        let count = try connection.execute("SELECT count(*) FROM \(quoted)", options: try clock.options())
        let rowCount = count.rows.first.map { integer($0[0]) } ?? 0
        var table = TableSchema(
            name: name, isView: isView, columns: columns, primaryKey: primaryKey, foreignKeys: foreignKeys,
            rowCount: rowCount, sampleRows: try sampleRows(quoted, columns: columns, connection: connection, clock: clock))
        if rowCount <= maxRowsForValues {
            for column in columns where isTextual(column.type) {
                let values: QueryResult
                do {
                    values = try connection.execute(
                        "SELECT DISTINCT \(SQLText.quoted(column.name)) FROM \(quoted) WHERE \(SQLText.quoted(column.name)) IS NOT NULL LIMIT \(maxDistinctValues + 1)",
                        options: try clock.options())
                } catch let error as BulkheadError where SQLiteErrorText.isTooLarge(error) {
                    continue
                }
                let texts = values.rows.compactMap { row -> String? in
                    if case let .text(value) = row[0], value.count <= 60 { return value }
                    return nil
                }
                if values.rows.count <= maxDistinctValues, !texts.isEmpty { table.textValues[column.name] = texts }
            }
        }
        return table
    }

    /// What a sample shows for a value over the sandbox's length limit.
    static let tooLargeSample = SQLValue.text("… (a value over the \(SandboxLimits.lengthDescription) limit)")

    /// Up to five rows, each value cut to `sampleLimit`.
    ///
    /// A value over the length limit cannot be read at all (SQLite refuses to load it), so when
    /// the rows cannot be read whole, each column is read on its own and a column that holds such
    /// a value shows `tooLargeSample`: a table of large documents can still be added and browsed.
    private static func sampleRows(_ quoted: String, columns: [ColumnSchema], connection: SandboxedConnection,
                                   clock: Budget) throws -> [[SQLValue]] {
        do {
            return try connection.execute("SELECT * FROM \(quoted) LIMIT 5", options: try clock.options()).rows.map { $0.map(sample) }
        } catch let error as BulkheadError where SQLiteErrorText.isTooLarge(error) {
            var byColumn: [[SQLValue]] = []
            for column in columns {
                do {
                    let values = try connection.execute("SELECT \(SQLText.quoted(column.name)) FROM \(quoted) LIMIT 5", options: try clock.options())
                    byColumn.append(values.rows.map { sample($0[0]) })
                } catch let error as BulkheadError where SQLiteErrorText.isTooLarge(error) {
                    byColumn.append([])
                }
            }
            let count = byColumn.map(\.count).max() ?? 0
            return (0..<count).map { row in byColumn.map { row < $0.count ? $0[row] : tooLargeSample } }
        }
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
