/// What a caller presented, before anything was verified: a session token, an operator key, both or neither.
///
/// Commands hand this to the `Services` administration calls, which decide who is asking from it
/// (and only from it) before they act. Nothing here is trusted: a token is verified, a key is
/// checked against the control plane, and the org a caller names is only ever compared with the
/// org of their verified token.
public struct CallerCredentials: Sendable {
    /// A session token (from `BULKHEAD_TOKEN` or the saved session), unverified.
    public var sessionToken: String?
    /// The text of an operator key file, unchecked.
    public var operatorKey: String?

    public init(sessionToken: String? = nil, operatorKey: String? = nil) {
        self.sessionToken = sessionToken
        self.operatorKey = operatorKey
    }
}
