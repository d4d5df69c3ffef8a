/// Proof that the caller holds this installation's SSH host key: what opening a session for a
/// public key (without a password) requires.
///
/// Only ``AuthService/sshServer()`` makes one, from the host key file in the home after checking
/// that the control plane registered that key; its initializer is not public. `bulkhead serve` is
/// the one command that calls it; no tenant command, console call or SSH request does.
public struct SSHServerCredential: Sendable {
    /// The host key the server presents to clients.
    public let hostKey: SSHHostKey

    init(hostKey: SSHHostKey) {
        self.hostKey = hostKey
    }
}
