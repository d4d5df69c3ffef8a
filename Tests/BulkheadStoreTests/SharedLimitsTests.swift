import Foundation
import BulkheadCore
import BulkheadPostgres
import BulkheadTestBackends
@testable import BulkheadStore
import Testing

/// The shared limits on either store: what one process (or server) takes, another sees; a dead process's slots go.
@Suite("Shared limits")
struct SharedLimitsTests {
    /// The fixture's shared limits as another process holds them. On PostgreSQL each call opens a
    /// pool of its own to the fixture's database, as a second server would.
    private func limits(_ fixture: StoreFixture, holder: LimitHolder = .current, host: String = PostgresSharedLimits.hostName,
                        pools: Pools) throws -> any SharedLimits {
        switch fixture.backend {
        case .sqlite:
            return try ControlPlaneLimits(control: fixture.control as! ControlDatabase, holder: holder)
        case .postgres:
            let store = try fixture.opened.database!.openStore(maximumConnections: 2)
            pools.add(store)
            return PostgresSharedLimits(store: store, holder: holder, host: host)
        }
    }

    /// The pools a test opened, closed at its end.
    final class Pools: @unchecked Sendable {
        private var stores: [PostgresStore] = []
        func add(_ store: PostgresStore) { stores.append(store) }
        deinit { stores.forEach { $0.close() } }
    }

    /// A pid that is certainly not running: a child that was started and reaped.
    private func endedPID() throws -> Int32 {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { argv.forEach { free($0) } }
        #expect(posix_spawn(&pid, "/bin/true", nil, nil, argv, environ) == 0)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return pid
    }

    @Test("two processes (on PostgreSQL, two servers) draw on one bucket per org; the other org keeps its own",
          arguments: TestBackend.allCases)
    func oneBucketAcrossProcesses(_ backend: TestBackend) throws {
        let fixture = try StoreFixture(backend), pools = Pools()
        let first = try limits(fixture, pools: pools)
        let second = try limits(fixture, holder: LimitHolder(pid: getppid()), pools: pools)
        let now = fixture.clock.now()
        #expect(try first.take(.asks, org: fixture.acme, rate: 0.5, burst: 2, now: now) == nil)
        #expect(try second.take(.asks, org: fixture.acme, rate: 0.5, burst: 2, now: now) == nil)
        #expect(try first.take(.asks, org: fixture.acme, rate: 0.5, burst: 2, now: now) == 2)
        #expect(try second.take(.asks, org: fixture.acme, rate: 0.5, burst: 2, now: now) == 2)
        #expect(try second.take(.asks, org: fixture.globex, rate: 0.5, burst: 2, now: now) == nil)
        #expect(try first.take(.queries, org: fixture.acme, rate: 0.5, burst: 2, now: now) == nil, "queries are another bucket")
        #expect(try first.take(.asks, org: fixture.acme, rate: 0.5, burst: 2, now: now.addingTimeInterval(2)) == nil, "refilled")
    }

    @Test("slots are counted across processes, released by their holder only, and freed when the holder is gone",
          arguments: TestBackend.allCases)
    func slotsAcrossProcesses(_ backend: TestBackend) throws {
        let fixture = try StoreFixture(backend), pools = Pools()
        let now = fixture.clock.now()
        let mine = try limits(fixture, pools: pools)
        let parent = try limits(fixture, holder: LimitHolder(pid: getppid()), pools: pools)
        let gone = try limits(fixture, holder: LimitHolder(pid: try endedPID(), startTime: 1), pools: pools)
        let acme = LimitScope.org(fixture.acme)
        #expect(try mine.acquire(.statements, scope: acme, limit: 3, now: now))
        #expect(try parent.acquire(.statements, scope: acme, limit: 3, now: now))
        #expect(try gone.acquire(.statements, scope: acme, limit: 3, now: now))
        #expect(try mine.count(.statements, scope: acme) == 3)
        #expect(try mine.count(.statements, scope: .org(fixture.globex)) == 0)
        // The ended process's slot is freed by the refused acquire; the parent's (running) is kept.
        #expect(try mine.acquire(.statements, scope: acme, limit: 3, now: now))
        #expect(try !mine.acquire(.statements, scope: acme, limit: 3, now: now))
        #expect(try mine.count(.statements, scope: acme) == 3)
        mine.release(.statements, scope: acme)
        mine.release(.statements, scope: acme)
        mine.release(.statements, scope: acme)
        #expect(try mine.count(.statements, scope: acme) == 1, "a process releases only the slots it holds")
        #expect(try mine.acquire(.sshSessions, scope: .user(UserID(rawValue: "usr-a")!), limit: 1, now: now))
        #expect(try !parent.acquire(.sshSessions, scope: .user(UserID(rawValue: "usr-a")!), limit: 1, now: now))
        #expect(try parent.acquire(.sshSessions, scope: .user(UserID(rawValue: "usr-b")!), limit: 1, now: now))
    }

    @Test("a token and a slot in one round: no slot without a token, a token spent when the slots are full, each org its own",
          arguments: TestBackend.allCases)
    func tokenAndSlot(_ backend: TestBackend) throws {
        let fixture = try StoreFixture(backend), pools = Pools()
        let now = fixture.clock.now()
        let mine = try limits(fixture, pools: pools)
        let other = try limits(fixture, holder: LimitHolder(pid: getppid()), pools: pools)
        let acme = LimitScope.org(fixture.acme)
        func grant(_ limits: any SharedLimits, _ org: OrgID, limit: Int, at: Date = now) throws -> LimitGrant {
            try limits.takeAndAcquire(.queries, org: org, rate: 0.5, burst: 3, .statements, scope: .org(org), limit: limit, now: at)
        }
        #expect(try grant(mine, fixture.acme, limit: 2) == .granted)
        #expect(try grant(other, fixture.acme, limit: 2) == .granted)
        #expect(try grant(mine, fixture.acme, limit: 2) == .slotsFull, "the token is taken, the slot is not")
        #expect(try mine.count(.statements, scope: acme) == 2)
        #expect(try grant(mine, fixture.acme, limit: 5) == .tokenWait(seconds: 2), "three tokens were spent")
        #expect(try mine.count(.statements, scope: acme) == 2, "no slot is taken without a token")
        #expect(try mine.take(.queries, org: fixture.acme, rate: 0.5, burst: 3, now: now) == 2, "the same bucket as take")
        #expect(try grant(other, fixture.globex, limit: 1) == .granted, "Globex has its own bucket and slots")
        #expect(try grant(mine, fixture.acme, limit: 5, at: now.addingTimeInterval(2)) == .granted, "refilled")
        #expect(try mine.count(.statements, scope: acme) == 3)
        mine.release(.statements, scope: acme)
        mine.release(.statements, scope: acme)
        other.release(.statements, scope: acme)
        #expect(try mine.count(.statements, scope: acme) == 0)
        // A bucket of no burst never gives a token.
        #expect(try mine.takeAndAcquire(.asks, org: fixture.acme, rate: 1, burst: 0, .statements, scope: acme, limit: 5, now: now)
                == .tokenWait(seconds: 1))
    }

    @Test("releases of one process at once give back every slot it holds (none is released twice, none left held)",
          arguments: TestBackend.allCases)
    func concurrentReleases(_ backend: TestBackend) throws {
        let fixture = try StoreFixture(backend), pools = Pools()
        let limits: any SharedLimits
        switch backend {
        case .sqlite:
            limits = try self.limits(fixture, pools: pools)
        case .postgres:
            let store = try fixture.opened.database!.openStore(maximumConnections: 8)
            pools.add(store)
            limits = PostgresSharedLimits(store: store, holder: .current)
        }
        let acme = LimitScope.org(fixture.acme), now = fixture.clock.now()
        for round in 0..<10 {
            for _ in 0..<12 { #expect(try limits.acquire(.statements, scope: acme, limit: 100, now: now)) }
            // Twelve threads of this process, each giving one back, all at once.
            let done = DispatchGroup()
            for _ in 0..<12 {
                done.enter()
                Thread { limits.release(.statements, scope: acme); done.leave() }.start()
            }
            done.wait()
            #expect(try limits.count(.statements, scope: acme) == 0, "round \(round): a slot was left held")
        }
    }

    @Test("a slot held on another host is not freed from this one (it cannot tell whether that process runs)")
    func otherHostsSlotsStay() throws {
        let fixture = try StoreFixture(.postgres), pools = Pools()
        let now = fixture.clock.now()
        let elsewhere = try limits(fixture, holder: LimitHolder(pid: try endedPID(), startTime: 1), host: "another-host", pools: pools)
        let here = try limits(fixture, pools: pools)
        let acme = LimitScope.org(fixture.acme)
        #expect(try elsewhere.acquire(.connections, scope: acme, limit: 1, now: now))
        #expect(try !here.acquire(.connections, scope: acme, limit: 1, now: now))
        #expect(try here.count(.connections, scope: acme) == 1)
    }

    @Test("an org's override is shared and can be removed", arguments: TestBackend.allCases)
    func overrides(_ backend: TestBackend) throws {
        let fixture = try StoreFixture(backend), pools = Pools()
        let limits = try limits(fixture, pools: pools)
        #expect(try limits.overrides(for: fixture.acme) == nil)
        let tight = RateLimits(asksPerSecond: 0.01, askBurst: 3)
        try limits.setOverrides(tight, for: fixture.acme)
        #expect(try self.limits(fixture, pools: pools).overrides(for: fixture.acme) == tight)
        #expect(try limits.overrides(for: fixture.globex) == nil)
        try limits.setOverrides(nil, for: fixture.acme)
        #expect(try limits.overrides(for: fixture.acme) == nil)
    }

    @Test("the holder of this process is running; one with another start time is not")
    func holders() {
        #expect(LimitHolder.current.isRunning)
        #expect(LimitHolder(stored: LimitHolder.current.description) == LimitHolder.current)
        #if os(Linux)
        #expect(!LimitHolder(pid: getpid(), startTime: LimitHolder.current.startTime + 1).isRunning)
        #endif
    }
}
