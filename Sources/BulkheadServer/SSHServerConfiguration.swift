import BulkheadCore
import Foundation

/// How `bulkhead serve` runs: where it listens, which binary serves each session, and the limits
/// on sessions (idle time, length, how many per user and per org).
public struct SSHServerConfiguration: Sendable {
    /// The address to listen on.
    public var address: ServerAddress
    /// The `bulkhead` binary each session runs (the console, or an allowed command).
    public var executable: URL
    /// The home every session's process opens (`BULKHEAD_HOME` of the child).
    public var home: URL
    /// A session with no input from its client for this long is ended, in seconds.
    public var idleTimeout: TimeInterval = 30 * 60
    /// A session is ended after this long whatever it does, in seconds.
    public var maxSessionLength: TimeInterval = 8 * 3600
    /// Live sessions one user may have at once, across every server of the home.
    public var maxSessionsPerUser = 5
    /// Live sessions one org may have at once, across every server of the home.
    public var maxSessionsPerOrg = 100
    /// How often live sessions are checked (revoked, key removed, user removed, idle), in seconds.
    public var checkInterval: TimeInterval = 2
    /// Variables every session's process gets from the server itself: where the store is
    /// (`BULKHEAD_STORE`, and the file or value of its password) when it is not the home's SQLite
    /// files, so a session serves from the same store as its server. The client can set none of them.
    public var storeEnvironment: [String: String] = [:]
    /// How long a session's process may take to end after SIGHUP before it is killed, in seconds.
    public var hangupGrace: TimeInterval = 3

    /// A configuration with the defaults.
    public init(address: ServerAddress = ServerAddress(), executable: URL, home: URL) {
        self.address = address
        self.executable = executable
        self.home = home
    }
}
