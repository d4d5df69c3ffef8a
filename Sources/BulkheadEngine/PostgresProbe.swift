import BulkheadCore
import BulkheadPostgresKit
import PostgresNIO

/// The one login made when a PostgreSQL source is added: can the engine connect, and is the role safe to run tenants' SQL as?
///
/// A superuser, or a member of `pg_read_server_files`, `pg_write_server_files` or
/// `pg_execute_server_program`, could read the server's files or run programs there whatever
/// the engine refuses, so such a role is refused; a read-only role is what to connect.
enum PostgresProbe {
    static func check(_ url: PostgresURL, runtime: PostgresRuntime) throws {
        try runtime.wait {
            let powerful = try await SingleConnection.run(url) { connection -> Bool in
                do {
                    let row = try await connection.query("""
                        SELECT r.rolsuper OR pg_has_role(r.oid, 'pg_read_server_files', 'MEMBER')
                            OR pg_has_role(r.oid, 'pg_write_server_files', 'MEMBER')
                            OR pg_has_role(r.oid, 'pg_execute_server_program', 'MEMBER')
                        FROM pg_roles r WHERE r.rolname = current_user
                        """, logger: PostgresLog.quiet).collect().first
                    return try row?.decode(Bool.self) ?? true
                } catch {
                    throw PostgresErrorText.safe(error, timeLimit: 5)
                }
            }
            if powerful {
                throw BulkheadError.invalidInput(
                    "connect a read-only role: this role is a superuser or may read server files or run programs on the server")
            }
        }
    }
}
