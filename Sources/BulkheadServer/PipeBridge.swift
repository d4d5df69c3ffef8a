import NIOCore
import NIOSSH

/// Sits on a pipe channel of a session's process (the pty master, stdout or stderr) and hands
/// what the process writes to the session's handler, which sends it to the client.
final class PipeBridge: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let owner: NIOLoopBound<SessionChannelHandler>
    private let type: SSHChannelData.DataType
    private var ended = false

    init(owner: NIOLoopBound<SessionChannelHandler>, type: SSHChannelData.DataType) {
        self.owner = owner
        self.type = type
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        owner.value.forward(unwrapInboundIn(data), as: type)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { end() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        end()
        context.fireChannelInactive()
    }

    /// A terminal whose process is gone reads EIO: that is its end of output, not a failure.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        end()
        context.close(promise: nil)
    }

    private func end() {
        guard !ended else { return }
        ended = true
        owner.value.outputEnded()
    }
}
