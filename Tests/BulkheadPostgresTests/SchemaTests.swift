import BulkheadCore
import BulkheadPostgresKit
import PostgresNIO
import XCTest
@_spi(Testing) import BulkheadPostgres

/// The migrated schema, read back from the catalog: what the isolation rests on.
final class SchemaTests: PostgresTestCase {
    func testEveryTableHasForcedRowSecurityAndEveryTenantTableLeadsWithOrg() throws {
        let store = try database.openStore()
        defer { store.close() }
        let (tables, orgTables, badIndexes, views, definers) = try wait {
            try await store.transaction(.operator) { connection in
                let tables = try await connection.query("""
                    SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'bulkhead' AND c.relkind = 'r' ORDER BY 1
                    """, logger: PostgresLog.quiet).collect().map { try $0.decode((String, Bool, Bool).self) }
                let orgTables = try await Self.fetch("""
                    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id' AND a.attnotnull
                    WHERE n.nspname = 'bulkhead' AND c.relkind = 'r' AND a.attnum = 1 ORDER BY 1
                    """, String.self, on: connection)
                // Indexes of tenant tables whose first column is not org_id.
                let badIndexes = try await Self.fetch("""
                    SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                    JOIN pg_namespace n ON n.oid = t.relnamespace
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
                    WHERE n.nspname = 'bulkhead' AND t.relname IN (\(PostgresSchema.tenantTableNames.map { "'\($0)'" }.joined(separator: ", "))) AND a.attname <> 'org_id'
                    """, String.self, on: connection)
                let views = try await connection.query("""
                    SELECT c.relname, coalesce('security_invoker=true' = ANY(c.reloptions), false) FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'bulkhead' AND c.relkind = 'v'
                    """, logger: PostgresLog.quiet).collect().map { try $0.decode((String, Bool).self) }
                let definers = try await Self.fetch("""
                    SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = 'bulkhead' AND p.prosecdef
                    """, String.self, on: connection)
                return (tables, orgTables, badIndexes, views, definers)
            }
        }
        XCTAssertGreaterThanOrEqual(tables.count, 20)
        for (name, enabled, forced) in tables {
            XCTAssertTrue(enabled && forced, "\(name) must have ENABLE and FORCE ROW LEVEL SECURITY")
        }
        XCTAssertEqual(Set(orgTables).subtracting(["memberships", "invitations", "host_grants", "limit_buckets", "org_limits"]), Set(PostgresSchema.tenantTableNames),
                       "every tenant table, and only those (with the control-plane tables keyed by org), has a NOT NULL org_id")
        XCTAssertEqual(badIndexes, [], "every index of a tenant table leads with org_id")
        XCTAssertFalse(views.isEmpty)
        for (name, invoker) in views { XCTAssertTrue(invoker, "view \(name) must be security_invoker") }
        XCTAssertEqual(definers, [], "no SECURITY DEFINER function")
    }

    func testMigratingAgainAppliesNothingAndTheServerRoleOwnsNothing() throws {
        let owner = RunningClient(url: database.ownerURL, runtime: database.runtime, logger: PostgresLog.quiet)
        defer { owner.close() }
        let again = try wait { try await PostgresMigrator(client: owner).migrate() }
        XCTAssertEqual(again, [])
        let store = try database.openStore()
        defer { store.close() }
        let problems = try wait { try await store.client.withConnection { try await ServerRoleCheck.problems(on: $0) } }
        XCTAssertEqual(problems, [])
    }

    func testEveryTenantTableHasASeed() {
        XCTAssertEqual(Set(TenantSeeds.all.map(\.table)), Set(PostgresSchema.tenantTableNames))
    }
}
