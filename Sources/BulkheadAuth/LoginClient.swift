/// Where a login attempt comes from, so failed logins lock that client out and not the account.
///
/// Lockout is keyed by (account, client): by (account, source address) over SSH, and by
/// (account, terminal) locally. Someone guessing Globex's admin password from one terminal or
/// address then locks only themselves out, and the admin still logs in from their own.
public struct LoginClient: Sendable, Hashable, CustomStringConvertible {
    /// The kind of client.
    public enum Kind: String, Sendable, Hashable {
        /// A local process with no terminal (a script, a pipe).
        case local
        /// A local terminal, named by its device.
        case terminal
        /// An SSH connection, named by its source address.
        case ssh
    }

    /// The kind.
    public let kind: Kind
    /// The terminal's device or the connection's address; empty for `local`.
    public let id: String

    /// A local process with no terminal.
    public static let local = LoginClient(kind: .local, id: "")

    /// A local terminal such as `/dev/pts/3`.
    public static func terminal(_ device: String) -> LoginClient { LoginClient(kind: .terminal, id: String(device.prefix(128))) }

    /// An SSH connection from `address` (the port is left out: a reconnect is the same client).
    public static func ssh(address: String) -> LoginClient { LoginClient(kind: .ssh, id: String(address.prefix(128))) }

    /// The key stored with the failure count.
    public var description: String { id.isEmpty ? kind.rawValue : "\(kind.rawValue):\(id)" }
}
