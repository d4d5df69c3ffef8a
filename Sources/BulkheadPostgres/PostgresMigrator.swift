import BulkheadCore
import BulkheadPostgresKit
import PostgresNIO

/// Runs the schema's migrations as the owner role, and sets up the server role that owns nothing.
///
/// Each pending migration runs in its own transaction under an advisory lock, so two
/// `bulkhead db migrate` runs at once apply each version exactly once. The server role gets
/// the data rights it needs (never ownership, never the migrations ledger's writes), again on
/// every run, so tables added by a later migration are granted too.
public struct PostgresMigrator: Sendable {
    /// The pool, connected as the owner role.
    public let client: RunningClient

    /// Migrates through `client`, which must be connected as the role that is to own the schema.
    public init(client: RunningClient) {
        self.client = client
    }

    /// An arbitrary constant shared by every migrator, the key of the advisory lock.
    static let lockKey: Int64 = 0x6275_6C6B_6865_6164 & 0x7FFF_FFFF_FFFF_FFFF

    /// Applies every pending migration in order; returns the versions it applied.
    @discardableResult
    public func migrate() async throws -> [Int] {
        var applied: [Int] = []
        for migration in PostgresSchema.migrations {
            let ran = try await client.withConnection { connection in
                try await connection.withTransaction(logger: PostgresLog.quiet) { connection in
                    try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: PostgresLog.quiet)
                    guard try await Self.appliedVersion(on: connection) < migration.version else { return false }
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresLog.quiet)
                    }
                    try await connection.query(
                        "INSERT INTO bulkhead.schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                        logger: PostgresLog.quiet)
                    return true
                }
            }
            if ran { applied.append(migration.version) }
        }
        return applied
    }

    /// Creates the server role when it does not exist yet: it may log in, and is neither superuser, nor
    /// BYPASSRLS, nor able to create roles or databases. The owner role needs CREATEROLE for this.
    /// Returns false when the role already existed (its password is left alone).
    @discardableResult
    public func createServerRole(_ role: RoleName, password: String) async throws -> Bool {
        guard !password.isEmpty else { throw BulkheadError.invalidInput("the server role needs a password") }
        return try await client.withConnection { connection in
            let exists = try await connection.query("SELECT 1 FROM pg_roles WHERE rolname = \(role.rawValue)", logger: PostgresLog.quiet)
                .collect().isEmpty == false
            if exists { return false }
            // The server quotes the name and the password itself (%I, %L).
            let rows = try await connection.query("""
                SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION NOINHERIT PASSWORD %L',
                              \(role.rawValue)::text, \(password)::text)
                """, logger: PostgresLog.quiet).collect()
            guard let statement = try rows.first?.decode(String.self) else { throw BulkheadError.internalFailure(code: "postgres-create-role") }
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresLog.quiet)
            return true
        }
    }

    /// Grants `role` what a server needs: the schema, reads and writes on every table (reads only
    /// on the migrations ledger) and the claim functions. Nothing that would let it own anything.
    ///
    /// It also takes temporary tables away from everyone on this database (the owner owns it): a
    /// temporary table has no row-level security and lives as long as its pooled connection, so
    /// rows put there under one org's claims could be read under another's.
    public func grant(to role: RoleName) async throws {
        let name = "\"\(role.rawValue)\""
        let statements = [
            "GRANT USAGE ON SCHEMA bulkhead TO \(name)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA bulkhead TO \(name)",
            "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON bulkhead.schema_migrations FROM \(name)",
            "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA bulkhead TO \(name)",
        ]
        try await client.withConnection { connection in
            try await connection.withTransaction(logger: PostgresLog.quiet) { connection in
                for statement in statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresLog.quiet)
                }
                let revokes = try await connection.query("""
                    SELECT format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()),
                           format('REVOKE TEMPORARY ON DATABASE %I FROM %I', current_database(), \(role.rawValue)::text)
                    """, logger: PostgresLog.quiet).collect()
                if let row = revokes.first {
                    let (fromPublic, fromRole) = try row.decode((String, String).self)
                    for statement in [fromPublic, fromRole] {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresLog.quiet)
                    }
                }
            }
        }
    }

    /// The newest applied version, 0 when the schema has none yet.
    static func appliedVersion(on connection: PostgresConnection) async throws -> Int {
        let exists = try await connection.query("SELECT to_regclass('bulkhead.schema_migrations') IS NOT NULL", logger: PostgresLog.quiet)
            .collect().first?.decode(Bool.self) ?? false
        guard exists else { return 0 }
        let rows = try await connection.query("SELECT coalesce(max(version), 0) FROM bulkhead.schema_migrations", logger: PostgresLog.quiet)
            .collect()
        return try rows.first?.decode(Int.self) ?? 0
    }
}
