import BulkheadCore
import BulkheadStore
import Foundation
import Logging
import Synchronization

/// The one query engine of the process: every org's sources, connections, schemas and limits.
///
/// One object serves every tenant (the SSH server and the audit run many through it), so every
/// piece of state is keyed by org: the ownership map of sources, the pool keyed by (org, source)
/// with the owner beside each connection, the schema cache, the rate limiter. Every call takes a
/// `Principal`, and the owner of whatever it reaches is checked against the principal in one
/// function, `checkOwner`, before any connection or cached schema is touched. Another org's
/// source answers `notFound` exactly like a missing one.
public final class QueryEngine: Sendable {
    /// The per-org rate and concurrency limits; the assistant takes its ask tokens here too.
    public let rateLimiter: RateLimiter
    let workspace: Workspace
    /// The orgs' catalogs of sources.
    let catalog: SourceCatalog
    let clock: any BulkheadCore.Clock
    let random: any RandomSource
    let logger: Logger
    let policy: SourcePathPolicy
    let claims: SourceClaims
    /// The folders the operator granted each org (control plane).
    let grants: FolderGrants
    /// The database hosts the operator granted each org (control plane).
    let hostGrants: HostGrants
    let pool: ConnectionPool
    let schemas = SchemaCache()
    /// Pools and schemas of PostgreSQL sources.
    let postgres = PostgresSources()
    /// Seals and opens network sources' passwords.
    let secrets: SealedSecrets
    /// The ownership map: every source this process has resolved, with its owning org.
    let directory = Mutex<[SourceID: SourceRecord]>([:])
    /// Recently resolved names, per org: (org, name) to source id, trusted for `nameLifetime` seconds.
    let names = Mutex<[NameKey: (id: SourceID, at: Date)]>([:])
    /// How long a resolved name is trusted before the tenant database is read again (another process may have removed it).
    let nameLifetime: TimeInterval = 2

    /// A source name within one org.
    struct NameKey: Hashable, Sendable {
        let org: OrgID
        let name: String
    }
    private let ownerCheck = Atomic<Bool>(true)
    private let grantPolicy = Atomic<Bool>(true)
    private let introspectionLimit = Mutex<Double>(10)

    /// Makes the engine over `workspace`, reading sources from the orgs' catalogs and grants and claims from the control plane,
    /// and keeping its rate limits in `sharedLimits` (shared with every other process serving the orgs).
    public init(
        workspace: Workspace, sources: any SourceCatalogStore, control: any ControlStore, limits: RateLimits = RateLimits(),
        sharedLimits: any SharedLimits, clock: any BulkheadCore.Clock, random: any RandomSource = SystemRandom(),
        logger: Logger = Logger(label: "bulkhead.engine"), secrets: SealedSecrets? = nil
    ) throws {
        self.secrets = secrets ?? SealedSecrets(workspace: workspace, random: random)
        self.workspace = workspace
        catalog = SourceCatalog(store: sources)
        grants = FolderGrants(control: control, clock: clock)
        hostGrants = HostGrants(control: control, clock: clock)
        self.clock = clock
        self.random = random
        self.logger = logger
        rateLimiter = RateLimiter(defaults: limits, clock: clock, store: sharedLimits)
        pool = ConnectionPool(limiter: rateLimiter)
        policy = SourcePathPolicy(home: workspace.root)
        claims = SourceClaims(control: control)
        do {
            try claims.importLegacyFile(at: workspace.privateFileURL("source-claims.db"))
        } catch {
            throw BulkheadError.safe(error, code: "engine-claims")
        }
    }

    /// Test seam for the audit: with the owner check off, the ownership map, the pool and the
    /// schema cache serve whatever they hold, whoever asks. Never switched off outside tests.
    @_spi(Testing)
    public var ownerCheckEnabled: Bool {
        get { ownerCheck.load(ordering: .acquiring) }
        set { ownerCheck.store(newValue, ordering: .releasing) }
    }

    /// Test seam for the audit: with the grant policy off, any existing folder may be granted, the
    /// home and system folders and other orgs' grants included. Never switched off outside tests.
    @_spi(Testing)
    public var grantPolicyEnforced: Bool {
        get { grantPolicy.load(ordering: .acquiring) }
        set { grantPolicy.store(newValue, ordering: .releasing) }
    }

    /// Seconds that reading a source's schema may take in all, at `source add` and `source show`
    /// (10 by default). A source whose schema cannot be read in time is not added. Tests shorten it.
    package var introspectionTimeLimit: Double {
        get { introspectionLimit.withLock { $0 } }
        set { introspectionLimit.withLock { $0 = newValue } }
    }

    /// The owner check, the one place that decides whether `principal` may touch a thing owned by `owner`.
    ///
    /// A mismatch answers exactly like a missing source, so nothing about the other org leaks.
    func checkOwner(_ principal: Principal, owner: OrgID, reference: String) throws {
        guard ownerCheckEnabled else { return }
        guard principal.orgID == owner else { throw BulkheadError.notFound(kind: "source", name: reference) }
    }

    /// Finds the source `reference` (a name in the principal's org, or a source id) and checks its owner.
    func resolve(_ principal: Principal, _ reference: String) throws -> SourceRecord {
        if let id = SourceID(rawValue: reference) {
            if let known = directory.withLock({ $0[id] }) {
                try checkOwner(principal, owner: known.owner, reference: reference)
                return try refreshed(known, reference: reference)
            }
            let found = try catalog.source(id: id, principal)
            guard let found else { throw BulkheadError.notFound(kind: "source", name: reference) }
            try checkOwner(principal, owner: found.owner, reference: reference)
            remember(found)
            return found
        }
        guard (try? SourceName.validate(reference)) != nil else { throw BulkheadError.notFound(kind: "source", name: reference) }
        let now = clock.now()
        if let hit = names.withLock({ $0[NameKey(org: principal.orgID, name: reference)] }),
           now.timeIntervalSince(hit.at) < nameLifetime, now >= hit.at,
           let known = directory.withLock({ $0[hit.id] }) {
            try checkOwner(principal, owner: known.owner, reference: reference)
            return known
        }
        let found = try catalog.source(named: reference, principal)
        guard let found else { throw BulkheadError.notFound(kind: "source", name: reference) }
        try checkOwner(principal, owner: found.owner, reference: reference)
        remember(found)
        return found
    }

    /// Re-reads a remembered source from its owner's database once its entry has aged, so a source
    /// removed by another process disappears here too. Runs only after the owner check passed.
    private func refreshed(_ record: SourceRecord, reference: String) throws -> SourceRecord {
        let now = clock.now()
        if let hit = names.withLock({ $0[NameKey(org: record.owner, name: record.info.name)] }), hit.id == record.info.id,
           now.timeIntervalSince(hit.at) < nameLifetime, now >= hit.at {
            return record
        }
        guard let current = try catalog.refreshed(record) else {
            forget(record)
            throw BulkheadError.notFound(kind: "source", name: reference)
        }
        remember(current)
        return current
    }

    func remember(_ record: SourceRecord) {
        let now = clock.now()
        directory.withLock { $0[record.info.id] = record }
        names.withLock { $0[NameKey(org: record.owner, name: record.info.name)] = (record.info.id, now) }
    }

    func forget(_ record: SourceRecord) {
        _ = directory.withLock { $0.removeValue(forKey: record.info.id) }
        _ = names.withLock { $0.removeValue(forKey: NameKey(org: record.owner, name: record.info.name)) }
    }

    /// Forgets everything this engine holds for a deleted org: its sources, pooled connections,
    /// cached schemas and its claims on files, so another org may connect those files later.
    public func forget(org: OrgID) {
        let records = directory.withLock { map in map.values.filter { $0.owner == org } }
        for record in records {
            let key = ConnectionPool.Key(org: org, source: record.info.id)
            pool.evict(key)
            schemas.remove(key)
            forget(record)
        }
        try? claims.release(org: org)
    }

    /// Milliseconds since `start`, for log lines.
    func milliseconds(since start: UInt64) -> String {
        String(format: "%.2f", Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
}
