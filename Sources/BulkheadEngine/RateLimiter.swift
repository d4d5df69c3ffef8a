import BulkheadCore
import BulkheadStore
import Foundation
import Synchronization

/// Per-org token buckets for queries and asks, and per-org caps on running statements and open
/// connections, shared by every process that serves the org.
///
/// The buckets and counters live in a ``SharedLimits`` store (the control plane), so an org's
/// sessions, each its own process, draw on one allowance: ten SSH sessions of one org get that
/// org's rate, not ten times it. All state is keyed by `OrgID`: one org's flood drains only its own
/// bucket and fills only its own counters, so another org's next query sees nothing of it. Over a
/// limit, the caller gets `BulkheadError.rateLimited(retryAfterSeconds:)`. The clock is injected so
/// tests can move time.
///
/// An org's numbers are the operator's override kept in the store (read again after
/// ``overrideLifetime`` seconds, so a change reaches every process quickly) or this process's defaults.
public final class RateLimiter: Sendable {
    private let clock: any BulkheadCore.Clock
    private let defaults: RateLimits
    private let store: any SharedLimits
    private let overrides = Mutex<[OrgID: (limits: RateLimits?, readAt: Date)]>([:])
    /// How long an org's override read from the store is trusted, in seconds.
    public static let overrideLifetime: TimeInterval = 2

    /// Makes a limiter that keeps its state in `store` and gives every org `defaults` unless the store holds an override.
    public init(defaults: RateLimits = RateLimits(), clock: any BulkheadCore.Clock, store: any SharedLimits) {
        self.defaults = defaults
        self.clock = clock
        self.store = store
    }

    /// Gives one org its own limits (for example a larger plan), for every process of the home; other orgs keep theirs.
    ///
    /// - Parameter limits: the org's limits, or nil to give it the defaults again.
    public func setLimits(_ limits: RateLimits?, for org: OrgID) throws {
        try store.setOverrides(limits, for: org)
        let now = clock.now()
        overrides.withLock { $0[org] = (limits, now) }
    }

    /// The limits `org` is held to right now.
    public func limits(for org: OrgID) throws -> RateLimits {
        let now = clock.now()
        if let cached = overrides.withLock({ $0[org] }), now >= cached.readAt,
           now.timeIntervalSince(cached.readAt) < Self.overrideLifetime {
            return cached.limits ?? defaults
        }
        let stored = try store.overrides(for: org)
        overrides.withLock { $0[org] = (stored, now) }
        return stored ?? defaults
    }

    /// Takes one query token for `org`, or throws `rateLimited` with the wait in seconds.
    public func takeQuery(for org: OrgID) throws {
        let limits = try limits(for: org)
        try take(.queries, org, rate: limits.queriesPerSecond, burst: limits.queryBurst)
    }

    /// Takes one ask token for `org`, or throws `rateLimited` with the wait in seconds.
    public func takeAsk(for org: OrgID) throws {
        let limits = try limits(for: org)
        try take(.asks, org, rate: limits.asksPerSecond, burst: limits.askBurst)
    }

    private func take(_ bucket: LimitBucket, _ org: OrgID, rate: Double, burst: Int) throws {
        if let wait = try store.take(bucket, org: org, rate: rate, burst: burst, now: clock.now()) {
            throw BulkheadError.rateLimited(retryAfterSeconds: wait)
        }
    }

    /// Counts one more running statement for `org`, or throws when the org already runs its maximum.
    public func beginStatement(for org: OrgID) throws {
        try acquire(.statements, org, limit: try limits(for: org).maxConcurrentStatements)
    }

    /// Takes one query token for `org` and counts one more running statement, in one round of
    /// bookkeeping; throws `rateLimited` as `takeQuery` and then `beginStatement` would (no
    /// statement is counted when no token was left).
    public func takeQueryAndBeginStatement(for org: OrgID) throws {
        let limits = try limits(for: org)
        switch try store.takeAndAcquire(.queries, org: org, rate: limits.queriesPerSecond, burst: limits.queryBurst,
                                        .statements, scope: .org(org), limit: limits.maxConcurrentStatements, now: clock.now()) {
        case .granted: return
        case let .tokenWait(seconds): throw BulkheadError.rateLimited(retryAfterSeconds: seconds)
        case .slotsFull: throw BulkheadError.rateLimited(retryAfterSeconds: 1)
        }
    }

    /// Counts one statement of `org` as finished.
    public func endStatement(for org: OrgID) {
        store.release(.statements, scope: .org(org))
    }

    /// Counts one more open pooled connection for `org`, or throws when the org has its maximum open.
    public func openConnection(for org: OrgID) throws {
        try acquire(.connections, org, limit: try limits(for: org).maxOpenConnections)
    }

    /// Counts one pooled connection of `org` as closed.
    public func closeConnection(for org: OrgID) {
        store.release(.connections, scope: .org(org))
    }

    /// The org's running statements and open connections across every process, for tests and the status screen.
    public func usage(for org: OrgID) -> (statements: Int, connections: Int) {
        ((try? store.count(.statements, scope: .org(org))) ?? 0, (try? store.count(.connections, scope: .org(org))) ?? 0)
    }

    private func acquire(_ slot: LimitSlot, _ org: OrgID, limit: Int) throws {
        guard try store.acquire(slot, scope: .org(org), limit: limit, now: clock.now()) else {
            throw BulkheadError.rateLimited(retryAfterSeconds: 1)
        }
    }
}
