import BulkheadCore
import PostgresNIO

/// Turns a PostgreSQL failure into a safe error: the class of what went wrong and the tenant's own identifiers only.
///
/// A server's messages can name other schemas, roles, file paths and settings, and its DETAIL
/// and HINT fields can quote rows; none of that may reach a tenant. The sentence is chosen by
/// SQLSTATE, plus the one quoted identifier of a few "does not exist" forms, which is text the
/// tenant wrote in the statement.
public enum PostgresErrorText {
    /// The five-character SQLSTATE of a server error, looking inside transaction errors too.
    public static func sqlState(_ error: any Error) -> String? {
        serverError(error)?.serverInfo?[.sqlState]
    }

    /// The safe error for a failed tenant statement that ran with a limit of `timeLimit` seconds.
    public static func safe(_ error: any Error, timeLimit: Double) -> BulkheadError {
        if let safe = error as? BulkheadError { return safe }
        guard let server = serverError(error) else { return connectionFailure(error) }
        let state = server.serverInfo?[.sqlState] ?? ""
        let message = server.serverInfo?[.message] ?? ""
        switch state {
        case "57014": return .timeLimit(seconds: timeLimit)
        case "25006": return .sqlRefused("only read-only statements are allowed")
        case "42501": return .sqlRefused("the database does not allow this to your source's role")
        case "42601": return .sqlFailed(syntax(message))
        case "42P01": return .sqlFailed(quoted("no such table: ", message) ?? "no such table")
        case "42703": return .sqlFailed(quoted("no such column: ", message) ?? "no such column")
        case "42702": return .sqlFailed(quoted("ambiguous column name: ", message) ?? "ambiguous column name")
        case "42883": return .sqlFailed("no such function (or not with these argument types)")
        case "42803": return .sqlFailed("misuse of an aggregate (GROUP BY)")
        case "3D000": return .unavailable("the database does not exist")
        case "0A000": return .sqlRefused("the database does not support this")
        default: break
        }
        switch state.prefix(2) {
        case "22": return .sqlFailed("a value is not valid for its type")
        case "23": return .sqlFailed("constraint failed")
        case "28": return .invalidInput("the database refused the login")
        case "08", "57": return .unavailable("the database closed the connection")
        case "53", "54": return .sqlFailed("the statement needs more resources than the database allows")
        case "42": return .sqlFailed("the statement is not valid")
        default: return .sqlFailed("database error class \(state.prefix(2).isEmpty ? "unknown" : String(state.prefix(2)))")
        }
    }

    /// The safe error for a failure to connect or log in: never the host's own words.
    public static func connectionFailure(_ error: any Error) -> BulkheadError {
        if let safe = error as? BulkheadError { return safe }
        if let server = serverError(error), let state = server.serverInfo?[.sqlState] {
            if state.hasPrefix("28") { return .invalidInput("the database refused the login (check the user and password)") }
            if state == "3D000" { return .invalidInput("the database does not exist on that server") }
            return .unavailable("the database refused the connection")
        }
        if let psql = error as? PSQLError, psql.code == .authMechanismRequiresPassword {
            return .invalidInput("the database asks for a password; give it on standard input (--password-stdin)")
        }
        return .unavailable("the database could not be reached")
    }

    private static func serverError(_ error: any Error) -> PSQLError? {
        if let psql = error as? PSQLError, psql.code == .server { return psql }
        if let transaction = error as? PostgresTransactionError {
            for inner in [transaction.closureError, transaction.beginError, transaction.commitError] {
                if let inner, let found = serverError(inner) { return found }
            }
        }
        return nil
    }

    /// `prefix` plus the first double-quoted name of `message`, made safe; nil when there is none.
    private static func quoted(_ prefix: String, _ message: String) -> String? {
        guard let open = message.firstIndex(of: "\"") else { return nil }
        let rest = message[message.index(after: open)...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return prefix + SafeText.identifier(String(rest[..<close]))
    }

    private static func syntax(_ message: String) -> String {
        if message.hasPrefix("syntax error at end of input") { return "syntax error: incomplete input" }
        if message.hasPrefix("syntax error at or near"), let token = quoted("", message) {
            return "syntax error near \"\(token)\""
        }
        return "syntax error"
    }
}
