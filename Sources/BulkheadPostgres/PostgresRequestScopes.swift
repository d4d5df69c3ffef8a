import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Foundation
import PostgresNIO
import Synchronization

/// ``RequestScopes`` on PostgreSQL: one leased connection and one transaction under the
/// request's claims, which the store calls of that request join.
///
/// The transaction starts as every tenant transaction does (`BEGIN`, then the verified claims
/// with `set_config(…, true)`, local to it). A joined read runs in it as it is; a joined write
/// commits it when the write's statements succeed, and a joined call that fails rolls it back;
/// the next joined call then begins a fresh transaction with the same claims first. So a write is durable when
/// its call returns and a failure undoes only what it would have undone alone, as outside a scope.
/// Only a call for exactly these claims on this store joins, only on the task that opened the
/// scope (and its children), and never once the scope has ended.
///
/// A call under other claims inside a scope (the shared limits, an org's own maintenance) needs a
/// connection of its own while the scope holds one. So scopes hold at most all but one of the
/// pool's connections (one, on a pool of one): when that many are open, a request runs unscoped,
/// each call in its own transaction, and the pool never fills with scopes that each wait for it.
final class PostgresRequestScopes: RequestScopes {
    let store: PostgresStore
    /// How many scopes hold a connection now.
    private let open = Atomic<Int>(0)

    init(store: PostgresStore) {
        self.store = store
    }

    func scoped<T: Sendable>(_ principal: Principal, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let claims = RequestClaims.tenant(principal), json = claims.json
        if let open = PostgresRequestScope.current, open.client === store.client, open.claims == claims {
            return try await body()
        }
        let client = store.client
        let cap = max(1, client.maximumConnections - 1)
        guard open.add(1, ordering: .acquiringAndReleasing).newValue <= cap else {
            open.subtract(1, ordering: .acquiringAndReleasing)
            return try await body()
        }
        defer { open.subtract(1, ordering: .acquiringAndReleasing) }
        // Whether a transaction is still open when the scope ends (not after a joined write's commit).
        let leftOpen = Atomic<Bool>(true)
        return try await client.scoped(prepare: { connection in
            try await PostgresRequestScope.begin(connection, claims: json)
        }, finish: { connection, _ in
            // Each joined call decided its own outcome; what is left is reads, or nothing.
            if leftOpen.load(ordering: .acquiring) { _ = try await connection.query("COMMIT", logger: PostgresLog.quiet) }
        }, { pinned in
            let scope = PostgresRequestScope(client: client, claims: claims, json: json, pinned: pinned)
            defer { leftOpen.store(scope.end(), ordering: .releasing) }
            return try await PostgresRequestScope.$current.withValue(scope) { try await body() }
        })
    }
}

/// The request transaction a task's store calls join (see ``PostgresRequestScopes``).
final class PostgresRequestScope: Sendable {
    /// The scope of the running task, if it opened one.
    @TaskLocal static var current: PostgresRequestScope?

    let client: RunningClient
    /// The claims every joined call runs under, and their JSON as set into the transaction.
    let claims: RequestClaims
    private let json: String
    private let pinned: PinnedConnection
    /// Serializes the joined calls and the end of the scope. `closed` once the scope ended or its
    /// connection failed, after which no call joins; `inTransaction` while a transaction under the
    /// claims is open (a joined write's commit ends it, and the next joined call begins another).
    private let state = Mutex((closed: false, inTransaction: true))

    init(client: RunningClient, claims: RequestClaims, json: String, pinned: PinnedConnection) {
        self.client = client
        self.claims = claims
        self.json = json
        self.pinned = pinned
    }

    /// Starts a transaction under `claims` on `connection` (the claims local to it).
    static func begin(_ connection: PostgresConnection, claims: String) async throws {
        _ = try await connection.query("BEGIN", logger: PostgresLog.quiet)
        _ = try await connection.query("SELECT set_config('request.jwt.claims', \(claims), true)", logger: PostgresLog.quiet)
    }

    /// Runs `body` in the scope's transaction; nil (and `body` not run) when the scope has ended.
    func run<T: Sendable>(_ access: PostgresStore.Access, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T? {
        let claims = self.json, pinned = self.pinned
        return try state.withLock { state -> T? in
            guard !state.closed else { return nil }
            let begins = !state.inTransaction
            do {
                let result = try pinned.run { connection in
                    // Begun in the same hop as the call, and every call runs after its claims are set.
                    if begins { try await Self.begin(connection, claims: claims) }
                    do {
                        let result = try await body(connection)
                        if access == .write { _ = try await connection.query("COMMIT", logger: PostgresLog.quiet) }
                        return result
                    } catch {
                        _ = try await connection.query("ROLLBACK", logger: PostgresLog.quiet)
                        throw JoinedFailure(error: error)
                    }
                }
                state.inTransaction = access == .read
                return result
            } catch let failure as JoinedFailure {
                state.inTransaction = false
                throw failure.error
            } catch {
                // The transaction could not be begun or ended: nothing more joins it, and the end of
                // the scope closes whatever is left of it.
                state.closed = true
                state.inTransaction = true
                throw error
            }
        }
    }

    /// Ends the scope: no call joins it afterwards (its connection goes back to the pool). Returns
    /// whether a transaction is still open on it.
    func end() -> Bool {
        state.withLock { state in
            state.closed = true
            return state.inTransaction
        }
    }
}

/// A joined call's own failure, told apart from a failure to start the next transaction.
private struct JoinedFailure: Error {
    let error: any Error
}
