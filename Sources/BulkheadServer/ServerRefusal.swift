/// Something a client asked for that the server does not do: each one gets a clear message on the
/// channel (where there is one) and a security event.
enum ServerRefusal: Sendable, Equatable {
    /// A shell request without a pty request before it.
    case shellWithoutTerminal
    /// A subsystem such as sftp.
    case subsystem(String)
    /// An environment variable other than LANG, TERM, COLORTERM, NO_COLOR (or a bad value).
    case environment(String)
    /// An exec request outside the allowlist; the message says why.
    case exec(String)
    /// A direct-tcpip channel (`ssh -L`).
    case localForwarding
    /// A tcpip-forward global request (`ssh -R`).
    case remoteForwarding
    /// The user already has their maximum of live sessions.
    case userCap(Int)
    /// The org already has its maximum of live sessions.
    case orgCap(Int)
    /// The key's owner belongs to several orgs and the user name chose none.
    case severalOrgs([String], email: String)
    /// The session could not be opened (the key, membership or org changed since authentication).
    case notOpened

    /// The code in the security event.
    var code: String {
        switch self {
        case .shellWithoutTerminal: return "shell_without_pty"
        case .subsystem: return "subsystem"
        case .environment: return "env"
        case .exec: return "exec"
        case .localForwarding: return "local_forwarding"
        case .remoteForwarding: return "remote_forwarding"
        case .userCap: return "user_session_cap"
        case .orgCap: return "org_session_cap"
        case .severalOrgs: return "several_orgs"
        case .notOpened: return "not_opened"
        }
    }

    /// Extra detail for the event: ids and plain names only.
    var eventDetail: String? {
        switch self {
        case let .environment(name): return "name=\(ChildEnvironment.eventName(name))"
        case let .subsystem(name): return "name=\(ChildEnvironment.eventName(name))"
        default: return nil
        }
    }

    /// The line written to the client's stderr.
    var message: String {
        switch self {
        case .shellWithoutTerminal:
            return "the console needs a terminal: connect with `ssh -t`, or run one of the commands: " + ExecCommand.allowed
        case .subsystem:
            return "subsystems (sftp, scp) are not available here"
        case let .environment(name):
            return "environment variable \(ChildEnvironment.eventName(name)) refused: only LANG, TERM, COLORTERM and NO_COLOR pass"
        case let .exec(reason):
            return reason
        case .localForwarding, .remoteForwarding:
            return "port forwarding is not available here"
        case let .userCap(limit):
            return "you already have \(limit) sessions open (the most one user may have): close one and try again"
        case let .orgCap(limit):
            return "your organization already has \(limit) sessions open (its maximum): try again later"
        case let .severalOrgs(orgs, email):
            return "your account belongs to several organizations (\(orgs.joined(separator: ", "))): "
                + "choose one in the user name, e.g. ssh -l '\(email)/\(orgs.first ?? "ORG")' …"
        case .notOpened:
            return "the session could not be opened: your key, membership or organization changed; connect again"
        }
    }
}
