import BulkheadCore

/// Something that matters for isolation happened: a failed login, a forged token, a stamp mismatch.
///
/// Events carry ids and a short detail written by our code; never a password, a token, SQL or a row.
public struct SecurityEvent: Sendable, Hashable {
    /// A stable kind such as `login_failed`, `token_rejected`, `tenant_stamp_mismatch`, `firewall_block`.
    public let kind: String
    /// The org concerned, when one is known.
    public let orgID: OrgID?
    /// The user concerned, when one is known.
    public let userID: UserID?
    /// A short description made of ids and codes only.
    public let detail: String

    public init(kind: String, orgID: OrgID? = nil, userID: UserID? = nil, detail: String = "") {
        self.kind = kind
        self.orgID = orgID
        self.userID = userID
        self.detail = detail
    }
}

/// Where security events go; the control database records them, tests can collect them.
public protocol SecurityEventRecorder: Sendable {
    /// Records an event. It must not throw: losing an event must never block the refusal it accompanies.
    func record(_ event: SecurityEvent)
}
