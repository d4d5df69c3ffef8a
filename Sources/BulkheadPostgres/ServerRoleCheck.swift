import BulkheadCore
import BulkheadPostgresKit
import PostgresNIO

/// What a server checks about its own database role before it serves anyone.
///
/// Row-level security holds only against a role that is held to it: not a superuser, without
/// BYPASSRLS, unable to act as such a role, and owning nothing in the schema (an owner could
/// turn FORCE off or drop a policy). The check reads the catalog as the role itself.
public enum ServerRoleCheck {
    /// Every problem of the connection's current role; empty when it may serve tenants.
    public static func problems(on connection: PostgresConnection) async throws -> [RoleProblem] {
        let rows = try await connection.query("""
            SELECT r.rolsuper, r.rolbypassrls,
                EXISTS (SELECT 1 FROM pg_roles o WHERE o.oid <> r.oid AND (o.rolsuper OR o.rolbypassrls)
                        AND pg_has_role(r.oid, o.oid, 'MEMBER')),
                EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname = 'bulkhead' AND pg_has_role(r.oid, n.nspowner, 'MEMBER'))
                OR EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = 'bulkhead' AND pg_has_role(r.oid, c.relowner, 'MEMBER'))
                OR EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                           WHERE n.nspname = 'bulkhead' AND pg_has_role(r.oid, p.proowner, 'MEMBER')),
                to_regclass('bulkhead.schema_migrations') IS NOT NULL
            FROM pg_roles r WHERE r.rolname = current_user
            """, logger: PostgresLog.quiet)
        guard let row = try await rows.collect().first else { throw BulkheadError.internalFailure(code: "postgres-role-check") }
        let (superuser, bypass, canBecome, owns, hasSchema) = try row.decode((Bool, Bool, Bool, Bool, Bool).self)
        var problems: [RoleProblem] = []
        if superuser { problems.append(.superuser) }
        if bypass { problems.append(.bypassesRowSecurity) }
        if canBecome { problems.append(.canBecomeBypassingRole) }
        if owns { problems.append(.ownsSchemaObjects) }
        if !hasSchema {
            problems.append(.schemaMissing)
        } else if try await PostgresMigrator.appliedVersion(on: connection) < PostgresSchema.latestVersion {
            problems.append(.schemaOutdated)
        }
        return problems
    }

    /// Throws a clear error naming the first problem, or returns when the role may serve tenants.
    public static func require(on connection: PostgresConnection) async throws {
        if let problem = try await problems(on: connection).first {
            throw BulkheadError.integrity(problem.message)
        }
    }
}
