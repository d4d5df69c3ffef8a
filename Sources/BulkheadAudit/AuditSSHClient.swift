import Foundation
import NIOCore
import NIOPosix
import NIOSSH
import Synchronization

/// The audit's SSH client: swift-nio-ssh's own client, on loopback, against the audit's server.
///
/// It speaks the real protocol (key exchange, public-key authentication, channels, requests), so
/// the patterns attack the server exactly where a client would.
final class AuditSSHClient: Sendable {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let port: Int
    let hostKey: NIOSSHPublicKey

    init(port: Int, hostKey: NIOSSHPublicKey) {
        self.port = port
        self.hostKey = hostKey
    }

    /// Connects from `source` (a loopback address) and authenticates with `key` as `user`.
    ///
    /// - Returns: the connection, or nil when the server refused the key.
    func connect(key: NIOSSHPrivateKey, user: String, from source: String = "127.0.0.1") async throws -> AuditSSHConnection? {
        let hostKey = self.hostKey
        let channel = try await ClientBootstrap(group: group)
            .bind(to: try SocketAddress(ipAddress: source, port: 0))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let offer = AuditKeyOffer(key: key, user: user) { channel.close(promise: nil) }
                    let configuration = SSHClientConfiguration(userAuthDelegate: offer,
                                                               serverAuthDelegate: AuditHostKeyCheck(expected: hostKey))
                    try channel.pipeline.syncOperations.addHandlers([
                        NIOSSHHandler(role: .client(configuration), allocator: channel.allocator, inboundChildChannelInitializer: nil),
                        AuditCloseOnError(),
                    ])
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        let connection = AuditSSHConnection(channel: channel)
        // A session channel opens only once authentication succeeded; a refused key closes the connection.
        guard let probe = try? await connection.openSession(timeout: TimeAmount.seconds(15)) else {
            try? await channel.close()
            return nil
        }
        try? await probe.close()
        return connection
    }

    func shutdown() {
        try? group.syncShutdownGracefully()
    }
}

/// Closes the client's connection on any error (a refused key ends the handshake this way).
final class AuditCloseOnError: ChannelInboundHandler, Sendable {
    typealias InboundIn = Any

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
