import BulkheadCore

/// What the console needs from the rest of Bulkhead, as one protocol the app implements.
///
/// The console never imports the store, the engine or SQLite: every call returns the plain value
/// types of this module, and every error is shown as a sentence. The app implements this protocol
/// on top of the auth, engine and assistant services and keeps the session (the verified token and
/// its `Principal`) on its side; the console only ever sees the session's display facts.
///
/// Rules for implementers:
/// - Every method is called off the UI thread by `EffectRunner`; it may block or take long.
/// - Throw `BulkheadError` (its `.message` is shown) or `ConsoleFailure` (its `message` is shown).
///   Any other error is shown as "internal error" and its text is never displayed, so a raw SQLite
///   or file-system message can never reach the screen.
/// - `ask` must honour Swift task cancellation (`withTaskCancellationHandler` → the engine's cancel):
///   Ctrl+C cancels the task that runs it, and a cancelled ask should throw `BulkheadError.cancelled`.
/// - Calls that touch tenant data use the logged-in principal; before login they throw
///   `BulkheadError.notAuthenticated`.
public protocol ConsoleServices: Sendable {
    /// Whether the home is empty (offer the demo) and whether a session is already open.
    func startup() async throws -> ConsoleStartup
    /// Creates the demo workspace and returns the accounts it made (with their one-time passwords).
    func createDemo() async throws -> [DemoAccount]
    /// Logs in. `org` is nil on the first try; when the user belongs to several orgs and `org` is
    /// nil, returns `.chooseOrg(names)` and the console asks again with one of them.
    func login(email: String, password: String, org: String?) async throws -> LoginOutcome
    /// Ends the session (revokes it).
    func logout() async throws
    /// The org's sources.
    func listSources() async throws -> [SourceSummary]
    /// One source's tables, columns, keys, row counts and a few sample rows per table.
    func showSource(name: String) async throws -> SourceDetail
    /// Asks a question; returns the SQL, the summary, the columns, the first page of rows and the total.
    func ask(question: String, source: String?) async throws -> AskOutcome
    /// A page of a previous answer's rows, read through the engine's cursor (sorted by `order`
    /// when given), so a million-row result is never loaded at once.
    func rows(requestID: String, offset: Int, limit: Int, order: ResultOrder?) async throws -> [[DisplayValue]]
    /// The index of the first row at or after `from` (before it, when not `forward`) with a cell
    /// containing `text` (case-insensitive), wrapping around the end; nil when no row has it.
    func search(requestID: String, order: ResultOrder?, text: String, from: Int, forward: Bool) async throws -> Int?
    /// Writes the whole result (sorted by `order`) in `format` to a new file in `folder`.
    func export(requestID: String, order: ResultOrder?, format: ResultFormat, folder: String) async throws -> ExportReceipt
    /// A page of one table's rows for the sources screen's preview.
    func tableRows(source: String, table: String, offset: Int, limit: Int) async throws -> [[DisplayValue]]
    /// Marks an answer good or bad (a good answer becomes an example of the org).
    func feedback(requestID: String, good: Bool) async throws
    /// This session's requests, newest first.
    func requests() async throws -> [RequestSummary]
    /// One request's full context, as the inspector shows it.
    func request(id: String) async throws -> RequestDetail
    /// Runs the isolation audit, reporting progress as each pattern finishes.
    func runAudit(progress: @escaping @Sendable (AuditProgress) -> Void) async throws -> AuditReport
    /// Remembers the theme the user chose, so the next start uses it.
    func saveTheme(name: String) async throws
    /// Whether the logged-in session still stands: its token unexpired, not revoked, the user still a
    /// member with the same role. Asked every few seconds; never throws (a failure to ask is `.valid`).
    func checkSession() async -> SessionCheck
    /// Switches the org to a model provider it has configured (admins); answers `provider/model`.
    func useModel(provider: String) async throws -> String
    /// Approves or rejects a member's suggested example (admins).
    func reviewExample(id: String, approve: Bool) async throws
}

extension ConsoleServices {
    /// Services without model settings (previews) cannot switch.
    public func useModel(provider: String) async throws -> String {
        throw ConsoleFailure("switching models is not available here")
    }

    /// Services without examples (previews) cannot review.
    public func reviewExample(id: String, approve: Bool) async throws {
        throw ConsoleFailure("reviewing examples is not available here")
    }
}

/// An error whose message was written to be shown as it is.
public struct ConsoleFailure: Error, Sendable, Equatable {
    /// The sentence shown to the user.
    public let message: String

    /// Makes a failure with a safe sentence.
    public init(_ message: String) {
        self.message = message
    }
}
