/// The closed set of errors a tenant can see.
///
/// Every message is written here, from literals and from the caller's own input, so nothing a
/// tenant reads can carry another tenant's names, a path outside their sources or a raw SQLite
/// message. Services translate whatever they catch into one of these before it leaves them.
/// Another tenant's resource is reported exactly like a missing one: `notFound`, never `denied`.
public enum BulkheadError: Error, Sendable, Equatable {
    /// No such resource in the caller's org (also what another org's resource looks like).
    case notFound(kind: String, name: String)
    /// No session, or the session's token no longer verifies.
    case notAuthenticated
    /// Login failed; the message never says whether the email exists.
    case invalidCredentials
    /// Too many failed logins for this account; try again after the given number of seconds.
    case lockedOut(retryAfterSeconds: Int)
    /// The caller's role does not allow the action inside their own org.
    case denied
    /// An operator command was called without a valid operator key (no session, a tenant's token
    /// or a wrong key all read the same).
    case operatorRequired
    /// A tenant named an org other than the one of their session; no lookup is made, so every
    /// other name, existing or not, answers the same.
    case outsideOwnOrg
    /// A place or an act the product never permits, for anyone (a backup outside the org's area,
    /// a grant of the home or of a system folder); the reason is one of our own sentences.
    case notPermitted(String)
    /// An invited account's first login: the one-time code verified, and the user must now choose a password.
    case firstLoginNeedsPassword
    /// The input was malformed; the reason is one of our own sentences.
    case invalidInput(String)
    /// The caller's org is over its rate or concurrency limit.
    case rateLimited(retryAfterSeconds: Int)
    /// A statement ran past its time limit and was stopped.
    case timeLimit(seconds: Double)
    /// The caller cancelled the operation.
    case cancelled
    /// The SQL sandbox refused the statement; the reason is one of our own sentences.
    case sqlRefused(String)
    /// SQLite rejected the statement; only the error class and the caller's own text are shown.
    case sqlFailed(String)
    /// A backup, a stamp or a checksum did not verify.
    case integrity(String)
    /// The name is already taken in the caller's org.
    case conflict(String)
    /// The context firewall refused to send a prompt.
    case firewall
    /// A remote service (a model API) failed or could not be reached.
    case unavailable(String)
    /// Something failed inside; the code lets an operator find the log line, nothing more.
    case internalFailure(code: String)

    /// The sentence shown to the tenant.
    public var message: String {
        switch self {
        case let .notFound(kind, name): return "\(kind) '\(name)' not found"
        case .notAuthenticated: return "not logged in (or the session has expired); run `bulkhead login`"
        case .invalidCredentials: return "invalid email or password"
        case let .lockedOut(seconds): return "too many failed logins; try again in \(seconds) s"
        case .denied: return "your role does not allow this; ask an admin of your organization"
        case .outsideOwnOrg: return "you can only act inside your own organization (the one you are logged in to)"
        case let .notPermitted(reason): return "not permitted: \(reason)"
        case .firstLoginNeedsPassword:
            return "this is your first login with an invitation code: choose your own password (at the prompt, or as the second line of standard input)"
        case .operatorRequired:
            return "this is an operator command: present the installation's operator key with --operator-key FILE or BULKHEAD_OPERATOR_KEY=FILE"
        case let .invalidInput(reason): return reason
        case let .rateLimited(seconds): return "slow down: your organization is over its limit; retry in \(seconds) s"
        case let .timeLimit(seconds): return "the statement ran longer than \(Self.format(seconds)) s and was stopped"
        case .cancelled: return "cancelled"
        case let .sqlRefused(reason): return "refused: \(reason)"
        case let .sqlFailed(reason): return "SQL error: \(reason)"
        case let .integrity(reason): return "integrity check failed: \(reason)"
        case let .conflict(reason): return reason
        case .firewall: return "the request was stopped by the context firewall; nothing was sent"
        case let .unavailable(reason): return "service unavailable: \(reason)"
        case let .internalFailure(code): return "internal error (code \(code))"
        }
    }

    /// The process exit code of the command line contract: 1 failure, 3 not logged in or denied, 4 not found.
    public var exitCode: Int32 {
        switch self {
        case .notFound: return 4
        case .notAuthenticated, .invalidCredentials, .lockedOut, .denied, .operatorRequired, .outsideOwnOrg, .firstLoginNeedsPassword, .notPermitted: return 3
        default: return 1
        }
    }

    /// A short stable code for logs and JSON; it names the class of error, never its content.
    public var code: String {
        switch self {
        case .notFound: return "not_found"
        case .notAuthenticated: return "not_authenticated"
        case .invalidCredentials: return "invalid_credentials"
        case .lockedOut: return "locked_out"
        case .denied: return "denied"
        case .operatorRequired: return "operator_required"
        case .outsideOwnOrg: return "denied"
        case .firstLoginNeedsPassword: return "password_required"
        case .notPermitted: return "not_permitted"
        case .invalidInput: return "invalid_input"
        case .rateLimited: return "rate_limited"
        case .timeLimit: return "time_limit"
        case .cancelled: return "cancelled"
        case .sqlRefused: return "sql_refused"
        case .sqlFailed: return "sql_failed"
        case .integrity: return "integrity"
        case .conflict: return "conflict"
        case .firewall: return "firewall"
        case .unavailable: return "unavailable"
        case .internalFailure: return "internal"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

extension BulkheadError: CustomStringConvertible {
    public var description: String { message }
}

extension BulkheadError {
    /// Wraps any error into a safe one: a `BulkheadError` passes through, anything else becomes an internal failure.
    public static func safe(_ error: any Error, code: String) -> BulkheadError {
        (error as? BulkheadError) ?? .internalFailure(code: code)
    }
}
