import BulkheadCore
import BulkheadPostgres
import BulkheadPostgresKit
import BulkheadTestCluster
import Foundation
import PostgresNIO
import Synchronization

/// A migrated template database in the throwaway cluster, copied for each test.
///
/// Migrating takes a while; copying a template is quick. One owner role, one server role and one
/// template are made per test process (roles are cluster-wide, so their names carry a random
/// suffix); each test database is `CREATE DATABASE … TEMPLATE` of it, owned by the owner role,
/// with the server role's grants already in it.
public final class StoreTemplate: Sendable {
    public let cluster: ThrowawayCluster
    public let runtime: PostgresRuntime
    let suffix: String
    let template: String
    let ownerPassword: String
    let serverPassword: String

    private static let cached = Mutex<StoreTemplate?>(nil)

    /// The template of this process, made on first use.
    public static func shared() throws -> StoreTemplate {
        try cached.withLock { cached in
            if let cached { return cached }
            let made = try StoreTemplate()
            cached = made
            return made
        }
    }

    private init() throws {
        cluster = try ThrowawayCluster.shared()
        runtime = PostgresRuntime(name: "bulkhead.postgres.test-stores")
        suffix = UUID().uuidString.prefix(8).lowercased()
        template = "bulkhead_tpl_\(suffix)"
        ownerPassword = UUID().uuidString
        serverPassword = UUID().uuidString
        try superuser(database: "postgres", [
            "CREATE ROLE owner_\(suffix) LOGIN CREATEROLE PASSWORD '\(ownerPassword)'",
            "CREATE DATABASE \(template) OWNER owner_\(suffix)",
        ])
        let owner = RunningClient(url: ownerURL(database: template), runtime: runtime, maximumConnections: 1, logger: PostgresLog.quiet)
        let role = try RoleName("server_\(suffix)")
        let password = serverPassword
        defer { owner.close() }
        try runtime.wait {
            let migrator = PostgresMigrator(client: owner)
            try await migrator.migrate()
            try await migrator.createServerRole(role, password: password)
            try await migrator.grant(to: role)
        }
    }

    /// The owner role's URL on `database`.
    public func ownerURL(database: String) -> PostgresURL {
        // The host and port come from the cluster's URL; nothing here is user input.
        (try? PostgresURL("postgres://owner_\(suffix)@\(cluster.url.host):\(cluster.url.port)/\(database)", password: ownerPassword))!
    }

    /// The server role's URL on `database`.
    public func serverURL(database: String) -> PostgresURL {
        (try? PostgresURL("postgres://server_\(suffix)@\(cluster.url.host):\(cluster.url.port)/\(database)", password: serverPassword))!
    }

    /// A new database copied from the template.
    ///
    /// A template may have no other session while it is copied, and the migration's own
    /// connection closes in the background, so a refused copy is tried again for a few seconds;
    /// copies are made one at a time.
    public func makeDatabase() throws -> StoreDatabase {
        let name = "bulkhead_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        try copying.withLock { _ in
            var attempt = 0
            while true {
                do {
                    // A database's own rights are not copied from its template: take temporary tables away
                    // again, as `bulkhead db migrate` does.
                    try superuser(database: "postgres", ["CREATE DATABASE \(name) TEMPLATE \(template) OWNER owner_\(suffix)",
                                                         "REVOKE TEMPORARY ON DATABASE \(name) FROM PUBLIC"])
                    return
                } catch where PostgresErrorText.sqlState(error) == "55006" && attempt < 50 {
                    attempt += 1
                    usleep(100_000)
                }
            }
        }
        return StoreDatabase(template: self, name: name)
    }

    private let copying = Mutex<Void>(())

    /// Runs statements as the cluster's superuser on `database`.
    public func superuser(database: String, _ statements: [String]) throws {
        let client = RunningClient(url: cluster.url.with(database: database), runtime: runtime, maximumConnections: 1, logger: PostgresLog.quiet)
        defer { client.close() }
        try runtime.wait {
            try await client.withConnection { connection in
                for statement in statements { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresLog.quiet) }
            }
        }
    }
}

/// One test's database: a copy of the template, dropped by `drop()`.
public final class StoreDatabase: Sendable {
    public let template: StoreTemplate
    public let name: String

    init(template: StoreTemplate, name: String) {
        self.template = template
        self.name = name
    }

    /// The server role's URL on this database.
    public var serverURL: PostgresURL { template.serverURL(database: name) }

    /// Opens the store as the server role.
    public func openStore(maximumConnections: Int = 4) throws -> PostgresStore {
        let url = serverURL, runtime = template.runtime
        return try runtime.wait { try await PostgresStore.open(url: url, runtime: runtime, maximumConnections: maximumConnections) }
    }

    /// Drops the database (its connections are ended first).
    public func drop() {
        try? template.superuser(database: "postgres", ["DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
    }
}
