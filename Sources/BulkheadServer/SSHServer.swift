import BulkheadAuth
import BulkheadCore
import BulkheadStore
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSH
import Synchronization

/// `bulkhead serve`: an SSH server (swift-nio-ssh) where a user's key decides who they are, and each
/// session runs the `bulkhead` console (or one allowed command) as its own process on a pty.
///
/// Authentication is by public key only (``KeyAuthenticator``). Each session channel
/// (``SessionChannelHandler``) gets its own control-plane session, a slot of the user's and the
/// org's session caps (shared with every server of the home through ``SharedLimits``), and a child
/// process with an environment built from scratch. Port forwarding, subsystems and other requests
/// are refused. Every few seconds the live sessions are checked: a revoked session, a removed
/// key or user, a changed role or a suspended org ends its session, as do the idle timeout and the
/// maximum length.
public final class SSHServer: Sendable {
    let context: ServerContext
    private let listener = Mutex<(any Channel)?>(nil)
    private let watch = Mutex<RepeatedTask?>(nil)
    private let logger = Logger(label: "bulkhead.server")

    /// Makes a server; nothing listens until ``start()``.
    ///
    /// - Parameters:
    ///   - credential: the installation's host key, from ``AuthService/sshServer()``.
    ///   - log: where the one-line records of sessions go.
    public init(configuration: SSHServerConfiguration, auth: AuthService, credential: SSHServerCredential,
                events: any SecurityEventRecorder, limits: any SharedLimits, clock: any Clock = SystemClock(), log: SessionLog) {
        let loops = MultiThreadedEventLoopGroup(numberOfThreads: max(1, min(4, System.coreCount)))
        let blocking = NIOThreadPool(numberOfThreads: 2)
        blocking.start()
        context = ServerContext(configuration: configuration, auth: auth, credential: credential, events: events, limits: limits,
                                clock: clock, log: log, blocking: blocking, loops: loops)
    }

    /// The host key's fingerprint, as OpenSSH shows it to clients (`SHA256:…`).
    public var hostKeyFingerprint: String { context.credential.hostKey.fingerprint }

    /// How many sessions are live.
    public var liveSessions: Int { context.registry.count }

    /// Starts listening and watching sessions; returns the port it listens on.
    @discardableResult
    public func start() async throws -> Int {
        let context = self.context
        let hostKey = context.credential.hostKey.serverKey
        let bootstrap = ServerBootstrap(group: context.loops)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let address = channel.remoteAddress?.ipAddress ?? "unknown"
                    let connection = ConnectionContext(address: address)
                    var configuration = SSHServerConfiguration.ssh(hostKey: hostKey, server: context, connection: connection)
                    configuration.maxAuthAttempts = 20
                    let handler = NIOSSHHandler(role: .server(configuration), allocator: channel.allocator) { child, type in
                        Self.initialize(child, type: type, server: context, connection: connection)
                    }
                    try channel.pipeline.syncOperations.addHandlers([handler, ConnectionErrorHandler()])
                }
            }
        let address = context.configuration.address
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: address.host, port: address.port).get()
        } catch {
            throw BulkheadError.invalidInput("cannot listen on \(address): the address is in use or not available here")
        }
        listener.withLock { $0 = channel }
        startWatching()
        return channel.localAddress?.port ?? address.port
    }

    /// Sets up a new channel of a connection: sessions only; forwarding channels are refused.
    private static func initialize(_ channel: any Channel, type: SSHChannelType, server: ServerContext,
                                   connection: ConnectionContext) -> EventLoopFuture<Void> {
        switch type {
        case .session:
            return channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(SessionChannelHandler(server: server, connection: connection))
            }
        case .directTCPIP:
            server.recordRefusal(.localForwarding, identity: connection.identity)
            return channel.eventLoop.makeFailedFuture(ForwardingRefusal.Refused())
        case .forwardedTCPIP:
            return channel.eventLoop.makeFailedFuture(ForwardingRefusal.Refused())
        }
    }

    /// Checks the live sessions every `checkInterval` seconds (off the event loops).
    private func startWatching() {
        let context = self.context
        let interval = TimeAmount.milliseconds(Int64(context.configuration.checkInterval * 1000))
        let loop = context.anyLoop
        let task = loop.scheduleRepeatedAsyncTask(initialDelay: interval, delay: interval) { _ in
            context.blocking.runIfActive(eventLoop: loop) { context.checkSessions() }
        }
        watch.withLock { $0 = task }
    }

    /// Stops accepting connections, tells every session the server is going down, waits up to
    /// `seconds` for them to end on their own, then ends the rest and waits for their processes.
    public func drain(within seconds: TimeInterval) async {
        let listening = listener.withLock { channel -> (any Channel)? in
            defer { channel = nil }
            return channel
        }
        try? await listening?.close()
        let sessions = context.registry.all
        context.log.note("draining: \(sessions.count) live sessions, up to \(Int(seconds)) s")
        sessions.forEach { $0.announce() }
        let deadline = Date().addingTimeInterval(seconds)
        while context.registry.count > 0, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(100))
        }
        context.registry.all.forEach { $0.stop(.shutdown) }
        let last = Date().addingTimeInterval(context.configuration.hangupGrace + 2)
        while context.registry.count > 0 || context.reaper.count > 0, Date() < last {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Stops the watch and the event loops (after ``drain(within:)``).
    public func shutdown() async {
        watch.withLock { $0?.cancel(); $0 = nil }
        try? await listener.withLock({ $0 })?.close()
        try? await context.loops.shutdownGracefully()
        try? await context.blocking.shutdownGracefully()
    }
}

/// Closes a connection whose SSH handler failed (a protocol error, a client that went away).
private final class ConnectionErrorHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = Any

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

extension SSHServerConfiguration {
    /// swift-nio-ssh's server configuration for one connection.
    static func ssh(hostKey: NIOSSHPrivateKey, server: ServerContext, connection: ConnectionContext) -> NIOSSH.SSHServerConfiguration {
        NIOSSH.SSHServerConfiguration(hostKeys: [hostKey], userAuthDelegate: KeyAuthenticator(server: server, connection: connection),
                                      globalRequestDelegate: ForwardingRefusal(server: server, connection: connection))
    }
}
