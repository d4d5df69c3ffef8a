import BulkheadAuth
import BulkheadCore
import Foundation
import Synchronization

/// One running session as the server's watch and log see it: who, since when, how active, and a
/// way to end it from any thread (the channel's handler does the ending on its own event loop).
final class LiveSession: Sendable {
    /// What runs in the session.
    enum Kind: String, Sendable {
        case console
        case exec
    }

    /// Bytes each way and the last input.
    struct Usage: Sendable {
        var bytesIn = 0
        var bytesOut = 0
        var lastInput: Date
    }

    let id: SessionID
    let userID: UserID
    let orgID: OrgID
    let role: Role
    let fingerprint: String
    let kind: Kind
    let pid: pid_t
    let startedAt: Date
    private let counters: Mutex<Usage>
    private let stopHandler: @Sendable (SessionStop) -> Void
    private let announceHandler: @Sendable () -> Void

    init(principal: Principal, fingerprint: String, kind: Kind, pid: pid_t, startedAt: Date,
         stop: @escaping @Sendable (SessionStop) -> Void, announce: @escaping @Sendable () -> Void) {
        id = principal.sessionID
        userID = principal.userID
        orgID = principal.orgID
        role = principal.role
        self.fingerprint = fingerprint
        self.kind = kind
        self.pid = pid
        self.startedAt = startedAt
        counters = Mutex(Usage(lastInput: startedAt))
        stopHandler = stop
        announceHandler = announce
    }

    /// The bytes so far and the last input.
    var usage: Usage { counters.withLock { $0 } }

    /// Counts input from the client (which also keeps the session from idling out).
    func received(_ bytes: Int, at now: Date) {
        counters.withLock {
            $0.bytesIn += bytes
            $0.lastInput = now
        }
    }

    /// Counts output to the client.
    func sent(_ bytes: Int) {
        counters.withLock { $0.bytesOut += bytes }
    }

    /// Ends the session: its process gets SIGHUP, then the client reads why.
    func stop(_ reason: SessionStop) { stopHandler(reason) }

    /// Tells the session the server is about to shut down (a console shows a notice).
    func announce() { announceHandler() }
}
