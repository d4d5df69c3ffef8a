import BulkheadCore
import BulkheadPostgresKit
import Dispatch
import Foundation

/// The value index's reads of a PostgreSQL source: a data stamp and the distinct values of its text columns.
extension QueryEngine {
    /// A stamp of a PostgreSQL source's data: the server's counts of rows inserted, updated and
    /// deleted in the tables the source's role may see, so the value index is rebuilt after the data
    /// changed (the counters are kept by the server and read like any tenant statement).
    func postgresStamp(_ principal: Principal, _ record: SourceRecord, reference: String) throws -> String {
        let result = try postgresQuery(principal, record, reference: reference, sql: """
            SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::text, count(*)::text FROM pg_stat_user_tables
            """, parameters: [], options: QueryOptions(timeLimit: 5, rowCap: 1))
        let cells = result.rows.first?.map(\.displayText) ?? []
        return "postgres:" + cells.joined(separator: ":")
    }

    /// The distinct short values of each text column of a PostgreSQL source, read as tenant
    /// statements (read-only, time-limited, capped).
    func postgresTextValues(_ principal: Principal, _ record: SourceRecord, reference: String, schema: SourceSchema,
                            maxDistinct: Int, maxLength: Int) throws -> [ColumnValues] {
        var columns: [ColumnValues] = []
        let options = QueryOptions(timeLimit: 10, rowCap: maxDistinct + 1)
        for table in schema.tables where !table.isView {
            let quotedTable = PostgresIntrospector.quotedTable(table.name)
            for column in table.columns where Self.isPostgresText(column.type) {
                let name = PostgresIntrospector.quote(column.name)
                let result = try postgresQuery(principal, record, reference: reference, sql: """
                    SELECT DISTINCT \(name)::text FROM \(quotedTable)
                    WHERE \(name) IS NOT NULL AND length(\(name)::text) BETWEEN 1 AND \(maxLength) LIMIT \(maxDistinct + 1)
                    """, parameters: [], options: options)
                guard result.rows.count <= maxDistinct else { continue }
                let values = result.rows.compactMap { row -> String? in
                    if case let .text(value) = row.first { return value }
                    return nil
                }
                if !values.isEmpty { columns.append(ColumnValues(table: table.name, column: column.name, values: values)) }
            }
        }
        return columns
    }

    /// PostgreSQL's text types: `text`, `character varying(n)`, `character(n)`, `citext`.
    static func isPostgresText(_ type: String) -> Bool {
        let lower = type.lowercased()
        return lower == "text" || lower.hasPrefix("character") || lower == "citext" || lower == "name"
    }
}
