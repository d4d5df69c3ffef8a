import BulkheadCore
import BulkheadPostgresKit
import BulkheadTestCluster
import Foundation
import PostgresNIO
@_spi(Testing) import BulkheadPostgres

/// A fresh database in the throwaway cluster, with its own owner role and server role, migrated.
///
/// Roles are cluster-wide, so each database gets roles with its own random suffix; the owner
/// may create roles (the migrator makes the server role), the server role owns nothing.
final class TestDatabase: Sendable {
    let cluster: ThrowawayCluster
    let runtime: PostgresRuntime
    let suffix: String
    let name: String
    let ownerURL: PostgresURL
    let serverURL: PostgresURL

    static let acme = OrgID(rawValue: "acme")!
    static let globex = OrgID(rawValue: "globex")!

    init(migrate: Bool = true) throws {
        cluster = try ThrowawayCluster.shared()
        runtime = PostgresRuntime(name: "bulkhead.postgres.tests")
        suffix = UUID().uuidString.prefix(8).lowercased()
        name = "bulkhead_\(suffix)"
        let ownerPassword = UUID().uuidString
        let serverPassword = UUID().uuidString
        ownerURL = try PostgresURL("postgres://owner_\(suffix)@\(cluster.url.host):\(cluster.url.port)/\(name)", password: ownerPassword)
        serverURL = try PostgresURL("postgres://server_\(suffix)@\(cluster.url.host):\(cluster.url.port)/\(name)", password: serverPassword)
        try superuser(database: "postgres", [
            "CREATE ROLE owner_\(suffix) LOGIN CREATEROLE PASSWORD '\(ownerPassword)'",
            "CREATE DATABASE \(name) OWNER owner_\(suffix)",
        ])
        if migrate {
            let owner = RunningClient(url: ownerURL, runtime: runtime, logger: PostgresLog.quiet)
            defer { owner.close() }
            let role = try RoleName("server_\(suffix)")
            try runtime.wait {
                let migrator = PostgresMigrator(client: owner)
                try await migrator.migrate()
                try await migrator.createServerRole(role, password: serverPassword)
                try await migrator.grant(to: role)
            }
        }
    }

    /// Runs statements as the cluster's superuser on `database` (this test's database by default).
    func superuser(database: String? = nil, _ statements: [String]) throws {
        let client = RunningClient(url: cluster.url.with(database: database ?? name), runtime: runtime, logger: PostgresLog.quiet)
        defer { client.close() }
        try runtime.wait {
            try await client.withConnection { connection in
                for statement in statements { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresLog.quiet) }
            }
        }
    }

    /// Opens the store as the server role (the role check passes for it).
    func openStore(maximumConnections: Int = 4) throws -> PostgresStore {
        let url = serverURL
        let runtime = runtime
        return try runtime.wait { try await PostgresStore.open(url: url, runtime: runtime, maximumConnections: maximumConnections) }
    }

    /// Creates Acme and Globex (as an operator) and one row of every tenant table for each (as that org).
    func seedTwoOrgs(_ store: PostgresStore) throws {
        try runtime.wait {
            try await store.transaction(.operator) { connection in
                for org in [Self.acme, Self.globex] {
                    try await connection.query(
                        "INSERT INTO bulkhead.organizations (id, name, created_at) VALUES (\(org.rawValue), \(org.rawValue.capitalized), now())",
                        logger: PostgresLog.quiet)
                    try await connection.query(
                        "INSERT INTO bulkhead.users (id, email, password_hash, created_at) VALUES (\("u-" + org.rawValue), \(org.rawValue + "@example.com"), 'x', now())",
                        logger: PostgresLog.quiet)
                    try await connection.query(
                        "INSERT INTO bulkhead.memberships (org_id, user_id, role, created_at) VALUES (\(org.rawValue), \("u-" + org.rawValue), 'admin', now())",
                        logger: PostgresLog.quiet)
                    try await connection.query(
                        "INSERT INTO bulkhead.security_events (at, kind, org_id, detail) VALUES (now(), 'test', \(org.rawValue), 'seed')",
                        logger: PostgresLog.quiet)
                }
            }
            for org in [Self.acme, Self.globex] {
                try await store.transaction(Self.claims(org)) { connection in
                    for seed in TenantSeeds.all { try await connection.query(seed.insert(org: org), logger: PostgresLog.quiet) }
                }
            }
        }
    }

    /// Admin claims of `org`'s seeded user.
    static func claims(_ org: OrgID) -> RequestClaims {
        RequestClaims(orgID: org, userID: UserID(rawValue: "u-" + org.rawValue), role: .admin, sessionID: nil)
    }

    /// Drops the database and its roles.
    func drop() {
        try? superuser(database: "postgres", [
            "DROP DATABASE IF EXISTS \(name) WITH (FORCE)",
            "DROP ROLE IF EXISTS server_\(suffix)",
            "DROP ROLE IF EXISTS owner_\(suffix)",
        ])
    }
}
