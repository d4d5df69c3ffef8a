import NIOCore
import NIOSSH

/// The audit client's user authentication: one private key, offered once, under one user name.
///
/// Asked again, the key was refused: swift-nio-ssh's client then waits for ever, so the connection
/// is closed (`refused`) and whoever waits for a channel learns at once.
final class AuditKeyOffer: NIOSSHClientUserAuthenticationDelegate {
    private let key: NIOSSHPrivateKey
    private let user: String
    private let refused: () -> Void
    private var offered = false

    init(key: NIOSSHPrivateKey, user: String, refused: @escaping () -> Void) {
        self.key = key
        self.user = user
        self.refused = refused
    }

    func nextAuthenticationType(availableMethods: NIOSSHAvailableUserAuthenticationMethods,
                                nextChallengePromise: EventLoopPromise<NIOSSHUserAuthenticationOffer?>) {
        guard !offered, availableMethods.contains(.publicKey) else {
            nextChallengePromise.succeed(nil)
            refused()
            return
        }
        offered = true
        nextChallengePromise.succeed(NIOSSHUserAuthenticationOffer(username: user, serviceName: "ssh-connection",
                                                                   offer: .privateKey(.init(privateKey: key))))
    }
}
