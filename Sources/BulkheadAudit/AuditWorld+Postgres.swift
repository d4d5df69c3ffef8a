import Foundation
import BulkheadCore
import BulkheadPostgres
import BulkheadPostgresKit
import PostgresNIO

/// Statements sent straight to the PostgreSQL store as the server role, below every service: what
/// a bug in the application (or an attacker running SQL as the application) could send.
extension AuditWorld {
    /// The store as the server role; fails on a store that is not PostgreSQL.
    func rawStore() throws -> PostgresStore {
        guard let postgres else { throw AuditBreach("this attack needs the PostgreSQL store") }
        return postgres
    }

    /// Runs `sql` in one transaction under `claims` (or with none) and returns each row's first column as text.
    @discardableResult
    func rawRows(_ claims: RequestClaims?, _ sql: String) throws -> [String] {
        let store = try rawStore()
        let query = PostgresQuery(unsafeSQL: sql)
        let body: @Sendable (PostgresConnection) async throws -> [String] = { connection in
            try await connection.query(query, logger: PostgresLog.quiet).collect().map { row in
                try row.first.map { try $0.decode(String?.self) ?? "" } ?? ""
            }
        }
        if let claims { return try store.waitTransaction(claims, body) }
        return try store.client.runtime.wait { try await store.client.withConnection(body) }
    }

    /// The SQLSTATE a statement under `claims` fails with, or nil when it succeeds (it is rolled back either way).
    func rawRefusal(_ claims: RequestClaims?, _ sql: String) throws -> String? {
        let store = try rawStore()
        let query = PostgresQuery(unsafeSQL: sql)
        let json = claims?.json
        return try store.client.runtime.wait {
            try await store.client.withConnection { connection -> String? in
                try await connection.query("BEGIN", logger: PostgresLog.quiet)
                var state: String?
                do {
                    if let json {
                        try await connection.query("SELECT set_config('request.jwt.claims', \(json), true)", logger: PostgresLog.quiet)
                    }
                    _ = try await connection.query(query, logger: PostgresLog.quiet).collect()
                } catch {
                    state = PostgresErrorText.sqlState(error) ?? "not-a-server-error"
                }
                _ = try? await connection.query("ROLLBACK", logger: PostgresLog.quiet)
                return state
            }
        }
    }

    /// Requires `sql` under `claims` to be refused by the server; `what` names the attempt.
    func requireRefused(_ claims: RequestClaims?, _ sql: String, _ what: String) throws {
        let state = try rawRefusal(claims, sql)
        try require(state != nil, "\(what) was accepted by the store")
        try require(state != "not-a-server-error", "\(what) could not be sent")
    }

    /// The claims of `tenant`'s admin.
    func claims(_ tenant: AuditTenant) -> RequestClaims { .tenant(tenant.admin) }

    /// Every tenant table's rows of the org in the claims, as JSON text (for greps).
    func tenantRowsText(_ tenant: AuditTenant) throws -> [String] {
        try PostgresSchema.tenantTableNames.flatMap { table in
            try rawRows(claims(tenant), "SELECT row_to_json(t)::text FROM bulkhead.\(table) t")
        }
    }

    /// Every control-plane table's rows, as JSON text, read as the operator.
    func controlRowsText() throws -> [String] {
        let tables = ["organizations", "users", "memberships", "sessions", "login_failures", "ssh_keys", "security_events", "operators",
                      "folder_grants", "invitations", "source_claims", "host_grants"]
        return try tables.flatMap { try rawRows(.operator, "SELECT row_to_json(t)::text FROM bulkhead.\($0) t") }
    }

    /// A string literal for SQL (our own ids and canaries only: letters, digits and dashes).
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
