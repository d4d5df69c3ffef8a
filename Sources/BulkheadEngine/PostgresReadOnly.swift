import BulkheadCore
import BulkheadPostgresKit
import PostgresNIO

/// A READ ONLY transaction on a PostgreSQL source that always ends in ROLLBACK, its failures turned into safe errors.
enum PostgresReadOnly {
    /// Leases a connection of `client`, runs `body` inside `START TRANSACTION READ ONLY`, rolls back.
    static func run<T: Sendable>(
        _ client: RunningClient, timeLimit: Double, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        do {
            return try await client.withConnection { connection in
                try await connection.query("START TRANSACTION READ ONLY", logger: PostgresLog.quiet)
                do {
                    let result = try await body(connection)
                    try await connection.query("ROLLBACK", logger: PostgresLog.quiet)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: PostgresLog.quiet)
                    throw error
                }
            }
        } catch {
            throw PostgresErrorText.safe(error, timeLimit: timeLimit)
        }
    }
}
