import BulkheadCore
import Foundation

/// Per-org limits that hold across every process serving the org: token buckets, concurrency
/// slots, and the operator's per-org overrides.
///
/// One installation may have many processes serving the same org at once: the SSH server's
/// children (one per session), scripts run over SSH, the command line on the server. A limit kept
/// in one process's memory would give each of them a fresh allowance, so an org with ten sessions
/// would get ten times its rate. Every process therefore takes its tokens and slots here, in one
/// store the processes share. The SQLite implementation (``ControlPlaneLimits``) keeps them in
/// the control plane; the PostgreSQL store implements the same calls on its own tables.
///
/// Slots are held by a process (``LimitHolder``): a process that dies without giving its slots
/// back (a crash, a SIGKILL) does not keep them, because a refused acquire first frees the slots of
/// holders that are no longer running and then counts again.
public protocol SharedLimits: Sendable {
    /// Takes one token from `org`'s `bucket`, refilled at `rate` per second up to `burst`.
    ///
    /// - Returns: nil when a token was taken, or the whole seconds to wait for one.
    func take(_ bucket: LimitBucket, org: OrgID, rate: Double, burst: Int, now: Date) throws -> Int?

    /// Takes one `slot` of `scope` for this process when fewer than `limit` are held by anyone.
    ///
    /// - Returns: false when `limit` slots are held by running processes.
    func acquire(_ slot: LimitSlot, scope: LimitScope, limit: Int, now: Date) throws -> Bool

    /// Takes one token of `org`'s `bucket` and then one `slot` of `scope`, exactly as `take` and
    /// `acquire` one after the other would (no slot is tried when no token was left), in one round
    /// of bookkeeping where the store can.
    ///
    /// A statement takes its query token and its statement slot here: on PostgreSQL one transaction
    /// instead of two.
    func takeAndAcquire(_ bucket: LimitBucket, org: OrgID, rate: Double, burst: Int,
                        _ slot: LimitSlot, scope: LimitScope, limit: Int, now: Date) throws -> LimitGrant

    /// Gives back one `slot` of `scope` that this process holds; nothing happens when it holds none.
    func release(_ slot: LimitSlot, scope: LimitScope)

    /// How many `slot`s of `scope` are held, by every process.
    func count(_ slot: LimitSlot, scope: LimitScope) throws -> Int

    /// The operator's override of `org`'s limits, or nil when the org has the installation's defaults.
    func overrides(for org: OrgID) throws -> RateLimits?

    /// Sets (or, with nil, removes) the override of `org`'s limits; every process sees it within seconds.
    func setOverrides(_ limits: RateLimits?, for org: OrgID) throws
}

extension SharedLimits {
    /// `take`, then `acquire` when a token was taken: two rounds of bookkeeping.
    public func takeAndAcquire(_ bucket: LimitBucket, org: OrgID, rate: Double, burst: Int,
                               _ slot: LimitSlot, scope: LimitScope, limit: Int, now: Date) throws -> LimitGrant {
        if let wait = try take(bucket, org: org, rate: rate, burst: burst, now: now) { return .tokenWait(seconds: wait) }
        return try acquire(slot, scope: scope, limit: limit, now: now) ? .granted : .slotsFull
    }
}
