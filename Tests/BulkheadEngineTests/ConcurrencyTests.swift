import BulkheadCore
@testable import BulkheadEngine
import BulkheadStore
import Foundation
import Testing

@Suite("Two orgs on one engine at once")
struct ConcurrencyTests {
    private func prepare(_ fixture: EngineFixture) throws -> (acmeID: String, globexID: String) {
        let acmeLabels = (1...50).map { "ACME-CANARY-\($0)" }
        let globexLabels = (1...50).map { "GLOBEX-CANARY-\($0)" }
        let acme = try fixture.engine.addSource(fixture.admin(fixture.acme), name: "data", path: try fixture.database(in: fixture.acmeRoot, as: "data.sqlite", labels: acmeLabels))
        let globex = try fixture.engine.addSource(fixture.admin(fixture.globex), name: "data", path: try fixture.database(in: fixture.globexRoot, as: "data.sqlite", labels: globexLabels))
        return (acme.source.id.rawValue, globex.source.id.rawValue)
    }

    @Test("many tasks of two orgs, same source name, each see only their own rows")
    func hammer() async throws {
        let fixture = try EngineFixture(limits: RateLimits(queriesPerSecond: 1, queryBurst: 100_000))
        let ids = try prepare(fixture)
        let engine = fixture.engine
        let principals = [fixture.member(fixture.acme), fixture.member(fixture.globex)]
        let outcomes = try await withThrowingTaskGroup(of: (OrgID, [String]).self) { group in
            for task in 0..<64 {
                let principal = principals[task % 2]
                let reference = task % 4 < 2 ? "data" : (principal.orgID == fixture.acme ? ids.acmeID : ids.globexID)
                group.addTask {
                    var labels: [String] = []
                    for round in 0..<20 {
                        if round % 5 == 4 {
                            let cursor = try engine.openCursor(principal, source: reference, sql: "select label from items order by id")
                            while true {
                                let page = try cursor.nextPage(7)
                                if page.isEmpty { break }
                                labels += page.map { $0[0].displayText }
                            }
                        } else {
                            let result = try engine.query(principal, source: reference, sql: "select label from items where id % ? = 0", parameters: [.integer(Int64(round % 3 + 1))])
                            labels += result.rows.map { $0[0].displayText }
                        }
                    }
                    return (principal.orgID, labels)
                }
            }
            var all: [(OrgID, [String])] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.count == 64)
        for (org, labels) in outcomes {
            #expect(!labels.isEmpty)
            let own = org == fixture.acme ? "ACME-CANARY-" : "GLOBEX-CANARY-"
            #expect(labels.allSatisfy { $0.hasPrefix(own) }, "\(org) saw another org's rows")
        }
        #expect(engine.rateLimiter.usage(for: fixture.acme).statements == 0)
        #expect(engine.rateLimiter.usage(for: fixture.globex).statements == 0)
    }

    @Test("one org exhausting its rate limit does not stop the other's queries")
    func rateLimit() async throws {
        let fixture = try EngineFixture(limits: RateLimits(queriesPerSecond: 0.5, queryBurst: 100))
        _ = try prepare(fixture)
        let engine = fixture.engine
        let acme = fixture.member(fixture.acme)
        let globex = fixture.member(fixture.globex)
        let results = await withTaskGroup(of: (OrgID, Bool, BulkheadError?).self) { group in
            for task in 0..<400 {
                let principal = task % 4 == 0 ? globex : acme
                group.addTask {
                    do {
                        let rows = try engine.query(principal, source: "data", sql: "select count(*) from items")
                        return (principal.orgID, rows.rows == [[.integer(50)]], nil)
                    } catch {
                        return (principal.orgID, false, error as? BulkheadError)
                    }
                }
            }
            var all: [(OrgID, Bool, BulkheadError?)] = []
            for await result in group { all.append(result) }
            return all
        }
        let acmeResults = results.filter { $0.0 == fixture.acme }
        let globexResults = results.filter { $0.0 == fixture.globex }
        #expect(globexResults.count == 100)
        #expect(globexResults.allSatisfy { $0.1 }, "Globex was slowed or refused by Acme's flood")
        #expect(acmeResults.filter(\.1).count == 100)
        #expect(acmeResults.filter { $0.2 == .rateLimited(retryAfterSeconds: 2) }.count == 200)
        #expect(BulkheadError.rateLimited(retryAfterSeconds: 2).message == "slow down: your organization is over its limit; retry in 2 s")
        fixture.clock.advance(10)
        #expect(try engine.query(acme, source: "data", sql: "select 1").rows == [[.integer(1)]])
    }

    @Test("the per-org cap on running statements refuses only that org")
    func concurrencyCap() throws {
        let fixture = try EngineFixture(limits: RateLimits(maxConcurrentStatements: 2, maxOpenConnections: 3))
        _ = try prepare(fixture)
        let acme = fixture.member(fixture.acme)
        let globex = fixture.member(fixture.globex)
        let first = try fixture.engine.openCursor(acme, source: "data", sql: "select label from items")
        let second = try fixture.engine.openCursor(acme, source: "data", sql: "select label from items")
        #expect(throws: BulkheadError.rateLimited(retryAfterSeconds: 1)) { try fixture.engine.query(acme, source: "data", sql: "select 1") }
        #expect(try fixture.engine.query(globex, source: "data", sql: "select count(*) from items").rows == [[.integer(50)]])
        first.close()
        #expect(try fixture.engine.query(acme, source: "data", sql: "select count(*) from items").rows == [[.integer(50)]])
        second.close()
        #expect(fixture.engine.rateLimiter.usage(for: fixture.acme).statements == 0)
        #expect(fixture.engine.rateLimiter.usage(for: fixture.acme).connections <= 3)
    }

    @Test("an org with more sources than its connection cap queries each in turn: idle connections give way, busy ones hold the cap")
    func idleConnectionsGiveWay() throws {
        let fixture = try EngineFixture(limits: RateLimits(maxConcurrentStatements: 4, maxOpenConnections: 2))
        let admin = fixture.admin(fixture.acme)
        let acme = fixture.member(fixture.acme)
        for n in 1...5 {
            let path = try fixture.database(in: fixture.acmeRoot, as: "data\(n).sqlite", labels: ["ROW-\(n)"])
            _ = try fixture.engine.addSource(admin, name: "data\(n)", path: path)
        }
        for _ in 0..<2 {
            for n in 1...5 {
                #expect(try fixture.engine.query(acme, source: "data\(n)", sql: "select label from items").rows == [[.text("ROW-\(n)")]])
                #expect(fixture.engine.rateLimiter.usage(for: fixture.acme).connections <= 2)
            }
        }
        // Two cursors hold both connections: a third source is refused until one closes.
        let first = try fixture.engine.openCursor(acme, source: "data1", sql: "select label from items")
        let second = try fixture.engine.openCursor(acme, source: "data2", sql: "select label from items")
        #expect(throws: BulkheadError.rateLimited(retryAfterSeconds: 1)) { try fixture.engine.query(acme, source: "data3", sql: "select 1") }
        first.close()
        #expect(try fixture.engine.query(acme, source: "data3", sql: "select count(*) from items").rows == [[.integer(1)]])
        second.close()
        #expect(fixture.engine.rateLimiter.usage(for: fixture.acme).statements == 0)
    }

    @Test("a missing source, another org's source and a found one each cost one query token, and an org out of tokens is refused alike for every name")
    func probesCostATokenAlike() throws {
        let fixture = try EngineFixture(limits: RateLimits(queriesPerSecond: 0.001, queryBurst: 3))
        let ids = try prepare(fixture)
        let acme = fixture.member(fixture.acme)
        #expect(throws: BulkheadError.notFound(kind: "source", name: "nope")) { try fixture.engine.query(acme, source: "nope", sql: "select 1") }
        #expect(throws: BulkheadError.notFound(kind: "source", name: ids.globexID)) {
            try fixture.engine.query(acme, source: ids.globexID, sql: "select 1")
        }
        #expect(try fixture.engine.query(acme, source: "data", sql: "select count(*) from items").rows == [[.integer(50)]])
        // Three tokens, three calls: the fourth is refused whatever it names, before anything says whether the name exists.
        let refused = BulkheadError.rateLimited(retryAfterSeconds: 1_000)
        #expect(throws: refused) { try fixture.engine.query(acme, source: "data", sql: "select 1") }
        #expect(throws: refused) { try fixture.engine.query(acme, source: "nope", sql: "select 1") }
        #expect(throws: refused) { try fixture.engine.query(acme, source: ids.globexID, sql: "select 1") }
        #expect(fixture.engine.rateLimiter.usage(for: fixture.acme).statements == 0, "a refused query holds no statement slot")
        #expect(try fixture.engine.query(fixture.member(fixture.globex), source: "data", sql: "select count(*) from items").rows == [[.integer(50)]])
    }

    @Test("token buckets refill with the injected clock")
    func buckets() throws {
        let fixture = try EngineFixture()
        let clock = fixture.clock
        let limiter = RateLimiter(defaults: RateLimits(asksPerSecond: 0.25, askBurst: 2), clock: clock,
                                  store: try ControlPlaneLimits(control: fixture.control))
        let org = OrgID(rawValue: "org-x")!
        try limiter.takeAsk(for: org)
        try limiter.takeAsk(for: org)
        #expect(throws: BulkheadError.rateLimited(retryAfterSeconds: 4)) { try limiter.takeAsk(for: org) }
        clock.advance(4)
        try limiter.takeAsk(for: org)
        #expect(throws: BulkheadError.rateLimited(retryAfterSeconds: 4)) { try limiter.takeAsk(for: org) }
        try limiter.takeAsk(for: OrgID(rawValue: "org-y")!)
    }
}
