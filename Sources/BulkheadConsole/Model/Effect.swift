import BulkheadCore

/// Work the console asks for, as a value: `update` returns effects, the `EffectRunner` performs them.
///
/// Keeping effects as data keeps `update` pure and testable: a test checks that typing an email and
/// a password yields `.login(...)` without any service running.
public enum Effect: Equatable, Sendable {
    /// Ask the services whether the home is empty and whether a session is already open.
    case loadStartup
    /// Create the demo workspace (two orgs, users, sources, notes).
    case createDemo
    /// Log in; `org` is the org name chosen in the picker when the user has several.
    case login(email: String, password: String, org: String?)
    /// End the session.
    case logout
    /// List the org's sources.
    case listSources
    /// Introspect one source: tables, columns, keys, row counts, sample rows.
    case showSource(String)
    /// Ask a question, optionally of one source.
    case ask(question: String, source: String?)
    /// Cancel the running ask.
    case cancel
    /// Load a page of a result that was too big to send at once, in `order`.
    case loadRows(requestID: String, offset: Int, limit: Int, order: ResultOrder?)
    /// Find the next (or previous) row of a result holding `text`.
    case searchRows(requestID: String, order: ResultOrder?, text: String, from: Int, forward: Bool)
    /// Write a whole result to a file in a folder the user chose.
    case export(requestID: String, order: ResultOrder?, format: ResultFormat, folder: String)
    /// Load a page of a table for the sources screen's preview.
    case loadTableRows(source: String, table: String, offset: Int, limit: Int)
    /// Put text on the terminal's clipboard (OSC 52); the driver does it, not the services.
    case copy(String)
    /// Open or close the split screen; the driver does it, not the services.
    case toggleSplit
    /// Mark an answer good or bad.
    case feedback(requestID: String, good: Bool)
    /// List this session's requests.
    case loadRequests
    /// Load one request's full context for the inspector.
    case loadRequest(String)
    /// Run the isolation audit.
    case runAudit
    /// Remember the chosen theme.
    case saveTheme(String)
    /// Switch the org's model to a configured provider.
    case useModel(String)
    /// Approve (or reject) a member's suggested example.
    case reviewExample(id: String, approve: Bool)
    /// Ask whether the logged-in session still stands (every few seconds while logged in).
    case checkSession
    /// Leave the console.
    case quit
}

extension Effect: CustomStringConvertible {
    /// A description that never carries a password or a question, so an effect may be logged.
    public var description: String {
        switch self {
        case .loadStartup: return "loadStartup"
        case .createDemo: return "createDemo"
        case .login: return "login"
        case .logout: return "logout"
        case .listSources: return "listSources"
        case .showSource: return "showSource"
        case .ask: return "ask"
        case .cancel: return "cancel"
        case let .loadRows(_, offset, limit, order):
            return "loadRows(offset: \(offset), limit: \(limit)\(order.map { ", order: \($0.column)\($0.descending ? " desc" : "")" } ?? ""))"
        case .searchRows: return "searchRows"
        case let .export(_, _, format, _): return "export(\(format.rawValue))"
        case let .loadTableRows(_, _, offset, limit): return "loadTableRows(offset: \(offset), limit: \(limit))"
        case .copy: return "copy"
        case .toggleSplit: return "toggleSplit"
        case .feedback: return "feedback"
        case .loadRequests: return "loadRequests"
        case .loadRequest: return "loadRequest"
        case .runAudit: return "runAudit"
        case let .saveTheme(name): return "saveTheme(\(name))"
        case let .useModel(provider): return "useModel(\(provider))"
        case let .reviewExample(id, approve): return "reviewExample(\(id), approve: \(approve))"
        case .checkSession: return "checkSession"
        case .quit: return "quit"
        }
    }
}

/// Which kind of effect failed, so `update` knows which screen shows the error.
public enum EffectKind: String, Sendable, Equatable {
    /// `.loadStartup`.
    case startup
    /// `.createDemo`.
    case demo
    /// `.login`.
    case login
    /// `.logout`.
    case logout
    /// `.listSources`.
    case sources
    /// `.showSource`.
    case source
    /// `.ask` (a cancel shows here too).
    case ask
    /// `.loadRows`.
    case rows
    /// `.searchRows`.
    case search
    /// `.export`.
    case export
    /// `.loadTableRows`.
    case tableRows
    /// `.feedback`.
    case feedback
    /// `.loadRequests`.
    case requests
    /// `.loadRequest`.
    case request
    /// `.runAudit`.
    case audit
    /// `.saveTheme`.
    case theme
    /// `.useModel`.
    case model
    /// `.checkSession`.
    case session
}
