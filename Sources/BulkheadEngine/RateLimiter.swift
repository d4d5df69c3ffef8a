import BulkheadCore
import Foundation
import Synchronization

/// Per-org token buckets for queries and asks, and per-org caps on running statements and open connections.
///
/// All state is keyed by `OrgID`: one org's flood drains only its own bucket and fills only its
/// own counters, so another org's next query sees nothing of it. Over a limit, the caller gets
/// `BulkheadError.rateLimited(retryAfterSeconds:)`. The clock is injected so tests can move time.
public final class RateLimiter: Sendable {
    private let clock: any BulkheadCore.Clock
    private let defaults: RateLimits
    private let state = Mutex<[OrgID: OrgState]>([:])

    struct OrgState {
        var limits: RateLimits
        var queries: TokenBucket
        var asks: TokenBucket
        var statements = 0
        var connections = 0
    }

    /// Makes a limiter that gives every org `defaults` unless `setLimits` says otherwise.
    public init(defaults: RateLimits = RateLimits(), clock: any BulkheadCore.Clock) {
        self.defaults = defaults
        self.clock = clock
    }

    /// Gives one org its own limits (for example a larger plan); other orgs keep theirs.
    public func setLimits(_ limits: RateLimits, for org: OrgID) {
        let now = clock.now()
        state.withLock { orgs in
            var entry = orgs[org] ?? Self.fresh(limits, now: now)
            entry.limits = limits
            orgs[org] = entry
        }
    }

    /// Takes one query token for `org`, or throws `rateLimited` with the wait in seconds.
    public func takeQuery(for org: OrgID) throws {
        try take(org, \.queries, rate: \.queriesPerSecond, burst: \.queryBurst)
    }

    /// Takes one ask token for `org`, or throws `rateLimited` with the wait in seconds.
    public func takeAsk(for org: OrgID) throws {
        try take(org, \.asks, rate: \.asksPerSecond, burst: \.askBurst)
    }

    /// Takes one token from one of `org`'s buckets; the two buckets differ only in which limits they read.
    private func take(_ org: OrgID, _ bucket: WritableKeyPath<OrgState, TokenBucket>,
                      rate: KeyPath<RateLimits, Double>, burst: KeyPath<RateLimits, Int>) throws {
        let now = clock.now()
        let wait = state.withLock { orgs -> Int? in
            var entry = orgs[org] ?? Self.fresh(defaults, now: now)
            defer { orgs[org] = entry }
            let limits = entry.limits
            return entry[keyPath: bucket].take(now: now, rate: limits[keyPath: rate], burst: limits[keyPath: burst])
        }
        if let wait { throw BulkheadError.rateLimited(retryAfterSeconds: wait) }
    }

    /// Counts one more running statement for `org`, or throws when the org already runs its maximum.
    public func beginStatement(for org: OrgID) throws {
        try acquire(org, \.statements, limit: \.maxConcurrentStatements)
    }

    /// Counts one statement of `org` as finished.
    public func endStatement(for org: OrgID) {
        release(org, \.statements)
    }

    /// Counts one more open pooled connection for `org`, or throws when the org has its maximum open.
    public func openConnection(for org: OrgID) throws {
        try acquire(org, \.connections, limit: \.maxOpenConnections)
    }

    /// Counts one pooled connection of `org` as closed.
    public func closeConnection(for org: OrgID) {
        release(org, \.connections)
    }

    /// The org's running statements and open connections, for tests and the status screen.
    public func usage(for org: OrgID) -> (statements: Int, connections: Int) {
        state.withLock { orgs in (orgs[org]?.statements ?? 0, orgs[org]?.connections ?? 0) }
    }

    private func acquire(_ org: OrgID, _ counter: WritableKeyPath<OrgState, Int>, limit: KeyPath<RateLimits, Int>) throws {
        let now = clock.now()
        let admitted = state.withLock { orgs -> Bool in
            var entry = orgs[org] ?? Self.fresh(defaults, now: now)
            defer { orgs[org] = entry }
            guard entry[keyPath: counter] < entry.limits[keyPath: limit] else { return false }
            entry[keyPath: counter] += 1
            return true
        }
        if !admitted { throw BulkheadError.rateLimited(retryAfterSeconds: 1) }
    }

    private func release(_ org: OrgID, _ counter: WritableKeyPath<OrgState, Int>) {
        state.withLock { orgs in
            guard var entry = orgs[org] else { return }
            entry[keyPath: counter] = max(0, entry[keyPath: counter] - 1)
            orgs[org] = entry
        }
    }

    private static func fresh(_ limits: RateLimits, now: Date) -> OrgState {
        OrgState(limits: limits, queries: TokenBucket(burst: limits.queryBurst, now: now), asks: TokenBucket(burst: limits.askBurst, now: now))
    }
}
