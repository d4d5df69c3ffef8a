import NIOCore
import NIOSSH

/// Refuses every port-forwarding request (`ssh -R`), recording it; `ssh -L` is refused where
/// channels open (``SSHServer``). Agent and X11 forwarding requests never reach the server's code:
/// swift-nio-ssh answers unknown channel requests with a failure itself.
struct ForwardingRefusal: GlobalRequestDelegate {
    let server: ServerContext
    let connection: ConnectionContext

    func tcpForwardingRequest(_ request: GlobalRequest.TCPForwardingRequest, handler: NIOSSHHandler,
                              promise: EventLoopPromise<GlobalRequest.TCPForwardingResponse>) {
        if case .listen = request { server.recordRefusal(.remoteForwarding, identity: connection.identity) }
        promise.fail(Refused())
    }

    /// The error that makes swift-nio-ssh answer a global request with a failure.
    struct Refused: Error {
    }
}
