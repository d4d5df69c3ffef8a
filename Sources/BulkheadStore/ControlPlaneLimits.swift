import BulkheadCore
import Foundation
import GRDB
import Logging

/// ``SharedLimits`` in the control database (`control.db`), shared by every process of the home.
///
/// Why the control plane and not the SSH server as an authority that its children ask: every
/// process that serves an org already opens `control.db` (to verify its token), including the
/// command line run outside any server, so this needs no second channel, no daemon that must be
/// up, and survives the server's restart; a token costs one short write transaction
/// (`bulkhead-bench ssh` reports what it costs against the in-memory buckets it replaced).
///
/// - `limit_buckets`: one row per (org, bucket) with the tokens left and when they were counted.
/// - `limit_slots`: one row per held slot, naming the holding process (``LimitHolder``).
/// - `org_limits`: the operator's per-org overrides, as JSON of ``RateLimits``.
///
/// Every change runs in an immediate transaction, so two processes never both take the last token.
public final class ControlPlaneLimits: SharedLimits {
    /// A connection of its own to `control.db`, with `synchronous = NORMAL`: a token or a slot is
    /// state of the moment, so its commits need not wait for the disk (WAL keeps the file safe from
    /// corruption either way); the auth service's connection keeps its full durability.
    private let database: DatabaseQueue
    private let holder: LimitHolder
    private let logger = Logger(label: "bulkhead.limits")

    /// The shared limits of `control`'s home, held by the calling process.
    public convenience init(control: ControlDatabase) throws {
        try self.init(control: control, holder: .current)
    }

    /// The same, held by `holder` (tests stand in for other processes with it).
    public init(control: ControlDatabase, holder: LimitHolder) throws {
        var configuration = DatabaseFiles.configuration(label: "limits")
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            database = try DatabaseQueue(path: control.writer.path, configuration: configuration)
        } catch {
            throw BulkheadError.internalFailure(code: "limits-open")
        }
        self.holder = holder
    }

    public func take(_ bucket: LimitBucket, org: OrgID, rate: Double, burst: Int, now: Date) throws -> Int? {
        let at = now.timeIntervalSince1970
        return try immediate("limits-take") { db -> Int? in
            let row = try Row.fetchOne(db, sql: "SELECT tokens, updated_at FROM limit_buckets WHERE org_id = ? AND bucket = ?",
                                       arguments: [org.rawValue, bucket.rawValue])
            var tokens = Double(burst)
            if let row {
                let elapsed = max(0, at - (row["updated_at"] as Double))
                tokens = min(Double(burst), (row["tokens"] as Double) + elapsed * rate)
            }
            var wait: Int?
            if tokens >= 1 {
                tokens -= 1
            } else {
                wait = rate > 0 ? max(1, Int(((1 - tokens) / rate).rounded(.up))) : 60
            }
            try db.execute(sql: """
                INSERT INTO limit_buckets (org_id, bucket, tokens, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(org_id, bucket) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at
                """, arguments: [org.rawValue, bucket.rawValue, tokens, max(at, (row?["updated_at"] as Double?) ?? at)])
            return wait
        }
    }

    public func acquire(_ slot: LimitSlot, scope: LimitScope, limit: Int, now: Date) throws -> Bool {
        try immediate("limits-acquire") { db -> Bool in
            var held = try heldCount(slot, scope, db)
            if held >= limit {
                held -= try freeDeadHolders(slot, scope, db)
            }
            guard held < limit else { return false }
            try db.execute(sql: "INSERT INTO limit_slots (slot, scope, holder, acquired_at) VALUES (?, ?, ?, ?)",
                           arguments: [slot.rawValue, scope.description, holder.description, now.timeIntervalSince1970])
            return true
        }
    }

    public func release(_ slot: LimitSlot, scope: LimitScope) {
        do {
            try immediate("limits-release") { db in
                try db.execute(sql: """
                    DELETE FROM limit_slots WHERE id = (
                        SELECT id FROM limit_slots WHERE slot = ? AND scope = ? AND holder = ? ORDER BY id LIMIT 1)
                    """, arguments: [slot.rawValue, scope.description, holder.description])
            }
        } catch {
            // A slot that cannot be given back now is freed when this process ends (see `freeDeadHolders`).
            logger.error("slot not released", metadata: ["slot": "\(slot.rawValue)"])
        }
    }

    public func count(_ slot: LimitSlot, scope: LimitScope) throws -> Int {
        try access("limits-count") { try database.read { db in try heldCount(slot, scope, db) } }
    }

    public func overrides(for org: OrgID) throws -> RateLimits? {
        let json = try access("limits-overrides") {
            try database.read { db in
                try String.fetchOne(db, sql: "SELECT limits FROM org_limits WHERE org_id = ?", arguments: [org.rawValue])
            }
        }
        return json.flatMap { try? JSONDecoder().decode(RateLimits.self, from: Data($0.utf8)) }
    }

    public func setOverrides(_ limits: RateLimits?, for org: OrgID) throws {
        let json = try limits.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try immediate("limits-set") { db in
            if let json {
                try db.execute(sql: """
                    INSERT INTO org_limits (org_id, limits) VALUES (?, ?)
                    ON CONFLICT(org_id) DO UPDATE SET limits = excluded.limits
                    """, arguments: [org.rawValue, json])
            } else {
                try db.execute(sql: "DELETE FROM org_limits WHERE org_id = ?", arguments: [org.rawValue])
            }
            // New limits start from full buckets: what the old ones left says nothing about the new.
            try db.execute(sql: "DELETE FROM limit_buckets WHERE org_id = ?", arguments: [org.rawValue])
        }
    }

    private func heldCount(_ slot: LimitSlot, _ scope: LimitScope, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM limit_slots WHERE slot = ? AND scope = ?",
                         arguments: [slot.rawValue, scope.description]) ?? 0
    }

    /// Deletes the slots of `scope` whose holding process is gone; returns how many went.
    private func freeDeadHolders(_ slot: LimitSlot, _ scope: LimitScope, _ db: Database) throws -> Int {
        let holders = try String.fetchAll(db, sql: "SELECT DISTINCT holder FROM limit_slots WHERE slot = ? AND scope = ?",
                                          arguments: [slot.rawValue, scope.description])
        var freed = 0
        for stored in holders where stored != holder.description {
            guard let other = LimitHolder(stored: stored), !other.isRunning else { continue }
            try db.execute(sql: "DELETE FROM limit_slots WHERE holder = ?", arguments: [stored])
            freed += db.changesCount
        }
        if freed > 0 { logger.notice("freed slots of ended processes", metadata: ["slot": "\(slot.rawValue)", "count": "\(freed)"]) }
        return freed
    }

    /// Runs `body` in an immediate transaction, so a read-then-write never races another process.
    private func immediate<T>(_ code: String, _ body: (Database) throws -> T) throws -> T {
        try access(code) {
            try database.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        }
    }

    /// Runs a store call; a storage error becomes a safe internal failure, logged by its code.
    private func access<T>(_ code: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            let safe = BulkheadError.safe(error, code: code)
            if safe == .internalFailure(code: code) { logger.error("limits store failed", metadata: ["code": "\(code)"]) }
            throw safe
        }
    }
}
