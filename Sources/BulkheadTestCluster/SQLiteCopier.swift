import BulkheadCore
import BulkheadPostgresKit
import Foundation
import GRDB
import NIOCore
import PostgresNIO

/// Copies a SQLite database (tables, primary and foreign keys, rows) into a PostgreSQL database.
///
/// Tests load the repository's Chinook this way, so a PostgreSQL source is tested on the same
/// real data as a SQLite one. Names keep their case (they are quoted), and declared types map to
/// their PostgreSQL kin: INTEGER to integer, NVARCHAR(n) to varchar(n), NUMERIC(p,s) to
/// numeric(p,s), DATETIME to timestamp, REAL to double precision, BLOB to bytea.
public enum SQLiteCopier {
    /// Copies every table of the SQLite file at `path` into the database `client` is connected to.
    public static func copy(sqliteAt path: String, into client: RunningClient) async throws {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let tables = try await queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                .map { try CopiedTable.read($0, db) }
        }
        for table in tables {
            try await client.withConnection { try await $0.query(PostgresQuery(unsafeSQL: table.createStatement), logger: PostgresLog.quiet) }
        }
        for table in tables {
            let rows = try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM \(table.name.quotedDatabaseIdentifier)") }
            for start in stride(from: 0, to: rows.count, by: 500) {
                let batch = Array(rows[start..<min(rows.count, start + 500)])
                let query = table.insert(batch)
                try await client.withConnection { try await $0.query(query, logger: PostgresLog.quiet) }
            }
        }
        for statement in tables.flatMap(\.foreignKeyStatements) {
            try await client.withConnection { try await $0.query(PostgresQuery(unsafeSQL: statement), logger: PostgresLog.quiet) }
        }
    }
}

/// One table being copied: its columns with their PostgreSQL types, its keys.
struct CopiedTable: Sendable {
    let name: String
    let columns: [(name: String, type: String, notNull: Bool)]
    let primaryKey: [String]
    let foreignKeys: [(columns: [String], table: String, referenced: [String])]

    static func read(_ name: String, _ db: Database) throws -> CopiedTable {
        let columns = try db.columns(in: name)
        let primaryKey = try db.primaryKey(name).columns
        let foreignKeys = try db.foreignKeys(on: name).map { key in
            (columns: key.mapping.map(\.origin), table: key.destinationTable, referenced: key.mapping.map(\.destination))
        }
        return CopiedTable(name: name, columns: columns.map { ($0.name, postgresType($0.type), $0.isNotNull) },
                           primaryKey: primaryKey, foreignKeys: foreignKeys)
    }

    var createStatement: String {
        var parts = columns.map { "\(quote($0.name)) \($0.type)\($0.notNull ? " NOT NULL" : "")" }
        if !primaryKey.isEmpty { parts.append("PRIMARY KEY (\(primaryKey.map(quote).joined(separator: ", ")))") }
        return "CREATE TABLE \(quote(name)) (\(parts.joined(separator: ", ")))"
    }

    var foreignKeyStatements: [String] {
        foreignKeys.map {
            "ALTER TABLE \(quote(name)) ADD FOREIGN KEY (\($0.columns.map(quote).joined(separator: ", "))) "
                + "REFERENCES \(quote($0.table)) (\($0.referenced.map(quote).joined(separator: ", ")))"
        }
    }

    /// One multi-row INSERT with every value bound and cast to its column's type.
    func insert(_ rows: [Row]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: rows.count * columns.count)
        var tuples: [String] = []
        for row in rows {
            var placeholders: [String] = []
            for (index, column) in columns.enumerated() {
                switch (row[index] as DatabaseValue).storage {
                case .null: bindings.appendNull()
                case let .int64(number): bindings.append(Int(number))
                case let .double(number): bindings.append(number)
                case let .string(text): bindings.append(text)
                case let .blob(data): bindings.append(ByteBuffer(bytes: data))
                }
                placeholders.append("CAST($\(bindings.count) AS \(column.type))")
            }
            tuples.append("(" + placeholders.joined(separator: ", ") + ")")
        }
        let sql = "INSERT INTO \(quote(name)) (\(columns.map { quote($0.name) }.joined(separator: ", "))) VALUES " + tuples.joined(separator: ", ")
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    static func postgresType(_ declared: String) -> String {
        let upper = declared.uppercased()
        let arguments = upper.firstIndex(of: "(").map { String(upper[$0...]) } ?? ""
        if upper.contains("INT") { return "integer" }
        if upper.contains("CHAR") { return arguments.isEmpty ? "text" : "varchar" + arguments }
        if upper.contains("NUMERIC") || upper.contains("DECIMAL") { return "numeric" + arguments }
        if upper.contains("DATE") || upper.contains("TIME") { return "timestamp" }
        if upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB") { return "double precision" }
        if upper.contains("BLOB") { return "bytea" }
        return "text"
    }
}

private func quote(_ identifier: String) -> String {
    "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
