import Synchronization

/// The outcome of one session channel, filled by its collector on the event loop and read by the pattern.
final class AuditSSHOutcomeBox: Sendable {
    private let state = Mutex(AuditSSHOutcome())

    func update(_ change: (inout AuditSSHOutcome) -> Void) { state.withLock { change(&$0) } }

    var value: AuditSSHOutcome { state.withLock { $0 } }
}
