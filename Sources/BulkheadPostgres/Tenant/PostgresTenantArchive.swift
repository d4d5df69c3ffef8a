import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Foundation
import GRDB
import PostgresNIO

/// An org's tenant rows to and from a backup's SQLite payload, on PostgreSQL.
///
/// The export reads every tenant table in one repeatable-read snapshot under the org's claims and
/// writes the rows into a fresh tenant-schema SQLite file: the same payload a SQLite home makes,
/// so the backup format, its HMAC and its checks are one for both stores. The import deletes the
/// org's rows and inserts the payload's in one transaction under the org's claims (row-level
/// security holds every row to the org), then gives each vector collection a new version and
/// the org its next vector row position.
struct PostgresTenantArchive: TenantArchive {
    let store: PostgresStore

    func export(_ principal: Principal, to url: URL) throws {
        let org = principal.orgID
        let scratch: DatabaseQueue
        do {
            scratch = try TenantDatabases.makeScratch(at: url, org: org)
        } catch {
            throw BulkheadError.internalFailure(code: "backup-scratch")
        }
        defer { try? scratch.close() }
        let tables = try plan(sqlite: scratch)
        let rows = try guarded("backup-read") {
            try store.synchronousTransaction(.tenant(principal), .snapshot) { pin in
                try pin.run { connection in
                    var all: [[[ArchiveValue]]] = []
                    for table in tables {
                        var values: [[ArchiveValue]] = []
                        let sql = "SELECT \(table.selectList) FROM bulkhead.\(table.name)"
                        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: PostgresLog.quiet) {
                            values.append(try zip(row, table.columns).map { try ArchiveValue($0, kind: $1.kind) })
                        }
                        all.append(values)
                    }
                    return all
                }
            }
        }
        do {
            try scratch.write { db in
                for (table, values) in zip(tables, rows) where !values.isEmpty {
                    let names = table.columns.map { "\"\($0.sqliteName)\"" }.joined(separator: ", ")
                    let marks = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                    let insert = try db.makeStatement(sql: "INSERT INTO \"\(table.name)\" (\(names)) VALUES (\(marks))")
                    for row in values { try insert.execute(arguments: StatementArguments(row.map(\.databaseValue))) }
                }
            }
            try scratch.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        } catch {
            throw BulkheadError.internalFailure(code: "backup-write")
        }
    }

    func replace(_ principal: Principal, from url: URL) throws {
        let payload: [(ArchiveTable, [[ArchiveValue]])]
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: url.path, configuration: configuration)
            defer { try? queue.close() }
            let tables = try plan(sqlite: queue).map { table in
                ArchiveTable(name: table.name, columns: table.columns.filter { $0.postgresName != "org_id" })
            }
            payload = try queue.read { db in
                try tables.map { table in
                    let names = table.columns.map { "\"\($0.sqliteName)\"" }.joined(separator: ", ")
                    let rows = try Row.fetchAll(db, sql: "SELECT \(names) FROM \"\(table.name)\"").map { row in
                        try table.columns.indices.map { try ArchiveValue(row[$0] as DatabaseValue, kind: table.columns[$0].kind) }
                    }
                    return (table, rows)
                }
            }
        } catch let error as BulkheadError {
            throw error
        } catch {
            throw BulkheadError.internalFailure(code: "restore-read")
        }
        let work = payload.map { ArchiveBatch(table: $0.0, rows: $0.1) }
        try guarded("restore-write") {
            try store.waitTransaction(.tenant(principal)) { connection in
                for table in PostgresSchema.tenantTableNames.reversed() {
                    try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM bulkhead.\(table)"), logger: PostgresLog.quiet)
                }
                for batch in work { try await batch.insert(on: connection) }
                try await connection.query("UPDATE bulkhead.vector_collections SET version = 1 + floor(random() * 9.2e18)::bigint",
                                           logger: PostgresLog.quiet)
                try await connection.query("""
                    UPDATE bulkhead.tenant_meta SET next_vector_position = coalesce((SELECT max(position) + 1 FROM bulkhead.vector_items), 1)
                    """, logger: PostgresLog.quiet)
            }
        }
    }

    /// The tenant tables in creation order (parents first), each with the columns both the store
    /// and the SQLite file `sqlite` have.
    private func plan(sqlite: DatabaseQueue) throws -> [ArchiveTable] {
        let postgres = try guarded("backup-columns") {
            try store.waitTransaction(.authService) { connection in
                try await connection.query("""
                    SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
                    WHERE table_schema = 'bulkhead' ORDER BY table_name, ordinal_position
                    """, logger: PostgresLog.quiet).collect().map { try $0.decode((String, String, String).self) }
            }
        }
        do {
            return try sqlite.read { db in
                try PostgresSchema.tenantTableNames.map { table in
                    let local = Set(try db.columns(in: table).map(\.name))
                    let columns = postgres.filter { $0.0 == table }.compactMap { _, column, type -> ArchiveColumn? in
                        let sqliteName = table == "vector_items" && column == "position" ? "rowid" : column
                        guard sqliteName == "rowid" || local.contains(column), let kind = ArchiveKind(dataType: type) else { return nil }
                        return ArchiveColumn(postgresName: column, sqliteName: sqliteName, kind: kind)
                    }
                    return ArchiveTable(name: table, columns: columns)
                }
            }
        } catch {
            throw BulkheadError.internalFailure(code: "backup-columns")
        }
    }
}

/// The rows of one table on their way into PostgreSQL.
private struct ArchiveBatch: Sendable {
    let table: ArchiveTable
    let rows: [[ArchiveValue]]

    func insert(on connection: PostgresConnection) async throws {
        guard !rows.isEmpty else { return }
        let names = table.columns.map { "\"\($0.postgresName)\"" }.joined(separator: ", ")
        let marks = table.columns.enumerated().map { "$\($0.offset + 1)::\($0.element.kind.cast)" }.joined(separator: ", ")
        let sql = "INSERT INTO bulkhead.\(table.name) (\(names)) VALUES (\(marks))"
        for row in rows {
            var bindings = PostgresBindings()
            for (value, column) in zip(row, table.columns) { value.bind(into: &bindings, kind: column.kind) }
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: PostgresLog.quiet)
        }
    }
}
