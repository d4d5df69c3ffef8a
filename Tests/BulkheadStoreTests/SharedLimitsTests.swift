import Foundation
import BulkheadCore
@testable import BulkheadStore
import Testing

/// The shared limits in the control plane: what one process takes, another sees; a dead process's slots go.
@Suite("Shared limits")
struct SharedLimitsTests {
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

    @Test("two processes draw on one bucket per org; the other org keeps its own")
    func oneBucketAcrossProcesses() throws {
        let fixture = try StoreFixture()
        let first = try ControlPlaneLimits(control: fixture.control)
        let second = try ControlPlaneLimits(control: fixture.control, holder: LimitHolder(pid: getppid()))
        let now = fixture.clock.now()
        #expect(try first.take(.asks, org: fixture.acme, rate: 0.5, burst: 2, now: now) == nil)
        #expect(try second.take(.asks, org: fixture.acme, rate: 0.5, burst: 2, now: now) == nil)
        #expect(try first.take(.asks, org: fixture.acme, rate: 0.5, burst: 2, now: now) == 2)
        #expect(try second.take(.asks, org: fixture.acme, rate: 0.5, burst: 2, now: now) == 2)
        #expect(try second.take(.asks, org: fixture.globex, rate: 0.5, burst: 2, now: now) == nil)
        #expect(try first.take(.queries, org: fixture.acme, rate: 0.5, burst: 2, now: now) == nil, "queries are another bucket")
        #expect(try first.take(.asks, org: fixture.acme, rate: 0.5, burst: 2, now: now.addingTimeInterval(2)) == nil, "refilled")
    }

    @Test("slots are counted across processes, released by their holder only, and freed when the holder is gone")
    func slotsAcrossProcesses() throws {
        let fixture = try StoreFixture()
        let now = fixture.clock.now()
        let mine = try ControlPlaneLimits(control: fixture.control)
        let parent = try ControlPlaneLimits(control: fixture.control, holder: LimitHolder(pid: getppid()))
        let gone = try ControlPlaneLimits(control: fixture.control, holder: LimitHolder(pid: try endedPID(), startTime: 1))
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

    @Test("an org's override is shared and can be removed")
    func overrides() throws {
        let fixture = try StoreFixture()
        let limits = try ControlPlaneLimits(control: fixture.control)
        #expect(try limits.overrides(for: fixture.acme) == nil)
        let tight = RateLimits(asksPerSecond: 0.01, askBurst: 3)
        try limits.setOverrides(tight, for: fixture.acme)
        #expect(try ControlPlaneLimits(control: fixture.control).overrides(for: fixture.acme) == tight)
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
