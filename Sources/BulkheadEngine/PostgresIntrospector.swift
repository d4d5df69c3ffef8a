import BulkheadCore
import BulkheadPostgresKit
import PostgresNIO

/// Reads a PostgreSQL source's shape into the engine's schema types, so `source show`, the
/// console's browser and the context builder see a PostgreSQL source like any other.
///
/// Tables and views come from `information_schema.tables` (only those the source's role may
/// read), columns with their declared types and keys from `pg_catalog` (the information schema
/// hides constraints of tables the role does not own). Row counts, five sample rows and the
/// distinct values of small text columns are read like SQLite's introspector reads them. It all
/// runs in one READ ONLY transaction under one time limit. Tables outside `public` are named
/// `schema.table`.
enum PostgresIntrospector {
    private static let userSchemas = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"

    private struct Listed {
        let oid: Int
        let schema: String
        let name: String
        let isView: Bool
        var displayName: String { schema == "public" ? name : "\(schema).\(name)" }
        var quoted: String { "\(quote(schema)).\(quote(name))" }
    }

    static func read(_ client: RunningClient, timeLimit: Double) async throws -> SourceSchema {
        try await PostgresReadOnly.run(client, timeLimit: timeLimit) { connection in
            try await connection.query("SELECT set_config('statement_timeout', \(String(Int(timeLimit * 1_000))), true)",
                                       logger: PostgresLog.quiet)
            return try await introspect(connection)
        }
    }

    private static func introspect(_ connection: PostgresConnection) async throws -> SourceSchema {
        let listed = try await rows(connection, """
            SELECT c.oid::int8, t.table_schema::text, t.table_name::text, t.table_type = 'VIEW'
            FROM information_schema.tables t
            JOIN pg_namespace n ON n.nspname = t.table_schema
            JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = t.table_name
            WHERE \(userSchemas) AND has_table_privilege(c.oid, 'SELECT')
            ORDER BY t.table_schema <> 'public', t.table_schema, t.table_name
            """).map { row -> Listed in
            let (oid, schema, name, isView) = try row.decode((Int, String, String, Bool).self)
            return Listed(oid: oid, schema: schema, name: name, isView: isView)
        }
        var columns: [Int: [ColumnSchema]] = [:]
        for row in try await rows(connection, """
            SELECT a.attrelid::int8, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE \(userSchemas) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum
            """) {
            let (oid, name, type, notNull) = try row.decode((Int, String, String, Bool).self)
            columns[oid, default: []].append(ColumnSchema(name: name, type: type, notNull: notNull, primaryKeyPosition: 0))
        }
        let keys = try await Keys.read(connection, userSchemas: userSchemas)
        var tables: [TableSchema] = []
        for table in listed {
            let primaryKey = keys.primaryKeys[table.oid] ?? []
            let tableColumns = (columns[table.oid] ?? []).map { column in
                ColumnSchema(name: column.name, type: column.type, notNull: column.notNull,
                             primaryKeyPosition: (primaryKey.firstIndex(of: column.name) ?? -1) + 1)
            }
            tables.append(try await detail(connection, table, columns: tableColumns, primaryKey: primaryKey,
                                           foreignKeys: keys.foreignKeys[table.oid] ?? []))
        }
        return SourceSchema(tables: tables)
    }

    private static func detail(_ connection: PostgresConnection, _ table: Listed, columns: [ColumnSchema], primaryKey: [String],
                               foreignKeys: [ForeignKeySchema]) async throws -> TableSchema {
        let rowCount = try await rows(connection, "SELECT count(*) FROM \(table.quoted)").first?.decode(Int.self) ?? 0
        let samples = try await rows(connection, "SELECT * FROM \(table.quoted) LIMIT 5").map { $0.map(PostgresValues.value) }
        var schema = TableSchema(name: table.displayName, isView: table.isView, columns: columns, primaryKey: primaryKey,
                                 foreignKeys: foreignKeys, rowCount: rowCount, sampleRows: samples)
        guard rowCount <= SchemaIntrospector.maxRowsForValues else { return schema }
        for column in columns where SchemaIntrospector.isTextual(column.type) {
            let values = try await rows(connection, """
                SELECT DISTINCT \(quote(column.name))::text FROM \(table.quoted) WHERE \(quote(column.name)) IS NOT NULL
                LIMIT \(SchemaIntrospector.maxDistinctValues + 1)
                """).map { try $0.decode(String.self) }
            let short = values.filter { $0.count <= 60 }
            if values.count <= SchemaIntrospector.maxDistinctValues, !short.isEmpty { schema.textValues[column.name] = short }
        }
        return schema
    }

    static func rows(_ connection: PostgresConnection, _ sql: String) async throws -> [PostgresRow] {
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: PostgresLog.quiet).collect()
    }

    /// A table named as this introspector names it (`table`, or `schema.table` outside `public`), quoted.
    static func quotedTable(_ displayName: String) -> String {
        guard let dot = displayName.firstIndex(of: "."), dot != displayName.startIndex,
              displayName.index(after: dot) != displayName.endIndex else { return quote(displayName) }
        return quote(String(displayName[..<dot])) + "." + quote(String(displayName[displayName.index(after: dot)...]))
    }

    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
