import BulkheadPostgresKit
import BulkheadTestCluster
import Foundation
import PostgresNIO
import Testing

/// `bulkhead db migrate` and PostgreSQL sources through the real binary, on the throwaway cluster.
@Suite(.serialized) struct PostgresCLITests {
    static let runtime = PostgresRuntime(name: "bulkhead.cli.tests.postgres")

    /// Runs statements as the cluster's superuser on `database`.
    private func superuser(_ cluster: ThrowawayCluster, database: String, _ statements: [String]) throws {
        let client = RunningClient(url: cluster.url.with(database: database), runtime: Self.runtime, logger: PostgresLog.quiet)
        defer { client.close() }
        try Self.runtime.wait {
            try await client.withConnection { connection in
                for statement in statements { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresLog.quiet) }
            }
        }
    }

    @Test func migrateCreatesTheServerRoleOnceAndRefusesAWrongPassword() throws {
        let cluster = try ThrowawayCluster.shared()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let ownerPassword = UUID().uuidString
        try superuser(cluster, database: "postgres", [
            "CREATE ROLE cliowner_\(suffix) LOGIN CREATEROLE PASSWORD '\(ownerPassword)'",
            "CREATE DATABASE cli_\(suffix) OWNER cliowner_\(suffix)",
        ])
        defer {
            try? superuser(cluster, database: "postgres", [
                "DROP DATABASE IF EXISTS cli_\(suffix) WITH (FORCE)", "DROP ROLE IF EXISTS cliserver_\(suffix)", "DROP ROLE IF EXISTS cliowner_\(suffix)",
            ])
        }
        let cli = CLI.freshHome("db")
        defer { cli.removeHome() }
        let url = "postgres://cliowner_\(suffix)@\(cluster.url.host):\(cluster.url.port)/cli_\(suffix)"
        let arguments = ["db", "migrate", "--owner-url", url, "--server-role", "cliserver_\(suffix)", "--create-server-role"]
        let first = try cli.run(arguments, stdin: "server-secret\n", environment: ["BULKHEAD_OWNER_PASSWORD": ownerPassword])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("applied migrations 1, 2, 3, 4, 5, 6"))
        #expect(first.stdout.contains("created the server role cliserver_\(suffix)"))
        let again = try cli.run(arguments, stdin: "server-secret\n", environment: ["BULKHEAD_OWNER_PASSWORD": ownerPassword])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("the schema is up to date"))
        #expect(!again.stdout.contains("created the server role"))
        let wrong = try cli.run(arguments, stdin: "x\n", environment: ["BULKHEAD_OWNER_PASSWORD": "wrong"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("the database refused the login"))
        #expect(!wrong.stderr.contains("authentication failed"))
        let withPassword = try cli.run(["db", "migrate", "--owner-url", "postgres://u:p@127.0.0.1/x"])
        #expect(withPassword.status == 1)
        #expect(withPassword.stderr.contains("put no password in the URL"))
    }

    @Test func anAdminConnectsAPostgresSourceThatOnlyTheirOrgCanQuery() throws {
        let cluster = try ThrowawayCluster.shared()
        let chinook = try cluster.loadedCopy(of: Self.chinookPath, runtime: Self.runtime)
        let cli = CLI.freshHome("pgsource")
        defer { cli.removeHome() }
        let demo = try cli.run(["demo", "--json"])
        #expect(demo.status == 0, "\(demo.stderr)")
        let accounts = try demo.json()["accounts"] as? [[String: Any]] ?? []
        func token(_ email: String) throws -> String {
            let password = accounts.first { $0["email"] as? String == email }?["password"] as? String ?? ""
            return try cli.run(["login", email, "--print-token"], stdin: password + "\n").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let ada = ["BULKHEAD_TOKEN": try token("ada@acme.test")]
        let gus = ["BULKHEAD_TOKEN": try token("gus@globex.test")]
        let password = (chinook.readerURL.password ?? "") + "\n"
        // Without a host grant the server does not connect anywhere a tenant names.
        let ungranted = try cli.run(["source", "add", "music", chinook.readerURL.description, "--password-stdin"], stdin: password, environment: ada)
        #expect(ungranted.status == 3, "\(ungranted.stderr)")
        #expect(ungranted.stderr.contains("grant-host"))
        let key = cli.home.appendingPathComponent("operator.key").path
        let host = "\(chinook.readerURL.host):\(chinook.readerURL.port)"
        let granted = try cli.run(["admin", "org", "grant-host", "Acme", host, "--operator-key", key])
        #expect(granted.status == 0, "\(granted.stderr)")
        let listedHosts = try cli.run(["admin", "org", "list", "--json", "--operator-key", key]).json()["organizations"] as? [[String: Any]] ?? []
        #expect(listedHosts.first { $0["name"] as? String == "Acme" }?["hosts"] as? [String] == [host])
        let added = try cli.run(["source", "add", "music", chinook.readerURL.description, "--password-stdin"], stdin: password, environment: ada)
        #expect(added.status == 0, "\(added.stderr)")
        let listed = try cli.run(["source", "list", "--json"], environment: ada).json()
        let kinds = (listed["sources"] as? [[String: Any]] ?? []).map { "\($0["name"] ?? "")/\($0["kind"] ?? "")" }
        #expect(kinds.contains("music/postgres"))
        #expect(!listed.description.contains(chinook.readerURL.password ?? "-"))
        let shown = try cli.run(["source", "show", "music", "--json"], environment: ada).json()
        #expect((shown["tables"] as? [[String: Any]])?.count == 11)
        let counted = try cli.run(["query", "music", #"SELECT count(*) FROM "Artist""#, "--json"], environment: ada).json()
        #expect((counted["rows"] as? [[Any]])?.first?.first as? Int == 275)
        let refused = try cli.run(["query", "music", "COPY (SELECT 1) TO PROGRAM 'true'"], environment: ada)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("COPY is not allowed"))
        let foreign = try cli.run(["query", "music", "SELECT 1"], environment: gus)
        #expect(foreign.status == 4)
        // Withdrawn: the source stops connecting.
        #expect(try cli.run(["admin", "org", "revoke-host", "Acme", host, "--operator-key", key]).status == 0)
        let revoked = try cli.run(["query", "music", "SELECT 1"], environment: ada)
        #expect(revoked.status == 3, "\(revoked.stderr)")
    }

    /// The repository's Chinook, found from this source file.
    static var chinookPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/chinook.sqlite").path
    }
}
