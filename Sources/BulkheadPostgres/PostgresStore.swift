import BulkheadCore
import BulkheadPostgresKit
import Logging
import PostgresNIO

/// A server's connection to the PostgreSQL store, as the role that owns nothing.
///
/// `open` refuses to start when the role could step around row-level security (see
/// `ServerRoleCheck`). Every operation runs in `transaction(_:_:)`, which first sets the verified
/// claims with `set_config('request.jwt.claims', $1, true)`: local to that transaction, never a
/// session setting on a pooled connection, so claims cannot outlive the request that set them.
public final class PostgresStore: Sendable {
    /// The pool, connected as the server role.
    public let client: RunningClient

    private init(client: RunningClient) {
        self.client = client
    }

    /// Connects to `url` as the server role and checks the role (on a single connection first, so a
    /// refused login reads as such); throws a clear error when the role may not serve.
    public static func open(url: PostgresURL, runtime: PostgresRuntime, maximumConnections: Int = 8,
                            logger: Logger = Logger(label: "bulkhead.postgres")) async throws -> PostgresStore {
        let client = RunningClient(url: url, runtime: runtime, maximumConnections: maximumConnections, logger: PostgresLog.quiet)
        do {
            try await SingleConnection.run(url) { try await ServerRoleCheck.require(on: $0) }
        } catch {
            client.close()
            let safe = (error as? BulkheadError) ?? PostgresErrorText.connectionFailure(error)
            logger.error("postgres store refused", metadata: ["code": "\(safe.code)"])
            throw safe
        }
        return PostgresStore(client: client)
    }

    /// Runs `body` in one transaction under `claims`; commits when it returns, rolls back when it throws.
    public func transaction<T: Sendable>(
        _ claims: RequestClaims, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await transaction(claims, .plain, body)
    }

    /// Runs `body` in one transaction under `claims` and `bookkeeping`; commits when it returns,
    /// rolls back when it throws. What `bookkeeping` asks for is set in the very statement that
    /// sets the claims, the first of the transaction, so it costs no round trip of its own.
    public func transaction<T: Sendable>(
        _ claims: RequestClaims, _ bookkeeping: Bookkeeping, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let first = bookkeeping.firstStatement(claims: claims.json)
        do {
            return try await client.withConnection { connection in
                try await connection.withTransaction(logger: PostgresLog.quiet) { connection in
                    try await connection.query(first, logger: PostgresLog.quiet)
                    return try await body(connection)
                }
            }
        } catch let error as PostgresTransactionError {
            // A refusal decided inside the transaction (rolled back) reaches the caller as itself.
            if let decided = error.closureError as? BulkheadError { throw decided }
            throw error
        }
    }

    /// Runs `body` in one transaction as `principal`'s org: the door to tenant rows.
    public func tenantTransaction<T: Sendable>(
        _ principal: Principal, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await transaction(.tenant(principal), body)
    }

    /// Closes the pool.
    public func close() {
        client.close()
    }
}
