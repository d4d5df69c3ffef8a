import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Foundation
import Logging
import PostgresNIO

/// ``SharedLimits`` in PostgreSQL: one allowance per org for every server on the store.
///
/// Two servers behind a load balancer, each with its SSH children and command lines, take their
/// tokens and slots from the same rows (`limit_buckets`, `limit_slots`, `org_limits`), so an org
/// flooding one server is throttled on the other too, and no server can hand an org a fresh
/// allowance. Every call runs as the service (the tables are the services' alone under row-level
/// security) in one short transaction:
///
/// - a token is one upsert that locks the org's bucket row (`ON CONFLICT … DO UPDATE … WHERE`)
///   and takes the token only when one is left, so two servers never both take the last token;
/// - a slot is counted and inserted (one statement) under a transaction-level advisory lock of its
///   (slot, scope), taken in the statement that sets the claims;
/// - a statement's query token and slot are taken in one transaction (`takeAndAcquire`);
/// - a slot is given back under the same lock, so concurrent releases never pick the same row.
///
/// Holders are named `host/pid:start`. A slot whose holder ran on this host and is gone is freed
/// by the next refused acquire, as on SQLite; a slot held by a process on another host is freed
/// only by a process of that host (this one cannot tell whether it still runs).
public final class PostgresSharedLimits: SharedLimits {
    private let store: PostgresStore
    private let holder: LimitHolder
    /// This host's name, the prefix of this process's holder key.
    private let host: String
    private let logger = Logger(label: "bulkhead.limits")

    /// The shared limits of `store`, held by the calling process on this host.
    public convenience init(store: PostgresStore) {
        self.init(store: store, holder: .current)
    }

    /// The same, held by `holder` (tests stand in for other processes with it) on `host`.
    public init(store: PostgresStore, holder: LimitHolder, host: String = PostgresSharedLimits.hostName) {
        self.store = store
        self.holder = holder
        self.host = host
    }

    /// The name of this machine (`gethostname`).
    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// This process's holder key.
    private var key: String { "\(host)/\(holder.description)" }

    public func take(_ bucket: LimitBucket, org: OrgID, rate: Double, burst: Int, now: Date) throws -> Int? {
        try transaction("limits-take", .limits()) { connection -> Int? in
            try await Self.takeToken(connection, bucket, org: org, rate: rate, burst: burst, at: now.timeIntervalSince1970)
        }
    }

    public func acquire(_ slot: LimitSlot, scope: LimitScope, limit: Int, now: Date) throws -> Bool {
        let scopeKey = scope.description, at = now.timeIntervalSince1970
        return try transaction("limits-acquire", .limits(lock: Self.lockName(slot, scopeKey))) { connection -> Bool in
            try await self.insertSlot(connection, slot, scopeKey, limit: limit, at: at)
        }
    }

    public func takeAndAcquire(_ bucket: LimitBucket, org: OrgID, rate: Double, burst: Int,
                               _ slot: LimitSlot, scope: LimitScope, limit: Int, now: Date) throws -> LimitGrant {
        let scopeKey = scope.description, at = now.timeIntervalSince1970
        return try transaction("limits-take-acquire", .limits(lock: Self.lockName(slot, scopeKey))) { connection -> LimitGrant in
            if let wait = try await Self.takeToken(connection, bucket, org: org, rate: rate, burst: burst, at: at) {
                return .tokenWait(seconds: wait)
            }
            return try await self.insertSlot(connection, slot, scopeKey, limit: limit, at: at) ? .granted : .slotsFull
        }
    }

    /// The advisory lock that orders the acquires of one (slot, scope).
    private static func lockName(_ slot: LimitSlot, _ scope: String) -> String {
        slot.rawValue + " " + scope
    }

    /// Takes one token from the org's bucket; nil when taken, else the whole seconds to wait.
    ///
    /// One statement when a token is left: the upsert makes the row (a full bucket, less the
    /// token) or locks it and takes the token from its refilled count, and updates only when one
    /// is left, so two servers never both take the last token. When it returns no row nothing was
    /// taken; the row it locked (the latest version) tells how long to wait.
    private static func takeToken(_ connection: PostgresConnection, _ bucket: LimitBucket, org: OrgID, rate: Double,
                                  burst: Int, at: Double) async throws -> Int? {
        let cap = Double(burst)
        if burst >= 1 {
            if try await !TokenTake.rows(on: connection, org.rawValue, bucket.rawValue, cap, at, rate).isEmpty { return nil }
        }
        // Makes the row when the org has none yet (a bucket of no tokens), and locks it either way.
        guard let row = try await fetch(connection, """
            INSERT INTO bulkhead.limit_buckets AS b (org_id, bucket, tokens, updated_at)
            VALUES (\(org.rawValue), \(bucket.rawValue), \(cap), \(at))
            ON CONFLICT (org_id, bucket) DO UPDATE SET tokens = b.tokens
            RETURNING tokens, updated_at
            """).first else { throw BulkheadError.internalFailure(code: "limits-take") }
        let (stored, updated) = try row.decode((Double, Double).self)
        let tokens = min(cap, stored + max(0, at - updated) * rate)
        // The upsert above took any token there was; only rounding could tell otherwise here.
        guard tokens < 1 else { return rate > 0 ? 1 : 60 }
        return rate > 0 ? max(1, Int(((1 - tokens) / rate).rounded(.up))) : 60
    }

    /// Inserts one slot of `scope` held by this process when fewer than `limit` are held, freeing
    /// the slots of this host's ended processes when it is full; true when it inserted.
    /// The caller holds the (slot, scope) advisory lock, taken in an earlier statement.
    private func insertSlot(_ connection: PostgresConnection, _ slot: LimitSlot, _ scopeKey: String, limit: Int,
                            at: Double) async throws -> Bool {
        let key = self.key
        // Under the lock, this statement's snapshot holds every slot an earlier holder of the lock committed.
        if try await !SlotInsert.rows(on: connection, slot.rawValue, scopeKey, key, at, limit).isEmpty { return true }
        guard try await freeDeadHolders(slot, scopeKey, connection) > 0 else { return false }
        return try await !SlotInsert.rows(on: connection, slot.rawValue, scopeKey, key, at, limit).isEmpty
    }

    public func release(_ slot: LimitSlot, scope: LimitScope) {
        let scopeKey = scope.description, key = self.key
        do {
            // Under the (slot, scope) lock, as acquires are: two releases by this process at once
            // would otherwise both pick its oldest slot, and the second, finding that row gone,
            // would delete nothing, leaving a slot held for good (the leak after a flood of
            // concurrent statements of one org).
            try transaction("limits-release", .limits(lock: Self.lockName(slot, scopeKey))) { connection in
                _ = try await SlotRelease.rows(on: connection, slot.rawValue, scopeKey, key)
            }
        } catch {
            // A slot that cannot be given back now is freed when this process ends (see `freeDeadHolders`).
            logger.error("slot not released", metadata: ["slot": "\(slot.rawValue)"])
        }
    }

    public func count(_ slot: LimitSlot, scope: LimitScope) throws -> Int {
        let scopeKey = scope.description
        return try transaction("limits-count") { connection in
            try await fetch(connection, "SELECT count(*) FROM bulkhead.limit_slots WHERE slot = \(slot.rawValue) AND scope = \(scopeKey)")
                .first?.decode(Int.self) ?? 0
        }
    }

    public func overrides(for org: OrgID) throws -> RateLimits? {
        let json = try transaction("limits-overrides") { connection in
            try await fetch(connection, "SELECT limits FROM bulkhead.org_limits WHERE org_id = \(org.rawValue)").first?.decode(String.self)
        }
        return json.flatMap { try? JSONDecoder().decode(RateLimits.self, from: Data($0.utf8)) }
    }

    public func setOverrides(_ limits: RateLimits?, for org: OrgID) throws {
        let json = try limits.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try transaction("limits-set") { connection in
            if let json {
                try await fetch(connection, """
                    INSERT INTO bulkhead.org_limits (org_id, limits) VALUES (\(org.rawValue), \(json))
                    ON CONFLICT (org_id) DO UPDATE SET limits = excluded.limits
                    """)
            } else {
                try await fetch(connection, "DELETE FROM bulkhead.org_limits WHERE org_id = \(org.rawValue)")
            }
            // New limits start from full buckets: what the old ones left says nothing about the new.
            try await fetch(connection, "DELETE FROM bulkhead.limit_buckets WHERE org_id = \(org.rawValue)")
        }
    }

    /// Deletes the slots of `scope` whose holding process ran on this host and is gone; returns how many went.
    private func freeDeadHolders(_ slot: LimitSlot, _ scope: String, _ connection: PostgresConnection) async throws -> Int {
        let holders = try await fetch(connection, """
            SELECT DISTINCT holder FROM bulkhead.limit_slots WHERE slot = \(slot.rawValue) AND scope = \(scope)
            """).map { try $0.decode(String.self) }
        var freed = 0
        for stored in holders where stored != key {
            let parts = stored.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == host, let other = LimitHolder(stored: parts[1]), !other.isRunning else { continue }
            freed += try await fetch(connection, "DELETE FROM bulkhead.limit_slots WHERE holder = \(stored) RETURNING 1").count
        }
        if freed > 0 { logger.notice("freed slots of ended processes", metadata: ["slot": "\(slot.rawValue)", "count": "\(freed)"]) }
        return freed
    }

    /// Runs `body` in one transaction as the service, in one wait on the runtime (the lease, the
    /// claims, the statements and the commit together); storage failures become `internalFailure(code:)`.
    ///
    /// A limit's bookkeeping (`.limits`) commits without waiting for the disk: a crash of the
    /// database may forget its last fraction of a second (a token or two, a slot that the next
    /// acquire frees), never make a change visible to one server and not another.
    @discardableResult
    private func transaction<T: Sendable>(_ code: String, _ bookkeeping: PostgresStore.Bookkeeping = .limits(),
                                          _ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        do {
            return try store.waitTransaction(.authService, bookkeeping, body)
        } catch let error as BulkheadError {
            throw error
        } catch {
            logger.error("limits store failed", metadata: ["code": "\(code)", "sqlstate": "\(PostgresErrorText.sqlState(error) ?? "-")"])
            throw BulkheadError.internalFailure(code: code)
        }
    }
}

/// Takes one token when one is left (see `takeToken`): $1 org, $2 bucket, $3 burst, $4 now, $5 rate.
/// Prepared (see ``HotStatement``): every query and ask runs it.
private enum TokenTake: HotStatement {
    static let sql = """
        INSERT INTO bulkhead.limit_buckets AS b (org_id, bucket, tokens, updated_at)
        VALUES ($1, $2, $3 - 1, $4)
        ON CONFLICT (org_id, bucket) DO UPDATE
        SET tokens = least($3, b.tokens + greatest(0, $4 - b.updated_at) * $5) - 1,
            updated_at = greatest($4, b.updated_at)
        WHERE least($3, b.tokens + greatest(0, $4 - b.updated_at) * $5) >= 1
        RETURNING 1
        """
}

/// Inserts one slot when fewer than $5 of ($1 slot, $2 scope) are held: $3 holder, $4 now.
/// Prepared (see ``HotStatement``): every statement runs it.
private enum SlotInsert: HotStatement {
    static let sql = """
        INSERT INTO bulkhead.limit_slots (slot, scope, holder, acquired_at)
        SELECT $1, $2, $3, $4
        WHERE (SELECT count(*) FROM bulkhead.limit_slots WHERE slot = $1 AND scope = $2) < $5
        RETURNING 1
        """
}

/// Deletes the oldest slot of ($1 slot, $2 scope) that $3 holds. Prepared (see ``HotStatement``).
private enum SlotRelease: HotStatement {
    static let sql = """
        DELETE FROM bulkhead.limit_slots WHERE id = (
            SELECT id FROM bulkhead.limit_slots WHERE slot = $1 AND scope = $2 AND holder = $3
            ORDER BY inserted_at LIMIT 1)
        RETURNING 1
        """
}
