import BulkheadCore
import Foundation
import Synchronization

/// An in-memory `ConsoleServices` with made-up but realistic data (a retail org, "Acme").
///
/// Snapshot tests draw every screen from it, the benchmark pages its 100,000-row result, and a
/// developer can run the real ncurses driver against it without a workspace. It follows the
/// protocol's rules: safe errors only, lockout after five failures, cancellable asks.
public final class PreviewServices: ConsoleServices {
    /// Password that logs in every preview account.
    public static let password = "correct-horse-battery"

    private struct State {
        var homeIsEmpty: Bool
        var failures = 0
        var loggedIn: ConsoleSession?
        var theme: String?
        var feedback: [String: Bool] = [:]
        var asked: [RequestSummary] = []
        var ended: String?
    }

    private let state: Mutex<State>
    private let askDelay: Duration
    private let auditDelay: Duration

    /// Makes the preview; `askDelay` and `auditDelay` let a human watch the running states.
    public init(homeIsEmpty: Bool = false, askDelay: Duration = .zero, auditDelay: Duration = .zero) {
        state = Mutex(State(homeIsEmpty: homeIsEmpty))
        self.askDelay = askDelay
        self.auditDelay = auditDelay
    }

    /// Ends the preview session from outside, as a revocation elsewhere would: the next re-check reports `reason`.
    public func endSession(reason: String) {
        state.withLock { $0.ended = reason }
    }

    /// `.ended` once ``endSession(reason:)`` was called while logged in; `.valid` otherwise.
    public func checkSession() async -> SessionCheck {
        state.withLock { state in
            guard state.loggedIn != nil, let reason = state.ended else { return .valid }
            state.loggedIn = nil
            state.ended = nil
            return .ended(reason)
        }
    }

    /// The theme last saved through `saveTheme`.
    public var savedTheme: String? { state.withLock { $0.theme } }

    /// Reports the empty-home flag given at init and the preview session, if logged in.
    public func startup() async throws -> ConsoleStartup {
        state.withLock { ConsoleStartup(homeIsEmpty: $0.homeIsEmpty, session: $0.loggedIn) }
    }

    /// Pretends to create the demo and returns three accounts with the preview password.
    public func createDemo() async throws -> [DemoAccount] {
        state.withLock { $0.homeIsEmpty = false }
        return PreviewData.accounts
    }

    /// Accepts the preview password for the demo accounts; `multi@example.test` has two orgs; five failures lock out.
    public func login(email: String, password: String, org: String?) async throws -> LoginOutcome {
        let normalized = email.trimmingSpaces().lowercased()
        return try state.withLock { state throws -> LoginOutcome in
            if state.failures >= 5 { throw BulkheadError.lockedOut(retryAfterSeconds: 60 << min(6, state.failures - 5)) }
            guard password == Self.password, let account = PreviewData.accounts.first(where: { $0.email == normalized })
                    ?? (normalized == "multi@example.test" ? DemoAccount(email: normalized, org: "", role: "member", password: "") : nil)
            else {
                state.failures += 1
                throw BulkheadError.invalidCredentials
            }
            state.failures = 0
            if account.org.isEmpty {
                guard let org else { return .chooseOrg(["Acme", "Initech"]) }
                let session = ConsoleSession(email: normalized, orgName: org, role: "member")
                state.loggedIn = session
                return .success(session)
            }
            let session = ConsoleSession(email: account.email, orgName: account.org, role: account.role)
            state.loggedIn = session
            return .success(session)
        }
    }

    /// Forgets the preview session.
    public func logout() async throws {
        state.withLock { $0.loggedIn = nil }
    }

    /// Three made-up sources of the Acme org.
    public func listSources() async throws -> [SourceSummary] {
        try requireSession()
        return PreviewData.sources.map { SourceSummary(name: $0.name, kind: $0.kind) }
    }

    /// The made-up introspection of one source; an unknown name is `notFound`, like another org's.
    public func showSource(name: String) async throws -> SourceDetail {
        try requireSession()
        guard let source = PreviewData.sources.first(where: { $0.name == name }) else {
            throw BulkheadError.notFound(kind: "source", name: name)
        }
        return source.detail
    }

    /// A canned answer after `askDelay`; "all …" or "… items" gives the 100,000-row result.
    public func ask(question: String, source: String?) async throws -> AskOutcome {
        try requireSession()
        if askDelay > .zero {
            do { try await Task.sleep(for: askDelay) } catch { throw BulkheadError.cancelled }
        }
        try Task.checkCancellation()
        let outcome = PreviewData.answer(question)
        state.withLock {
            $0.asked.insert(RequestSummary(id: outcome.requestID, question: question, time: "14:0\(min(9, $0.asked.count + 3)):12",
                                           totalTokens: 640, firewallVerdict: "allowed"), at: 0)
        }
        return outcome
    }

    /// A page of a canned answer, computed on demand.
    public func rows(requestID: String, offset: Int, limit: Int) async throws -> [[String]] {
        try requireSession()
        return PreviewData.rows(requestID: requestID, offset: offset, limit: limit)
    }

    /// Records the feedback in memory.
    public func feedback(requestID: String, good: Bool) async throws {
        try requireSession()
        state.withLock { $0.feedback[requestID] = good }
    }

    /// The questions asked in this preview, then two earlier requests.
    public func requests() async throws -> [RequestSummary] {
        try requireSession()
        return state.withLock { $0.asked } + PreviewData.requests
    }

    /// One request's made-up context.
    public func request(id: String) async throws -> RequestDetail {
        try requireSession()
        if let detail = PreviewData.requestDetails.first(where: { $0.id == id }) { return detail }
        if let asked = state.withLock({ $0.asked.first { $0.id == id } }) {
            var detail = PreviewData.requestDetails[0]
            detail.id = asked.id
            detail.question = asked.question
            detail.requestBody = detail.requestBody.replacingOccurrences(of: PreviewData.requestDetails[0].question, with: asked.question)
            return detail
        }
        throw BulkheadError.notFound(kind: "request", name: id)
    }

    /// Reports thirteen canned patterns, one failing, `auditDelay` apart.
    public func runAudit(progress: @escaping @Sendable (AuditProgress) -> Void) async throws -> AuditReport {
        try requireSession()
        let patterns = PreviewData.auditPatterns
        for (index, pattern) in patterns.enumerated() {
            progress(AuditProgress(completed: index, total: patterns.count, current: pattern.name))
            if auditDelay > .zero { try await Task.sleep(for: auditDelay) }
        }
        return AuditReport(patterns: patterns, seconds: 2.4)
    }

    /// Remembers the theme in memory (see `savedTheme`).
    public func saveTheme(name: String) async throws {
        state.withLock { $0.theme = name }
    }

    /// A page of a preview answer without a session, for the console benchmark.
    public func rowsForBenchmark(requestID: String, offset: Int) async throws -> [[String]] {
        PreviewData.rows(requestID: requestID, offset: offset, limit: AskState.pageSize)
    }

    private func requireSession() throws {
        guard state.withLock({ $0.loggedIn != nil }) else { throw BulkheadError.notAuthenticated }
    }
}
