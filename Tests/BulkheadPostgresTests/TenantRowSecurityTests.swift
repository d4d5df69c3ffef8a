import BulkheadCore
import BulkheadPostgresKit
import PostgresNIO
import XCTest
@_spi(Testing) import BulkheadPostgres

/// Row-level security proven below the application: connected as the server role, with raw SQL.
final class TenantRowSecurityTests: PostgresTestCase {
    private var store: PostgresStore!

    override func setUpWithError() throws {
        try super.setUpWithError()
        store = try database.openStore(maximumConnections: 1)
        try database.seedTwoOrgs(store)
    }

    override func tearDown() {
        store?.close()
        store = nil
        super.tearDown()
    }

    /// (table, rows of Acme, rows of any other org) for every tenant table, read under `claims` with raw SQL.
    private func census(_ claims: RequestClaims?) throws -> [(String, Int, Int)] {
        let body: @Sendable (PostgresConnection) async throws -> [(String, Int, Int)] = { connection in
            var counts: [(String, Int, Int)] = []
            for table in PostgresSchema.tenantTableNames + ["request_summaries"] {
                let row = try await connection.query(PostgresQuery(unsafeSQL: """
                    SELECT count(*) FILTER (WHERE org_id = 'acme'), count(*) FILTER (WHERE org_id <> 'acme') FROM bulkhead.\(table)
                    """), logger: PostgresLog.quiet).collect().first!
                let (acme, others) = try row.decode((Int, Int).self)
                counts.append((table, acme, others))
            }
            return counts
        }
        let store = self.store!
        if let claims { return try wait { try await store.transaction(claims, body) } }
        return try wait { try await store.client.withConnection(body) }
    }

    func testAcmeClaimsSeeEveryTenantTableOfAcmeAndNoRowOfGlobex() throws {
        for (table, acme, others) in try census(TestDatabase.claims(TestDatabase.acme)) {
            XCTAssertEqual(acme, 1, "\(table): Acme sees its own row")
            XCTAssertEqual(others, 0, "\(table): Acme sees no row of Globex")
        }
        for (table, acme, others) in try census(TestDatabase.claims(TestDatabase.globex)) {
            XCTAssertEqual(acme, 0, "\(table): Globex sees no row of Acme")
            XCTAssertEqual(others, 1, "\(table): Globex sees its own row")
        }
    }

    func testWithoutClaimsNothingIsVisible() throws {
        for (table, acme, others) in try census(nil) {
            XCTAssertEqual(acme + others, 0, "\(table) shows rows to a connection without claims")
        }
        let store = self.store!
        let control = try wait {
            try await store.client.withConnection { connection in
                var counts: [Int] = []
                for table in ["organizations", "users", "memberships", "sessions", "login_failures", "ssh_keys", "security_events"] {
                    counts += try await Self.fetch("SELECT count(*) FROM bulkhead.\(table)", Int.self, on: connection)
                }
                return counts
            }
        }
        XCTAssertEqual(control, [0, 0, 0, 0, 0, 0, 0], "control-plane tables show nothing without claims")
    }

    func testInsertingOrMovingAGlobexRowWithAcmeClaimsIsRefused() throws {
        let store = self.store!
        for seed in TenantSeeds.all {
            let insert = sqlState {
                try await store.transaction(TestDatabase.claims(TestDatabase.acme)) { connection in
                    _ = try await connection.query(seed.insert(org: TestDatabase.globex), logger: PostgresLog.quiet)
                }
            }
            XCTAssertEqual(insert, "42501", "\(seed.table): a Globex row inserted with Acme's claims must be refused")
            let move = sqlState {
                try await store.transaction(TestDatabase.claims(TestDatabase.acme)) { connection in
                    _ = try await connection.query(PostgresQuery(unsafeSQL: "UPDATE bulkhead.\(seed.table) SET org_id = 'globex'"),
                                                   logger: PostgresLog.quiet)
                }
            }
            XCTAssertNotNil(move, "\(seed.table): an Acme row moved to Globex must be refused")
        }
        // Globex still has exactly its own rows.
        for (table, acme, others) in try census(TestDatabase.claims(TestDatabase.globex)) {
            XCTAssertEqual(acme, 0, table)
            XCTAssertEqual(others, 1, table)
        }
    }

    func testClaimsSetForTheSessionOnAPooledConnectionNeverReachAnotherTransaction() throws {
        let store = self.store!
        let acme = TestDatabase.claims(TestDatabase.acme).json
        // A faulty caller sets Acme's claims for the whole session of the pool's only connection.
        try wait {
            try await store.client.withConnection { connection in
                _ = try await connection.query("SELECT set_config('request.jwt.claims', \(acme), false)", logger: PostgresLog.quiet)
            }
        }
        // The next transactions on that same connection run under their own claims, not Acme's.
        for (table, acmeRows, others) in try census(TestDatabase.claims(TestDatabase.globex)) {
            XCTAssertEqual(acmeRows, 0, "\(table): Acme's session claims leaked into a Globex transaction")
            XCTAssertEqual(others, 1, table)
        }
        for (table, acmeRows, others) in try census(.authService) {
            XCTAssertEqual(acmeRows + others, 0, "\(table): Acme's session claims leaked into a transaction without an org")
        }
        let seen = try wait {
            try await store.transaction(TestDatabase.claims(TestDatabase.globex)) { connection in
                try await Self.fetch("SELECT bulkhead.current_org()", String.self, on: connection)
            }
        }
        XCTAssertEqual(seen, ["globex"])
    }

    func testControlPlaneShowsATenantOnlyItsOwnOrgMembersAndEvents() throws {
        let store = self.store!
        let (orgs, members, users, events) = try wait {
            try await store.transaction(TestDatabase.claims(TestDatabase.acme)) { connection in
                (try await Self.fetch("SELECT id FROM bulkhead.organizations ORDER BY id", String.self, on: connection),
                 try await Self.fetch("SELECT org_id FROM bulkhead.memberships", String.self, on: connection),
                 try await Self.fetch("SELECT email FROM bulkhead.users", String.self, on: connection),
                 try await Self.fetch("SELECT org_id FROM bulkhead.security_events", String.self, on: connection))
            }
        }
        XCTAssertEqual(orgs, ["acme"])
        XCTAssertEqual(members, ["acme"])
        XCTAssertEqual(users, ["acme@example.com"])
        XCTAssertEqual(events, ["acme"])
        let everything = try wait {
            try await store.transaction(.authService) { connection in
                try await Self.fetch("SELECT id FROM bulkhead.organizations ORDER BY id", String.self, on: connection)
            }
        }
        XCTAssertEqual(everything, ["acme", "globex"])
        let forged = sqlState {
            try await store.transaction(TestDatabase.claims(TestDatabase.acme)) { connection in
                _ = try await connection.query(
                    "INSERT INTO bulkhead.security_events (at, kind, org_id, detail) VALUES (now(), 'x', 'globex', 'forged')",
                    logger: PostgresLog.quiet)
            }
        }
        XCTAssertEqual(forged, "42501", "a tenant cannot record an event for another org")
    }
}
