import BulkheadCore

/// Lets the store reads of one request share what they can: on PostgreSQL one connection and
/// one transaction under the request's claims, instead of a lease, a `BEGIN`, the claims and a
/// `COMMIT` for every read; on SQLite nothing (each read is already a local file read).
///
/// Inside `scoped`, every store call made for the same principal on the same task behaves as it
/// does outside: a read sees what is committed, a write is committed when its call returns.
/// Calls for another principal, other claims, or from a task that outlives the scope never join
/// it; they run in their own transaction as always.
public protocol RequestScopes: Sendable {
    /// Runs `body`, letting the store calls it makes for `principal` share one request transaction.
    func scoped<T: Sendable>(_ principal: Principal, _ body: @escaping @Sendable () async throws -> T) async throws -> T
}

/// The scope of a store whose calls have nothing to share (SQLite): `body` runs as it is.
public struct UnsharedRequestScopes: RequestScopes {
    /// The scope of a store that shares nothing.
    public init() {}

    public func scoped<T: Sendable>(_ principal: Principal, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await body()
    }
}
