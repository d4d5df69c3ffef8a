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

    /// The made-up sources of the session's org (three of Acme, one of Globex).
    public func listSources() async throws -> [SourceSummary] {
        try requireSession()
        return PreviewData.sources(of: orgName).map { SourceSummary(name: $0.name, kind: $0.kind) }
    }

    /// The made-up introspection of one source; another org's name is `notFound`, like a missing one.
    public func showSource(name: String) async throws -> SourceDetail {
        try requireSession()
        guard let source = PreviewData.sources(of: orgName).first(where: { $0.name == name }) else {
            throw BulkheadError.notFound(kind: "source", name: name)
        }
        return source.detail
    }

    private var orgName: String { state.withLock { $0.loggedIn?.orgName ?? "" } }

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

    /// A page of a canned answer, computed on demand; sorting a small answer sorts it whole, and
    /// the big one sorts descending by reading it backwards (every column grows with the row).
    public func rows(requestID: String, offset: Int, limit: Int, order: ResultOrder?) async throws -> [[DisplayValue]] {
        try requireSession()
        return Self.page(requestID: requestID, offset: offset, limit: limit, order: order)
    }

    static func page(requestID: String, offset: Int, limit: Int, order: ResultOrder?) -> [[DisplayValue]] {
        guard let order else { return PreviewData.rows(requestID: requestID, offset: offset, limit: limit) }
        if var all = PreviewData.allRows(requestID: requestID) {
            all.sort { left, right in
                let a = order.column < left.count ? left[order.column] : .null
                let b = order.column < right.count ? right[order.column] : .null
                return order.descending ? b < a : a < b
            }
            return Array(all.dropFirst(offset).prefix(limit))
        }
        guard order.descending else { return PreviewData.rows(requestID: requestID, offset: offset, limit: limit) }
        let end = min(100_000, offset + limit)
        guard offset < end else { return [] }
        return (offset..<end).map { PreviewData.bigRow(99_999 - $0) }
    }

    /// Scans the canned answer for `text`, wrapping around, as the live services do.
    public func search(requestID: String, order: ResultOrder?, text: String, from: Int, forward: Bool) async throws -> Int? {
        try requireSession()
        let needle = text.lowercased()
        let count = PreviewData.allRows(requestID: requestID)?.count ?? 100_000
        guard count > 0, !needle.isEmpty else { return nil }
        let start = min(max(0, from), count - 1)
        for step in 0..<count {
            let index = forward ? (start + step) % count : (start - step + count) % count
            guard let row = Self.page(requestID: requestID, offset: index, limit: 1, order: order).first else { continue }
            if row.contains(where: { ValueFormatter.text($0).lowercased().contains(needle) }) { return index }
        }
        return nil
    }

    /// Writes the canned answer into a new file of `folder`, as the live services do.
    public func export(requestID: String, order: ResultOrder?, format: ResultFormat, folder: String) async throws -> ExportReceipt {
        try requireSession()
        let question = [PreviewData.bigRequestID: "all", PreviewData.monthlyRequestID: "month", PreviewData.countryRequestID: "country"]
        let outcome = PreviewData.answer(question[requestID] ?? "")
        let encoder = ResultEncoder(format: format, columns: outcome.columns, sample: outcome.rows)
        var text = encoder.header()
        var offset = 0
        while offset < outcome.rowCount {
            let page = Self.page(requestID: requestID, offset: offset, limit: 1_000, order: order)
            if page.isEmpty { break }
            for row in page { text += encoder.line(row) }
            offset += page.count
        }
        let url = URL(fileURLWithPath: folder).appendingPathComponent("\(requestID).\(format.fileExtension)")
        guard FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw BulkheadError.invalidInput("could not write in that folder")
        }
        return ExportReceipt(path: url.path, rows: offset, format: format)
    }

    /// Rows of a made-up table: its sample rows, repeated with growing ids to its row count.
    public func tableRows(source: String, table: String, offset: Int, limit: Int) async throws -> [[DisplayValue]] {
        try requireSession()
        guard let info = PreviewData.sources(of: orgName).first(where: { $0.name == source })?.detail.tables.first(where: { $0.name == table }) else {
            throw BulkheadError.notFound(kind: "table", name: table)
        }
        let end = min(info.rowCount, offset + limit)
        guard offset < end, !info.sampleRows.isEmpty else { return [] }
        return (offset..<end).map { index in
            var row = info.sampleRows[index % info.sampleRows.count]
            if case .integer = row.first { row[0] = .integer(Int64(index + 1)) }
            return row
        }
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
        return AuditReport(patterns: patterns, seconds: 2.4, tour: PreviewData.tour)
    }

    /// Remembers the theme in memory (see `savedTheme`).
    public func saveTheme(name: String) async throws {
        state.withLock { $0.theme = name }
    }

    /// A page of a preview answer without a session, for the console benchmark.
    public func rowsForBenchmark(requestID: String, offset: Int) async throws -> [[DisplayValue]] {
        PreviewData.rows(requestID: requestID, offset: offset, limit: AskState.pageSize)
    }

    private func requireSession() throws {
        guard state.withLock({ $0.loggedIn != nil }) else { throw BulkheadError.notAuthenticated }
    }
}
