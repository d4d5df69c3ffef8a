import BulkheadAuth
import BulkheadCore
import Foundation
import NIOCore
import NIOSSH

extension SessionChannelHandler {
    /// The child ended: once its output has been passed on, the client gets its exit status.
    func childExited(_ code: Int32) {
        exited = true
        exitStatus = code
        guard phase != .closed else { return }
        if openOutputs == 0 {
            finish()
        } else {
            // A terminal whose last reader is gone may not report the end of its output; don't wait long.
            channel?.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(500)) { [self] in finish() }
        }
    }

    /// One of the child's output streams ended.
    func outputEnded() {
        openOutputs = max(0, openOutputs - 1)
        if openOutputs == 0, exited { finish() }
    }

    /// Sends the exit status (and why the server stopped the session, if it did) and closes the channel.
    func finish() {
        guard phase == .running, channel != nil else { return }
        phase = .closed
        if let stopReason {
            tell(stopReason.message)
            closeReason = stopReason.code
        } else {
            closeReason = "exited"
        }
        exit(with: Int(exitStatus ?? 0))
    }

    /// Ends the session from the server's side: SIGHUP to the child's group; the client reads why once it ended.
    func stop(_ reason: SessionStop) {
        guard phase == .running, !exited else { return }
        stopReason = reason
        hangUp()
    }

    /// Tells a console that the server is shutting down (it shows a notice on SIGUSR1).
    func announceShutdown() {
        guard phase == .running, !exited, case .terminal? = child?.io else { return }
        child?.signalGroup(SIGUSR1)
    }

    /// SIGHUP to the child's process group, then SIGKILL if it has not ended after the grace period.
    func hangUp() {
        guard let child, !exited else { return }
        child.signalGroup(SIGHUP)
        let grace = TimeAmount.milliseconds(Int64(server.configuration.hangupGrace * 1000))
        channel?.eventLoop.assumeIsolated().scheduleTask(in: grace) { [self] in
            if !exited { child.signalGroup(SIGKILL) }
        }
    }

    /// Gives back everything the session held, once: its caps' slots, its control-plane session
    /// (revoked, so its token cannot be replayed), its place in the registry; and logs its end.
    func cleanUp() {
        guard !cleanedUp else { return }
        cleanedUp = true
        input?.close(promise: nil)
        if case let .terminal(_, control)? = child?.io { close(control) }
        let server = self.server, caps = capsHeld, session = principal?.sessionID
        if let live {
            server.registry.remove(live.id)
            server.log.closed(live, reason: closeReason, now: server.clock.now())
        }
        guard caps != nil || session != nil else { return }
        _ = server.blocking.runIfActive(eventLoop: channel?.eventLoop ?? server.anyLoop) {
            if let caps { server.releaseSessionSlots(user: caps.user, org: caps.org) }
            if let session { server.auth.closeSSHSession(session, server: server.credential) }
        }
    }
}
