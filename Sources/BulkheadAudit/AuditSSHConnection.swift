import Foundation
import NIOCore
import NIOSSH

/// One authenticated connection of the audit client.
final class AuditSSHConnection: Sendable {
    let channel: any Channel

    init(channel: any Channel) {
        self.channel = channel
    }

    /// Opens a session channel whose collector fills `box`.
    func openSession(timeout: TimeAmount, box: AuditSSHOutcomeBox? = nil) async throws -> (any Channel) {
        try await open(SSHChannelType.session, timeout: timeout, box: box)
    }

    /// Opens a channel of `type`.
    func open(_ type: SSHChannelType, timeout: TimeAmount, box: AuditSSHOutcomeBox? = nil) async throws -> (any Channel) {
        let channel = self.channel
        let promise = channel.eventLoop.makePromise(of: (any Channel).self)
        channel.eventLoop.execute {
            do {
                let handler = try channel.pipeline.syncOperations.handler(type: NIOSSHHandler.self)
                handler.createChannel(promise, channelType: type) { child, _ in
                    child.eventLoop.makeCompletedFuture {
                        if let box { try child.pipeline.syncOperations.addHandler(AuditSSHCollector(box: box)) }
                    }
                }
            } catch {
                promise.fail(error)
            }
        }
        channel.eventLoop.scheduleTask(in: timeout) { promise.fail(AuditBreach("the SSH channel did not open in time")) }
        return try await promise.futureResult.get()
    }

    /// Opens a session, sends `requests` in order, and waits for the channel to close (or `timeout`).
    func session(_ requests: [AuditSSHRequest], timeout: Double = 15, closeAfterReplies: Bool = false) async throws -> AuditSSHOutcome {
        let box = AuditSSHOutcomeBox()
        let child = try await openSession(timeout: TimeAmount.seconds(15), box: box)
        for request in requests {
            try await child.triggerUserOutboundEvent(request.event)
        }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let outcome = box.value
            if outcome.closed || (closeAfterReplies && outcome.replies.count >= requests.count) { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        if !box.value.closed { try? await child.close() }
        return box.value
    }

    /// Asks the server to listen for it (`ssh -R`); true when the server agreed.
    func remoteForward() async -> Bool {
        let channel = self.channel
        let promise = channel.eventLoop.makePromise(of: GlobalRequest.TCPForwardingResponse?.self)
        channel.eventLoop.execute {
            guard let handler = try? channel.pipeline.syncOperations.handler(type: NIOSSHHandler.self) else {
                promise.fail(AuditBreach("no SSH handler"))
                return
            }
            handler.sendTCPForwardingRequest(.listen(host: "127.0.0.1", port: 0), promise: promise)
        }
        channel.eventLoop.scheduleTask(in: TimeAmount.seconds(5)) { promise.fail(AuditBreach("no answer")) }
        return (try? await promise.futureResult.get()) != nil
    }

    /// Opens a direct-tcpip channel (`ssh -L`) to `port` on the server's side; true when it opened.
    func localForward(to port: Int) async -> Bool {
        guard let origin = try? SocketAddress(ipAddress: "127.0.0.1", port: 40_000) else { return false }
        let type = SSHChannelType.directTCPIP(.init(targetHost: "127.0.0.1", targetPort: port, originatorAddress: origin))
        return (try? await open(type, timeout: TimeAmount.seconds(5))) != nil
    }

    func close() async {
        try? await channel.close()
    }
}
