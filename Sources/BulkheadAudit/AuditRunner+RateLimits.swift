import BulkheadStore
import Foundation
import BulkheadCore
import BulkheadEngine

extension AuditRunner {
    /// The bound B's typical (median) latency must stay within while A floods: one second.
    ///
    /// The audit's queries take about a millisecond, so a second is two orders of magnitude of
    /// headroom for a loaded two-core machine; a shared limiter or pool would stall B far longer.
    /// The median, not the slowest, is bounded: on a machine running many test processes one
    /// query may lose the processor for a second, which says nothing about isolation, while a
    /// flood that held B back would slow every one of its queries. Any refusal of B fails at once.
    static let victimLatencyBound = 1.0

    /// Tight limits put on the flooding org only. The query and ask buckets barely refill (one token
    /// in 100 s): once the flood has run one dry, the call over the limit is refused however slow the
    /// calls are, instead of racing a refill (a flood starts from a full bucket: new limits reset it).
    /// At half an ask per second, six asks on a loaded machine once refilled their own way through.
    static let floodLimits = RateLimits(queriesPerSecond: 0.01, queryBurst: 20, asksPerSecond: 0.01, askBurst: 2,
                                        maxConcurrentStatements: 4, maxOpenConnections: 64)
    /// Tight statement slots for the slot flood, with a roomy query bucket: the bucket an earlier
    /// flood ran dry (it is shared across processes and outlives a pattern) must not refuse the
    /// cursors this pattern opens before its slots run out.
    static let statementFloodLimits = RateLimits(queriesPerSecond: 100_000, queryBurst: 100_000, asksPerSecond: 1, askBurst: 1,
                                                 maxConcurrentStatements: 4, maxOpenConnections: 64)
    /// Tight connection limits for the connection flood (statements left roomy so connections are what runs out).
    static let connectionFloodLimits = RateLimits(queriesPerSecond: 1_000, queryBurst: 1_000, asksPerSecond: 1, askBurst: 1,
                                                  maxConcurrentStatements: 64, maxOpenConnections: 4)

    /// Rate limits: A floods every budget it has; B keeps a 100% success rate and its latency within the bound.
    static var rateLimitPatterns: [AuditPattern] {
        [
            .oneWay("RATE-01", .rateLimits, "query flood", tried: "exhausts its query bucket with 200 queries; the other org then runs 30 queries") { world, me in
                try await world.flooding(me) {
                    var limited = 0
                    for _ in 0..<200 where (try? world.services.engine.query(me.admin, source: "sales", sql: "SELECT 1")) == nil { limited += 1 }
                    try world.require(limited > 0, "the flood was never limited, so it proved nothing")
                    try await world.expectFailure(me, .rateLimited, "query over the limit") {
                        try world.services.engine.query(me.admin, source: "sales", sql: "SELECT 1")
                    }
                    try world.victimKeepsService(me, queries: 30)
                }
            },
            .oneWay("RATE-02", .rateLimits, "concurrent flood and latency", as: .b,
                    tried: "floods from 4 concurrent tasks while the other org runs 20 timed queries (median under \(victimLatencyBound) s)") { world, me in
                try await world.flooding(me) {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for _ in 0..<4 {
                            group.addTask {
                                for _ in 0..<150 { _ = try? world.services.engine.query(me.admin, source: "sales", sql: "SELECT count(*) FROM orders") }
                            }
                        }
                        group.addTask { try world.victimKeepsService(me, queries: 20) }
                        try await group.waitForAll()
                    }
                }
            },
            .oneWay("RATE-03", .rateLimits, "ask flood", tried: "exhausts its ask bucket; the other org's ask still answers") { world, me in
                try await world.flooding(me) {
                    var limited = false
                    for _ in 0..<6 {
                        do {
                            _ = try await world.services.assistant.ask(me.admin, question: "how many customers are there", source: "sales")
                        } catch let error as BulkheadError where error.code == "rate_limited" {
                            world.transcript.record(me.side, .error, error.message)
                            try world.leakCheck(error.message, viewer: me, what: "ask flood")
                            limited = true
                        }
                    }
                    try world.require(limited, "the ask flood was never limited")
                    let victim = world.victim(of: me)
                    let answer = try await world.services.assistant.ask(victim.admin, question: "how many customers are there", source: "sales")
                    try world.observe(victim, answer, "victim ask during the flood")
                }
            },
            .oneWay("RATE-04", .rateLimits, "statement slots held", as: .b,
                    tried: "holds all its concurrent statement slots with open cursors; the other org still queries and holds none") { world, me in
                try await world.flooding(me, limits: statementFloodLimits) {
                    var cursors: [QueryCursor] = []
                    defer { cursors.forEach { $0.close() } }
                    let victim = world.victim(of: me)
                    let victimBefore = world.services.engine.rateLimiter.usage(for: victim.orgID).statements
                    // Open cursors until the cap refuses one (a slot an earlier statement still holds counts too).
                    for _ in 0..<statementFloodLimits.maxConcurrentStatements {
                        do {
                            cursors.append(try world.services.engine.openCursor(me.admin, source: "sales", sql: "SELECT * FROM customers"))
                        } catch let error as BulkheadError where error.code == "rate_limited" {
                            break
                        }
                    }
                    try world.require(!cursors.isEmpty, "no cursor could be opened, so the flood proved nothing")
                    try await world.expectFailure(me, .rateLimited, "statement over the cap") {
                        try world.services.engine.query(me.admin, source: "sales", sql: "SELECT 1")
                    }
                    try world.require(world.services.engine.rateLimiter.usage(for: victim.orgID).statements == victimBefore,
                                      "the other org's statement count moved with the flood")
                    try world.victimKeepsService(me, queries: 10)
                }
            },
            .oneWay("RATE-05", .rateLimits, "connections held", tried: "holds its connection cap on two sources; the other org opens as many cursors") { world, me in
                try await world.flooding(me, limits: connectionFloodLimits) {
                    var cursors: [QueryCursor] = []
                    defer { cursors.forEach { $0.close() } }
                    let limiter = world.services.engine.rateLimiter
                    for source in ["sales", me.privateName, "vault", "ledger"] {
                        for _ in 0..<8 where limiter.usage(for: me.orgID).connections < connectionFloodLimits.maxOpenConnections {
                            if let cursor = try? world.services.engine.openCursor(me.admin, source: source, sql: "SELECT 1") { cursors.append(cursor) }
                        }
                    }
                    try world.require(limiter.usage(for: me.orgID).connections >= connectionFloodLimits.maxOpenConnections,
                                      "the flooding org never reached its connection cap")
                    let victim = world.victim(of: me)
                    var theirs: [QueryCursor] = []
                    defer { theirs.forEach { $0.close() } }
                    for _ in 0..<connectionFloodLimits.maxOpenConnections {
                        theirs.append(try world.services.engine.openCursor(victim.admin, source: "sales", sql: "SELECT name FROM customers"))
                    }
                    for cursor in theirs { try world.observe(victim, try cursor.nextPage(5), "victim cursor during the flood") }
                }
            },
        ]
    }
}

extension AuditWorld {
    /// Puts the tight flood limits on the attacker's org for `body`, then gives back the roomy ones.
    func flooding(_ me: AuditTenant, limits: RateLimits = AuditRunner.floodLimits, _ body: () async throws -> Void) async throws {
        try await settle([me.orgID, victim(of: me).orgID])
        try services.engine.rateLimiter.setLimits(limits, for: me.orgID)
        defer { try? services.engine.rateLimiter.setLimits(nil, for: me.orgID) }
        try await body()
    }

    /// Waits (up to three seconds) until neither org runs a statement: a statement of an earlier
    /// pattern that is still being stopped (a runaway query stops at its time limit) holds a slot
    /// until it ends. Patterns compare counts with what they were at the start, so a slot still
    /// held after the wait does not decide the outcome; it only narrows the flooding org's room.
    func settle(_ orgs: [OrgID]) async throws {
        let limiter = services.engine.rateLimiter
        for _ in 0..<150 {
            if orgs.allSatisfy({ limiter.usage(for: $0).statements == 0 }) { return }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
    }

    /// The victim runs `queries` queries: every one must succeed with its own rows, and their
    /// median latency stay within the bound.
    func victimKeepsService(_ me: AuditTenant, queries: Int) throws {
        let victim = self.victim(of: me)
        var seconds: [Double] = []
        for _ in 0..<queries {
            let started = DispatchTime.now().uptimeNanoseconds
            let result = try services.engine.query(victim.admin, source: "sales", sql: "SELECT count(*) FROM customers")
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000_000)
            try require(result.rows.first?.first == .integer(24), "the other org's query answered wrong during the flood")
        }
        let median = seconds.sorted()[seconds.count / 2]
        try require(median <= AuditRunner.victimLatencyBound,
                    "the other org's median query took \(String(format: "%.3f", median)) s during the flood (bound \(AuditRunner.victimLatencyBound) s)")
    }
}
