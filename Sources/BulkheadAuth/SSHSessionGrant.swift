import BulkheadCore

/// A session opened for an SSH key: its token (for the child process only) and its principal.
public struct SSHSessionGrant: Sendable {
    /// The session token; handed to the session's child through its environment, never through argv.
    public let token: String
    /// The verified principal of the token.
    public let principal: Principal
}
