import PostgresNIO

extension PostgresStore {
    /// What a transaction sets beside its claims, in the same first statement.
    ///
    /// The shared limits' transactions are short bookkeeping that every request pays for: the
    /// claims, the commit mode and the lock that orders them go out as one statement, not three.
    public struct Bookkeeping: Sendable, Hashable {
        /// Claims only: a transaction like any other.
        public static let plain = Bookkeeping(asynchronousCommit: false, lock: nil)

        /// The commit returns without waiting for the disk (`synchronous_commit` off, local to the
        /// transaction): a crash of the database may forget its last fraction of a second, never
        /// make a change visible to one server and not another.
        public let asynchronousCommit: Bool
        /// The name of a transaction-level advisory lock taken before any other statement runs.
        public let lock: String?

        /// Bookkeeping that commits without waiting for the disk, holding the advisory lock named
        /// `lock` (if any) for the rest of the transaction.
        public static func limits(lock: String? = nil) -> Bookkeeping {
            Bookkeeping(asynchronousCommit: true, lock: lock)
        }

        /// The transaction's first statement: the claims (local to the transaction), then the rest.
        func firstStatement(claims json: String) -> PostgresQuery {
            switch (asynchronousCommit, lock) {
            case (false, nil):
                return "SELECT set_config('request.jwt.claims', \(json), true)"
            case (true, nil):
                return "SELECT set_config('request.jwt.claims', \(json), true), set_config('synchronous_commit', 'off', true)"
            case let (false, lock?):
                return "SELECT set_config('request.jwt.claims', \(json), true), pg_advisory_xact_lock(hashtext(\(lock)))"
            case let (true, lock?):
                return """
                    SELECT set_config('request.jwt.claims', \(json), true), set_config('synchronous_commit', 'off', true),
                           pg_advisory_xact_lock(hashtext(\(lock)))
                    """
            }
        }
    }

    /// Runs `body` in one transaction under `claims` and `bookkeeping` and waits for it on the
    /// calling thread, in one hop to the runtime (the lease, the statements and the commit together).
    /// It never joins a request scope: bookkeeping commits on its own.
    public func waitTransaction<T: Sendable>(_ claims: RequestClaims, _ bookkeeping: Bookkeeping,
                                             _ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        try client.runtime.wait { try await self.transaction(claims, bookkeeping, body) }
    }
}
