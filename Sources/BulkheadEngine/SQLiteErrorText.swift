import BulkheadCore
import GRDBSQLite

/// Turns a SQLite failure into a safe sentence: the error class and the tenant's own identifiers only.
///
/// SQLite's own messages can carry file paths (a failed open), internal table names and details
/// of the build; none of that may reach a tenant. The sentence is built from the primary result
/// code, plus the identifier of the few "no such …" forms, which is text the tenant wrote.
enum SQLiteErrorText {
    /// Message prefixes whose remainder is the tenant's own identifier.
    private static let identifierForms = [
        "no such table: ", "no such column: ", "no such function: ", "ambiguous column name: ",
        "no such collation sequence: ", "misuse of aggregate: ", "misuse of window function ",
        "no such index: ", "wrong number of arguments to function ",
    ]

    /// The safe sentence for result code `code` with SQLite's message `message`.
    static func safe(code: Int32, message: String) -> String {
        let primary = code & 0xFF
        if primary == SQLITE_ERROR {
            for form in identifierForms where message.hasPrefix(form) {
                let rest = String(message.dropFirst(form.count))
                return form + SQLText.safeIdentifier(rest)
            }
            if message.hasPrefix("near \""), let close = message.dropFirst(6).firstIndex(of: "\"") {
                let token = message[message.index(message.startIndex, offsetBy: 6)..<close]
                return "syntax error near \"\(SQLText.safeIdentifier(String(token)))\""
            }
            if message == "incomplete input" { return "syntax error: incomplete input" }
            if message == "LIKE or GLOB pattern too complex" {
                return "a LIKE or GLOB pattern may be at most \(SandboxLimits.likePattern) characters long"
            }
            if message.contains("syntax error") { return "syntax error" }
            return "the statement is not valid"
        }
        return className(primary)
    }

    /// True for a statement stopped because a value, a row or a guarded function's work was over
    /// the sandbox's limits ("result too large", or a guarded function's refusal).
    static func isTooLarge(_ error: BulkheadError) -> Bool {
        guard case let .sqlFailed(message) = error else { return false }
        return message.hasPrefix("result too large") || message.contains("would take too long")
    }

    /// The safe sentence for a failed open: never the path, only what went wrong.
    static func openFailure(_ code: Int32) -> String {
        switch code & 0xFF {
        case SQLITE_NOTADB: return "the source is not a SQLite database"
        case SQLITE_CANTOPEN: return "the source could not be opened"
        default: return className(code & 0xFF)
        }
    }

    private static func className(_ primary: Int32) -> String {
        switch primary {
        case SQLITE_BUSY: return "the source is busy"
        case SQLITE_LOCKED: return "the source is locked"
        case SQLITE_NOMEM: return "out of memory: the statement needs more memory than a query may use"
        case SQLITE_READONLY: return "the source is read-only"
        case SQLITE_IOERR: return "I/O error while reading the source"
        case SQLITE_CORRUPT: return "the source file is damaged"
        case SQLITE_FULL: return "the disk is full"
        case SQLITE_CANTOPEN: return "the source could not be opened"
        case SQLITE_SCHEMA: return "the source's schema changed; run the statement again"
        case SQLITE_TOOBIG: return "result too large: a value, a row or the statement is over the \(SandboxLimits.lengthDescription) limit"
        case SQLITE_CONSTRAINT: return "constraint failed"
        case SQLITE_MISMATCH: return "datatype mismatch"
        case SQLITE_MISUSE: return "the statement was misused"
        case SQLITE_RANGE: return "parameter number out of range"
        case SQLITE_NOTADB: return "the source is not a SQLite database"
        default: return "SQLite error class \(primary)"
        }
    }
}
