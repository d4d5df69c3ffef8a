import NIOCore
import NIOSSH

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
