import BulkheadCore

/// Something that matters for isolation happened: a failed login, a forged token, a stamp mismatch,
/// an operator action, a refused command.
///
/// Events carry ids and a short detail written by our code; never a password, a token, SQL or a row.
public struct SecurityEvent: Sendable, Hashable {
    /// Who caused the event, as far as the code that records it knows.
    public enum Actor: Sendable, Hashable, CustomStringConvertible {
        /// The installation's operator, proven by the operator key.
        case `operator`(OperatorID)
        /// A tenant user, proven by a verified token.
        case user(UserID)
        /// Nobody proven: no session, a bad token, a wrong operator key.
        case anonymous

        /// The stored form: `operator:<id>`, `user:<id>` or `anonymous`.
        public var description: String {
            switch self {
            case let .operator(id): return "operator:\(id)"
            case let .user(id): return "user:\(id)"
            case .anonymous: return "anonymous"
            }
        }

        /// Reads the stored form back; nil for anything else.
        public init?(stored: String) {
            if stored == "anonymous" { self = .anonymous; return }
            let parts = stored.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return nil }
            switch parts[0] {
            case "operator": guard let id = OperatorID(rawValue: parts[1]) else { return nil }; self = .operator(id)
            case "user": guard let id = UserID(rawValue: parts[1]) else { return nil }; self = .user(id)
            default: return nil
            }
        }
    }

    /// A stable kind such as `login_failed`, `token_rejected`, `tenant_stamp_mismatch`, `firewall_block`.
    public let kind: String
    /// The org concerned, when one is known.
    public let orgID: OrgID?
    /// The user concerned, when one is known.
    public let userID: UserID?
    /// A short description made of ids and codes only.
    public let detail: String
    /// Who caused it, when known.
    public let actor: Actor?

    public init(kind: String, orgID: OrgID? = nil, userID: UserID? = nil, detail: String = "", actor: Actor? = nil) {
        self.kind = kind
        self.orgID = orgID
        self.userID = userID
        self.detail = detail
        self.actor = actor
    }
}

/// Where security events go; the control database records them, tests can collect them.
public protocol SecurityEventRecorder: Sendable {
    /// Records an event. It must not throw: losing an event must never block the refusal it accompanies.
    func record(_ event: SecurityEvent)
}
