import BulkheadAuth
import Synchronization

/// What the server knows about one SSH connection: where it comes from, and (once its key
/// authenticated) whose it is. Shared by the connection's authentication delegate and its channels.
final class ConnectionContext: Sendable {
    /// The client's address without the port (`127.0.0.1`), for throttling and session records.
    let address: String
    private let authenticated = Mutex<SSHKeyIdentity?>(nil)

    init(address: String) {
        self.address = address
    }

    /// The key's owner and org, set when authentication succeeded.
    var identity: SSHKeyIdentity? {
        get { authenticated.withLock { $0 } }
        set { authenticated.withLock { $0 = newValue } }
    }

    /// The client as lockout and session records name it.
    var client: LoginClient { .ssh(address: address) }
}
