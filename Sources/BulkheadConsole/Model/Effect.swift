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
    /// Load a page of a result that was too big to send at once.
    case loadRows(requestID: String, offset: Int, limit: Int)
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
        case let .loadRows(_, offset, limit): return "loadRows(offset: \(offset), limit: \(limit))"
        case .feedback: return "feedback"
        case .loadRequests: return "loadRequests"
        case .loadRequest: return "loadRequest"
        case .runAudit: return "runAudit"
        case let .saveTheme(name): return "saveTheme(\(name))"
        case let .useModel(provider): return "useModel(\(provider))"
        case let .reviewExample(id, approve): return "reviewExample(\(id), approve: \(approve))"
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
}
