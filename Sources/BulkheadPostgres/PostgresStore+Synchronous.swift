import BulkheadCore
import BulkheadPostgresKit
import Logging
import PostgresNIO

extension PostgresStore {
    /// How a synchronous transaction behaves beyond its claims.
    public struct TransactionMode: Sendable, Hashable {
        /// A read-only transaction.
        public static let read = TransactionMode(readOnly: true, serialized: false)
        /// A read-only snapshot that every statement of the transaction sees alike (a backup's export).
        public static let snapshot = TransactionMode(readOnly: true, serialized: false, repeatable: true)
        /// A write that needs no order against other writers.
        public static let write = TransactionMode(readOnly: false, serialized: false)
        /// A write serialized against every other serialized write of the store (across servers),
        /// as SQLite serializes its writers: a check and the write that depends on it cannot race.
        public static let serializedWrite = TransactionMode(readOnly: false, serialized: true)

        let readOnly: Bool
        let serialized: Bool
        var repeatable = false

        /// The statement that starts the transaction.
        var begin: PostgresQuery {
            switch (readOnly, repeatable) {
            case (true, true): return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            case (true, false): return "BEGIN READ ONLY"
            case (false, true): return "BEGIN ISOLATION LEVEL REPEATABLE READ"
            case (false, false): return "BEGIN"
            }
        }
    }

    /// The key of the advisory lock serialized writes take.
    static let writeLockKey: Int64 = 0x6275_6C6B_636F_6E74

    /// Runs `body` on the calling thread in one transaction under `claims`; each of its
    /// statements is one round trip on a connection held for the whole transaction.
    ///
    /// Committed when `body` returns, rolled back when it throws. The claims are set with
    /// `set_config(…, true)`, local to this transaction.
    public func synchronousTransaction<T>(_ claims: RequestClaims, _ mode: TransactionMode,
                                          _ body: (PinnedConnection) throws -> T) throws -> T {
        let json = claims.json, begin = mode.begin, serialized = mode.serialized
        // BEGIN and the claims go out with the lease, COMMIT (or ROLLBACK) with the release: a
        // transaction of one statement is three hops to the runtime, not six.
        return try client.pinned(prepare: { connection in
            _ = try await connection.query(begin, logger: PostgresLog.quiet)
            if serialized {
                _ = try await connection.query("SELECT set_config('request.jwt.claims', \(json), true), pg_advisory_xact_lock(\(Self.writeLockKey))",
                                               logger: PostgresLog.quiet)
            } else {
                _ = try await connection.query("SELECT set_config('request.jwt.claims', \(json), true)", logger: PostgresLog.quiet)
            }
        }, finish: { connection, succeeded in
            _ = try await connection.query(succeeded ? "COMMIT" : "ROLLBACK", logger: PostgresLog.quiet)
        }, body)
    }

    /// Runs `body` in one transaction under `claims` and waits for it on the calling thread.
    ///
    /// Inside a request scope of these very claims on this store (see `PostgresRequestScopes`),
    /// `body` joins the scope's transaction instead: a `.read` stays in it, a `.write` commits it
    /// when `body` returns. Anywhere else, `body` gets a transaction of its own.
    public func waitTransaction<T: Sendable>(_ claims: RequestClaims, _ access: Access,
                                             _ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        if let scope = PostgresRequestScope.current, scope.client === client, scope.claims == claims,
           let joined = try scope.run(access, body) {
            return joined
        }
        return try client.runtime.wait { try await self.transaction(claims, body) }
    }

    /// Runs `body` in one transaction under `claims` as a write (see the variant with an `Access`).
    public func waitTransaction<T: Sendable>(_ claims: RequestClaims,
                                             _ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        try waitTransaction(claims, .write, body)
    }

    /// Whether a call only reads (it may share a request's transaction as it is) or writes (the
    /// shared transaction is committed when it returns).
    public enum Access: Sendable {
        /// Nothing to commit: the call's reads stay in the open transaction.
        case read
        /// Commit right after the call, so its writes are durable when it returns.
        case write
    }
}
