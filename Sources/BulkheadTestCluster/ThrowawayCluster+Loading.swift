import BulkheadPostgresKit
import Foundation
import PostgresNIO

extension ThrowawayCluster {
    /// A database holding a copy of the SQLite file at `path`, made once per cluster and file.
    ///
    /// Its tables belong to the superuser; a role `reader_…` may log in with a password and only
    /// read them, as a tenant's read-only role would.
    public func loadedCopy(of path: String, runtime: PostgresRuntime) throws -> LoadedDatabase {
        try loaded.withLock { loaded in
            if let done = loaded[path] { return done }
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let name = "copy_\(suffix)"
            let reader = "reader_\(suffix)"
            let password = UUID().uuidString
            let maintenance = RunningClient(url: url, runtime: runtime, maximumConnections: 1, logger: PostgresLog.quiet)
            defer { maintenance.close() }
            let target = RunningClient(url: url.with(database: name), runtime: runtime, maximumConnections: 1, logger: PostgresLog.quiet)
            defer { target.close() }
            try runtime.wait {
                try await maintenance.withConnection { connection in
                    try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: PostgresLog.quiet)
                    try await connection.query(PostgresQuery(unsafeSQL: "CREATE ROLE \(reader) LOGIN PASSWORD '\(password)'"),
                                               logger: PostgresLog.quiet)
                }
                try await SQLiteCopier.copy(sqliteAt: path, into: target)
                try await target.withConnection { connection in
                    for statement in ["GRANT USAGE ON SCHEMA public TO \(reader)", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(reader)"] {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresLog.quiet)
                    }
                }
            }
            let readerURL = try PostgresURL("postgres://\(reader)@\(url.host):\(url.port)/\(name)", password: password)
            let made = LoadedDatabase(name: name, readerURL: readerURL, superuserURL: url.with(database: name))
            loaded[path] = made
            return made
        }
    }
}
