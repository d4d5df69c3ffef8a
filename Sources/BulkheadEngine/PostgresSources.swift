import BulkheadCore
import BulkheadPostgresKit
import Logging
import Synchronization

/// The engine's pools to PostgreSQL sources, one per (org, source), with the owning org beside each,
/// and their introspected schemas.
///
/// Like `ConnectionPool`, every checkout passes the engine's owner check against the recorded
/// owner before a pool is handed out. The runtime thread that drives postgres-nio starts with the
/// first PostgreSQL source this process touches, not before.
final class PostgresSources: Sendable {
    private struct Entry: Sendable {
        let owner: OrgID
        let client: RunningClient
    }

    private struct CachedSchema: Sendable {
        let owner: OrgID
        let schema: SourceSchema
        let readAt: ContinuousClock.Instant
    }

    private let entries = Mutex<[ConnectionPool.Key: Entry]>([:])
    private let schemas = Mutex<[ConnectionPool.Key: CachedSchema]>([:])
    private let lazyRuntime = Mutex<PostgresRuntime?>(nil)
    /// How long an introspected schema is served before it is read again (a server has no file stamp to watch).
    let schemaLifetime: Duration = .seconds(30)
    /// Connections one source's pool may open.
    let connectionsPerSource = 2

    /// The runtime, started on first use.
    var runtime: PostgresRuntime {
        lazyRuntime.withLock { runtime in
            if let runtime { return runtime }
            let made = PostgresRuntime(name: "bulkhead.engine.postgres")
            runtime = made
            return made
        }
    }

    /// The pool of `key`, after `checkOwner` accepted its recorded owner; opened with `url` when there is none.
    func client(_ key: ConnectionPool.Key, url: () throws -> PostgresURL, checkOwner: (OrgID) throws -> Void) throws -> RunningClient {
        if let entry = entries.withLock({ $0[key] }) {
            try checkOwner(entry.owner)
            return entry.client
        }
        try checkOwner(key.org)
        let made = RunningClient(url: try url(), runtime: runtime, maximumConnections: connectionsPerSource, logger: PostgresLog.quiet)
        let kept = entries.withLock { entries -> RunningClient in
            if let existing = entries[key] { return existing.client }
            entries[key] = Entry(owner: key.org, client: made)
            return made
        }
        if kept !== made { made.close() }
        return kept
    }

    /// The cached schema of `key` while it is fresh, after `checkOwner` accepted its recorded owner.
    func schema(_ key: ConnectionPool.Key, checkOwner: (OrgID) throws -> Void) throws -> SourceSchema? {
        guard let cached = schemas.withLock({ $0[key] }) else { return nil }
        try checkOwner(cached.owner)
        return ContinuousClock.now - cached.readAt < schemaLifetime ? cached.schema : nil
    }

    /// Keeps the schema of `key`, owned by `key.org`.
    func store(_ schema: SourceSchema, for key: ConnectionPool.Key) {
        schemas.withLock { $0[key] = CachedSchema(owner: key.org, schema: schema, readAt: .now) }
    }

    /// Closes the pool of `key` and forgets its schema (the source was removed).
    func evict(_ key: ConnectionPool.Key) {
        let entry = entries.withLock { $0.removeValue(forKey: key) }
        _ = schemas.withLock { $0.removeValue(forKey: key) }
        entry?.client.close()
    }
}
