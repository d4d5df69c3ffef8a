import BulkheadAuth
import BulkheadCore
import BulkheadStore
import Foundation
import NIOCore
import NIOPosix

/// Everything a connection's handlers need from the server, shared by all of them.
final class ServerContext: Sendable {
    let configuration: SSHServerConfiguration
    let auth: AuthService
    let credential: SSHServerCredential
    let events: any SecurityEventRecorder
    let limits: any SharedLimits
    let clock: any Clock
    let registry = SessionRegistry()
    let reaper = ChildReaper()
    let log: SessionLog
    /// Runs the blocking control-plane calls (SQLite) off the event loops.
    let blocking: NIOThreadPool
    /// The event loops of the server's connections.
    let loops: MultiThreadedEventLoopGroup

    init(configuration: SSHServerConfiguration, auth: AuthService, credential: SSHServerCredential, events: any SecurityEventRecorder,
         limits: any SharedLimits, clock: any Clock, log: SessionLog, blocking: NIOThreadPool, loops: MultiThreadedEventLoopGroup) {
        self.configuration = configuration
        self.auth = auth
        self.credential = credential
        self.events = events
        self.limits = limits
        self.clock = clock
        self.log = log
        self.blocking = blocking
        self.loops = loops
    }

    /// Some event loop, for work that belongs to no channel.
    var anyLoop: any EventLoop { loops.next() }

    /// Records a refusal as a security event (kind `ssh_refused`), naming who tried what.
    func recordRefusal(_ refusal: ServerRefusal, identity: SSHKeyIdentity?) {
        var detail = "what=\(refusal.code)"
        if let extra = refusal.eventDetail { detail += " \(extra)" }
        if let identity { detail += " key=\(identity.fingerprint)" }
        events.record(SecurityEvent(kind: "ssh_refused", orgID: identity?.orgID, userID: identity?.userID, detail: detail,
                                    actor: identity.map { .user($0.userID) } ?? .anonymous))
    }
}
