import BulkheadAuth
import BulkheadCore
import Foundation
import NIOCore
import NIOSSH

/// One SSH session channel: its requests (pty, env, shell, exec, subsystem, window change), the
/// session's process, and the bytes between them.
///
/// A shell needs a pty request first and starts the console; an exec runs one allowed command
/// (``ExecCommand``). Either way the session gets its own control-plane session (its own `sid`)
/// for the key's user, a slot of the user's and the org's session caps, and a child process that
/// receives the session's token in its environment. Everything here runs on the channel's event
/// loop; blocking control-plane calls go to the server's thread pool.
final class SessionChannelHandler: ChannelInboundHandler {
    typealias InboundIn = SSHChannelData

    /// Where the channel is in its life.
    enum Phase: Equatable {
        /// Requests may still set up the session.
        case waiting
        /// The session is being opened (caps, control-plane session).
        case starting
        /// The child runs.
        case running
        /// The channel closed.
        case closed
    }

    let server: ServerContext
    let connection: ConnectionContext
    var phase = Phase.waiting
    var channel: (any Channel)?
    var terminal: (term: String, size: WindowSize)?
    var environment = ChildEnvironment()
    /// Client input that arrived before the child was ready (bounded).
    var pendingInput: [ByteBuffer] = []
    var pendingBytes = 0

    // The running session.
    var child: ChildProcess?
    var live: LiveSession?
    var principal: Principal?
    var input: (any Channel)?
    var openOutputs = 0
    var exitStatus: Int32?
    var exited = false
    var stopReason: SessionStop?
    var capsHeld: (user: UserID, org: OrgID)?
    var closeReason = "client_closed"
    var cleanedUp = false

    init(server: ServerContext, connection: ConnectionContext) {
        self.server = server
        self.connection = connection
    }

    func handlerAdded(context: ChannelHandlerContext) {
        channel = context.channel
        context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true).whenFailure { _ in }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .channel = message.type, case let .byteBuffer(bytes) = message.data else { return }
        live?.received(bytes.readableBytes, at: server.clock.now())
        if let input {
            input.writeAndFlush(bytes, promise: nil)
        } else if phase != .closed, pendingBytes + bytes.readableBytes <= 65_536 {
            pendingInput.append(bytes)
            pendingBytes += bytes.readableBytes
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
            let accepted = phase == .waiting
            if accepted {
                terminal = (request.term, WindowSize(columns: request.terminalCharacterWidth, rows: request.terminalRowHeight))
            }
            reply(request.wantReply, accepted)
        case let request as SSHChannelRequestEvent.EnvironmentRequest:
            let accepted = phase == .waiting && environment.accept(name: request.name, value: request.value)
            if !accepted { refuse(.environment(request.name), closing: false) }
            reply(request.wantReply, accepted)
        case let request as SSHChannelRequestEvent.ShellRequest:
            guard phase == .waiting else { return reply(request.wantReply, false) }
            reply(request.wantReply, true)
            guard terminal != nil else {
                refuse(.shellWithoutTerminal, closing: true, exitCode: 2)
                return
            }
            start(.console)
        case let request as SSHChannelRequestEvent.ExecRequest:
            guard phase == .waiting else { return reply(request.wantReply, false) }
            reply(request.wantReply, true)
            do {
                start(.exec(try ExecCommand(parsing: request.command)))
            } catch {
                refuse(.exec(error.message), closing: true, exitCode: 3)
            }
        case let request as SSHChannelRequestEvent.SubsystemRequest:
            let sent = refuse(.subsystem(request.subsystem), closing: false)
            reply(request.wantReply, false)
            sent?.whenComplete { [channel] _ in channel?.close(promise: nil) }
        case let request as SSHChannelRequestEvent.WindowChangeRequest:
            resize(WindowSize(columns: request.terminalCharacterWidth, rows: request.terminalRowHeight))
        case ChannelEvent.inputClosed:
            // The client closed its stdin: a command's stdin closes too; a terminal ignores it.
            if case .pipes = child?.io { input?.close(mode: .output, promise: nil) }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        phase = .closed
        if child != nil, !exited { hangUp() }
        cleanUp()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// Answers a request that wants a reply.
    func reply(_ wanted: Bool, _ accepted: Bool) {
        guard wanted, let channel else { return }
        if accepted {
            channel.triggerUserOutboundEvent(ChannelSuccessEvent(), promise: nil)
        } else {
            channel.triggerUserOutboundEvent(ChannelFailureEvent(), promise: nil)
        }
    }

    /// Writes one line to the client's stderr; the future completes once it went out.
    @discardableResult
    func tell(_ line: String) -> EventLoopFuture<Void>? {
        guard let channel else { return nil }
        var buffer = channel.allocator.buffer(capacity: line.utf8.count + 12)
        buffer.writeString("bulkhead: \(line)\r\n")
        return channel.writeAndFlush(SSHChannelData(type: .stdErr, data: .byteBuffer(buffer)))
    }

    /// Sends the exit status, then closes the channel once it (and everything written before it) went out.
    func exit(with code: Int) {
        guard let channel else { return }
        channel.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: code)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    /// Refuses something with a message and a security event; `closing` ends the channel with `exitCode`.
    ///
    /// - Returns: the message's write, which completes once it went out.
    @discardableResult
    func refuse(_ refusal: ServerRefusal, closing: Bool, exitCode: Int = 1) -> EventLoopFuture<Void>? {
        server.recordRefusal(refusal, identity: connection.identity)
        let sent = tell(refusal.message)
        guard closing else { return sent }
        phase = .closed
        closeReason = "refused"
        exit(with: exitCode)
        return sent
    }

    /// Resizes the session's terminal (the console redraws on the SIGWINCH the kernel sends).
    func resize(_ size: WindowSize) {
        guard let current = terminal else { return }
        terminal = (current.term, size)
        if case let .terminal(_, control)? = child?.io, !exited {
            size.apply(to: control)
        }
    }
}
