import NIOCore
import NIOSSH

/// The audit client trusts exactly the server's host key, as a client with a known_hosts entry would.
struct AuditHostKeyCheck: NIOSSHClientServerAuthenticationDelegate {
    let expected: NIOSSHPublicKey

    func validateHostKey(hostKey: NIOSSHPublicKey, validationCompletePromise: EventLoopPromise<Void>) {
        if hostKey == expected {
            validationCompletePromise.succeed(())
        } else {
            validationCompletePromise.fail(AuditBreach("the server presented another host key"))
        }
    }
}
