import BulkheadAuth
import BulkheadCore
import NIOCore
import NIOSSH

/// The server side of SSH user authentication: public keys only, and the key decides the user.
///
/// swift-nio-ssh verifies the client's signature with the offered key before it asks here, so a
/// request that reaches this delegate proves possession of the private key. The key is then looked
/// up in the control plane (``AuthService/authenticateSSHKey(_:userName:client:server:)``), off
/// the event loop, and the identity it resolves to is kept for the connection's channels.
/// Passwords, host-based and "none" requests are refused.
final class KeyAuthenticator: NIOSSHServerUserAuthenticationDelegate {
    private let server: ServerContext
    private let connection: ConnectionContext

    init(server: ServerContext, connection: ConnectionContext) {
        self.server = server
        self.connection = connection
    }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods { .publicKey }

    func requestReceived(request: NIOSSHUserAuthenticationRequest,
                         responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        guard case let .publicKey(offer) = request.request, let key = try? SSHPublicKey(offer.publicKey) else {
            responsePromise.succeed(.failure)
            return
        }
        let server = self.server, connection = self.connection, userName = request.username
        let outcome = server.blocking.runIfActive(eventLoop: responsePromise.futureResult.eventLoop) { () -> SSHKeyIdentity? in
            try? server.auth.authenticateSSHKey(key, userName: userName, client: connection.client, server: server.credential)
        }
        outcome.whenComplete { result in
            guard case let .success(identity?) = result else {
                responsePromise.succeed(.failure)
                return
            }
            connection.identity = identity
            responsePromise.succeed(.success)
        }
    }
}
