import BulkheadAuth
import BulkheadCore
import Foundation

extension ServerContext {
    /// One round of the watch: sessions that no longer verify, idled out or ran too long are stopped.
    func checkSessions() {
        let sessions = registry.all
        guard !sessions.isEmpty else { return }
        let now = clock.now()
        let roles = Dictionary(sessions.map { ($0.id, $0.role) }, uniquingKeysWith: { first, _ in first })
        let states = (try? auth.sshSessionStates(roles, server: credential)) ?? [:]
        for session in sessions {
            // The length first: a session that reached it also has an expired token, and should say which.
            if now.timeIntervalSince(session.startedAt) >= configuration.maxSessionLength {
                session.stop(.maximumLength(configuration.maxSessionLength))
            } else if case let .ended(end)? = states[session.id] {
                session.stop(.sessionEnded(end))
            } else if now.timeIntervalSince(session.usage.lastInput) >= configuration.idleTimeout {
                session.stop(.idle(configuration.idleTimeout))
            }
        }
    }
}
