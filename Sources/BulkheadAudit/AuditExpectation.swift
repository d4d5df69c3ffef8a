import BulkheadCore

/// The safe error an attack must meet.
///
/// Each case names the one answer isolation allows; anything else (success included) fails the
/// pattern, because an attack answered the wrong way is either a leak or a hint.
enum AuditExpectation: Sendable, CustomStringConvertible {
    case notFound
    case denied
    case notAuthenticated
    case invalidCredentials
    case lockedOut
    /// The sandbox refused the statement, or SQLite failed it without touching anything.
    case sqlRejected
    case timeLimit
    case invalidInput
    case integrity
    case firewall
    case rateLimited
    case operatorRequired
    case conflict
    case notPermitted
    /// Any of the listed codes.
    case oneOf([String])

    func matches(_ error: BulkheadError) -> Bool {
        switch self {
        case .notFound: return error.code == "not_found"
        case .denied: return error.code == "denied"
        case .notAuthenticated: return error.code == "not_authenticated"
        case .invalidCredentials: return error.code == "invalid_credentials"
        case .lockedOut: return error.code == "locked_out"
        case .sqlRejected: return ["sql_refused", "sql_failed"].contains(error.code)
        case .timeLimit: return error.code == "time_limit"
        case .invalidInput: return error.code == "invalid_input"
        case .integrity: return error.code == "integrity"
        case .firewall: return error.code == "firewall"
        case .rateLimited: return error.code == "rate_limited"
        case .operatorRequired: return error.code == "operator_required"
        case .conflict: return error.code == "conflict"
        case .notPermitted: return error.code == "not_permitted"
        case let .oneOf(codes): return codes.contains(error.code)
        }
    }

    var description: String {
        switch self {
        case .notFound: return "not found"
        case .denied: return "denied"
        case .notAuthenticated: return "not authenticated"
        case .invalidCredentials: return "invalid credentials"
        case .lockedOut: return "locked out"
        case .sqlRejected: return "a refused statement"
        case .timeLimit: return "the time limit"
        case .invalidInput: return "invalid input"
        case .integrity: return "an integrity refusal"
        case .firewall: return "the firewall"
        case .rateLimited: return "rate limited"
        case .operatorRequired: return "an operator-key refusal"
        case .conflict: return "a conflict"
        case .notPermitted: return "a refusal of the place"
        case let .oneOf(codes): return codes.joined(separator: " or ")
        }
    }
}
