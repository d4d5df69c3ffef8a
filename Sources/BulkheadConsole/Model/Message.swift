import BulkheadCore
import Foundation

/// Everything that can change the console's state: input from the terminal, time, and the results
/// of effects. `update` is the only place that reacts to them.
public enum Message: Sendable {
    /// A key press.
    case key(Key)
    /// The terminal changed size.
    case resize(TerminalSize)
    /// A click or a wheel turn.
    case mouse(MouseEvent)
    /// Time passed (the driver sends ticks while something runs, for elapsed time and spinners).
    case tick(Date)
    /// The startup facts arrived.
    case started(ConsoleStartup)
    /// The demo workspace was created; these accounts were made.
    case demoCreated([DemoAccount])
    /// Login succeeded.
    case loggedIn(ConsoleSession)
    /// The user belongs to several orgs: pick one and log in again.
    case chooseOrg([String])
    /// The session ended.
    case loggedOut
    /// The org's sources.
    case sourcesLoaded([SourceSummary])
    /// One source's introspection.
    case sourceLoaded(SourceDetail)
    /// An answer.
    case answered(AskOutcome)
    /// A page of an answer's rows, in `order`.
    case rowsLoaded(requestID: String, order: ResultOrder?, offset: Int, rows: [[DisplayValue]])
    /// A search of a result ended: the matching row, or nil.
    case searchFinished(requestID: String, text: String, index: Int?)
    /// An export was written.
    case exported(ExportReceipt)
    /// A page of a table's preview rows.
    case tableRowsLoaded(source: String, table: String, offset: Int, rows: [[DisplayValue]])
    /// Feedback was recorded.
    case feedbackSaved(requestID: String, good: Bool)
    /// This session's requests, newest first.
    case requestsLoaded([RequestSummary])
    /// One request's detail.
    case requestLoaded(RequestDetail)
    /// The audit moved on.
    case auditProgress(AuditProgress)
    /// The audit finished.
    case auditFinished(AuditReport)
    /// The theme choice was saved.
    case themeSaved(String)
    /// The org's model changed; the new `provider/model`.
    case modelChanged(String)
    /// A suggested example was approved or rejected.
    case exampleReviewed(id: String, approved: Bool)
    /// The session re-check answered.
    case sessionChecked(SessionCheck)
    /// Something the user must know now (the server is shutting down); shown in the status bar.
    case announcement(String)
    /// An effect failed; the message is already safe to show.
    case failed(EffectKind, String)
}
