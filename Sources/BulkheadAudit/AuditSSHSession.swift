import Foundation
import NIOCore
import NIOSSH
import Synchronization

/// What one SSH session channel of the audit client saw: the replies to its requests, its stdout
/// and stderr, its exit status, and whether it closed.
struct AuditSSHOutcome: Sendable {
    var replies: [Bool] = []
    var stdout = ""
    var stderr = ""
    var exitStatus: Int?
    var closed = false
}

/// The outcome of one session channel, filled by its collector on the event loop and read by the pattern.
final class AuditSSHOutcomeBox: Sendable {
    private let state = Mutex(AuditSSHOutcome())

    func update(_ change: (inout AuditSSHOutcome) -> Void) { state.withLock { change(&$0) } }

    var value: AuditSSHOutcome { state.withLock { $0 } }
}

/// A request the audit client sends on a session channel.
enum AuditSSHRequest: Sendable {
    case pty
    case env(String, String)
    case shell
    case exec(String)
    case subsystem(String)

    /// The swift-nio-ssh event that carries it (every one wants a reply).
    var event: any Sendable {
        switch self {
        case .pty:
            return SSHChannelRequestEvent.PseudoTerminalRequest(wantReply: true, term: "xterm-256color", terminalCharacterWidth: 80,
                                                                terminalRowHeight: 24, terminalPixelWidth: 0, terminalPixelHeight: 0,
                                                                terminalModes: SSHTerminalModes([:]))
        case let .env(name, value): return SSHChannelRequestEvent.EnvironmentRequest(wantReply: true, name: name, value: value)
        case .shell: return SSHChannelRequestEvent.ShellRequest(wantReply: true)
        case let .exec(command): return SSHChannelRequestEvent.ExecRequest(command: command, wantReply: true)
        case let .subsystem(name): return SSHChannelRequestEvent.SubsystemRequest(subsystem: name, wantReply: true)
        }
    }
}

/// Collects what a session channel receives into a shared box.
final class AuditSSHCollector: ChannelInboundHandler {
    typealias InboundIn = SSHChannelData

    let box: AuditSSHOutcomeBox

    init(box: AuditSSHOutcomeBox) {
        self.box = box
    }

    func handlerAdded(context: ChannelHandlerContext) {
        context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true).whenFailure { _ in }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case let .byteBuffer(bytes) = message.data else { return }
        let text = String(buffer: bytes)
        box.update { outcome in
            if case .stdErr = message.type { outcome.stderr += text } else { outcome.stdout += text }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is ChannelSuccessEvent: box.update { $0.replies.append(true) }
        case is ChannelFailureEvent: box.update { $0.replies.append(false) }
        case let status as SSHChannelRequestEvent.ExitStatus: box.update { $0.exitStatus = status.exitStatus }
        default: context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        box.update { $0.closed = true }
        context.fireChannelInactive()
    }
}
