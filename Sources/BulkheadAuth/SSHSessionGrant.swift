import Foundation
import BulkheadCore

/// A session opened for an SSH key: its token (for the child process only) and its principal.
public struct SSHSessionGrant: Sendable {
    /// The session token; handed to the session's child through its environment, never through argv.
    public let token: String
    /// The verified principal of the token.
    public let principal: Principal
    /// When the session was opened: its token's lifetime counts from here, so the server's own clock
    /// of the session's length must too, or a token could expire before the length is reached.
    public let issuedAt: Date
}
