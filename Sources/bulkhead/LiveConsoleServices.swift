import Foundation
import BulkheadAssistant
import BulkheadAuth
import BulkheadConsole
import BulkheadContext
import BulkheadCore
import BulkheadEngine

/// The console's view of Bulkhead: the auth and assistant services, behind `ConsoleServices`.
///
/// It keeps the session (the verified token and its principal) on this side; the console only
/// ever sees display facts and safe sentences. One instance is one session: the split screen
/// makes two, over the same shared services, each with its own principal. Only a `persistent`
/// session reads and writes the session kept in the home (the two halves of a split do not).
///
/// A console started with a token in `BULKHEAD_TOKEN` (a script's, or the one `bulkhead serve` gives
/// an SSH session's console) is pinned to that session: it never reads, writes or clears the home's
/// saved session, and it cannot log in as anyone else, because over SSH the key decides who you are.
actor LiveConsoleServices: ConsoleServices {
    private let shared: SharedEnvironment
    private let persistent: Bool
    private let exportRoot: URL?
    private var principal: Principal?
    private var browser: ResultBrowser?
    /// The token of the logged-in session, for the periodic re-check.
    private var token: String?
    /// The token given in the environment, when the console is pinned to it (never for a split's halves).
    private let pinned: String?

    init(shared: SharedEnvironment, persistent: Bool = true, exportRoot: URL? = nil) {
        self.shared = shared
        self.persistent = persistent
        self.exportRoot = exportRoot
        pinned = persistent ? ProcessInfo.processInfo.environment[SavedSession.environmentVariable].flatMap {
            let token = $0.trimmingCharacters(in: .whitespacesAndNewlines)
            return token.isEmpty ? nil : token
        } : nil
    }

    private func env() throws -> CommandEnvironment { try shared.get() }

    private func services() throws -> Services { try env().services }

    private func current() throws -> Principal {
        guard let principal else { throw BulkheadError.notAuthenticated }
        return principal
    }

    private func results() throws -> ResultBrowser {
        if let browser { return browser }
        let made = ResultBrowser(assistant: try services().assistant)
        browser = made
        return made
    }

    /// The console's words for the firewall's verdict.
    private static func verdict(_ verdict: ContextFirewall.Verdict) -> String {
        verdict == .passed ? "allowed" : "blocked"
    }

    private func session(_ principal: Principal) -> ConsoleSession {
        let services = try? self.services()
        let choice = try? services?.models.choice(for: principal)
        let choices = principal.role == .admin ? ((try? services?.models.configured(for: principal)) ?? []).map(\.provider) : []
        let pending = principal.role == .admin ? ((try? services?.assistant.pendingExamples(principal)) ?? []) : []
        return ConsoleSession(email: principal.email, orgName: principal.orgName, role: principal.role.rawValue,
                              model: choice.map { "\($0.provider)/\($0.model)" } ?? "", modelChoices: choices,
                              pendingExamples: pending.map { PendingExample(id: $0.id, question: $0.question) })
    }

    func reviewExample(id: String, approve: Bool) async throws {
        let principal = try current()
        if approve {
            try await services().assistant.approveExample(principal, id: id)
        } else {
            try services().assistant.rejectExample(principal, id: id)
        }
    }

    func useModel(provider: String) async throws -> String {
        let principal = try current()
        let choice = try services().models.use(principal, provider: provider)
        return "\(choice.provider)/\(choice.model)"
    }

    /// Logs in without the console (the split demo logs both halves in before it starts).
    func preLogin(email: String, password: String, org: String) async throws {
        let result = try await services().auth.login(email: email, password: password, org: org, client: CommandEnvironment.loginClient)
        principal = result.principal
        token = result.token
    }

    func startup() async throws -> ConsoleStartup {
        let env = try self.env()
        let empty = try env.services.control.organizationIDs().isEmpty
        let folder = FileManager.default.currentDirectoryPath
        if let principal {
            return ConsoleStartup(homeIsEmpty: empty, session: session(principal), exportFolder: try exportArea(principal)?.path ?? folder)
        }
        if persistent, let token = pinned ?? env.session.load(), let verified = try? await env.services.verify(token: token) {
            principal = verified
            self.token = token
            return ConsoleStartup(homeIsEmpty: empty, session: session(verified), exportFolder: try exportArea(verified)?.path ?? folder)
        }
        if pinned != nil { throw ConsoleFailure(Self.pinnedMessage) }
        return ConsoleStartup(homeIsEmpty: empty, session: nil, exportFolder: folder)
    }

    /// The one folder exports may go to, when they are confined: the given root, or for a pinned
    /// console (one `bulkhead serve` runs on the server for an SSH user) the user's own export area
    /// in the home. The server's folders are not the user's to write, nor another org's granted folder.
    private func exportArea(_ principal: Principal) throws -> URL? {
        if let exportRoot { return exportRoot }
        guard pinned != nil else { return nil }
        return try services().workspace.makeExportArea(org: principal.orgID, user: principal.userID)
    }

    /// Why a pinned console cannot log in again.
    private static let pinnedMessage = "this console belongs to one session (an SSH key or BULKHEAD_TOKEN), which has ended: quit with q and connect again"

    func checkSession() async -> SessionCheck {
        guard principal != nil, let token, let services = try? services() else { return .valid }
        guard case let .ended(end) = await services.auth.sessionState(token: token) else { return .valid }
        principal = nil
        self.token = nil
        browser?.close()
        browser = nil
        if persistent, pinned == nil, (try? env().session.load()) == token { try? env().session.clear() }
        return .ended(end.message + (pinned == nil ? "" : "; quit with q and connect again"))
    }

    /// The first run's demo: allowed only while the installation has no organization (then it is an operator action).
    func createDemo() async throws -> [DemoAccount] {
        if pinned != nil { throw ConsoleFailure(Self.pinnedMessage) }
        return try await services().createDemo(force: false, credentials: try env().credentials()).accounts.map {
            DemoAccount(email: $0.email, org: $0.org, role: $0.role.rawValue, password: $0.password ?? "(unchanged)")
        }
    }

    func login(email: String, password: String, org: String?) async throws -> LoginOutcome {
        if pinned != nil { throw ConsoleFailure(Self.pinnedMessage) }
        let services = try self.services()
        if org == nil {
            let memberships = try services.auth.memberships(email: email, password: password, client: CommandEnvironment.loginClient)
            if memberships.count > 1 { return .chooseOrg(memberships.map(\.orgName)) }
        }
        let result = try await services.auth.login(email: email, password: password, org: org, client: CommandEnvironment.loginClient)
        principal = result.principal
        token = result.token
        if persistent { try env().session.save(result.token) }
        return .success(session(result.principal))
    }

    func logout() async throws {
        browser?.close()
        if let principal { try services().auth.logout(principal: principal) }
        principal = nil
        token = nil
        if persistent, pinned == nil { try? env().session.clear() }
    }

    func listSources() async throws -> [SourceSummary] {
        try services().engine.listSources(try current()).map { SourceSummary(name: $0.name, kind: $0.kind.rawValue) }
    }

    func showSource(name: String) async throws -> SourceDetail {
        let principal = try current()
        let engine = try services().engine
        let details = try await Task.detached { try engine.showSource(principal, name) }.value
        return SourceDetail(name: details.source.name, tables: details.schema.tables.map { table in
            TableInfo(name: table.name,
                      columns: table.columns.map { column in
                          ColumnInfo(name: column.name, type: column.type, primaryKey: column.primaryKeyPosition > 0,
                                     foreignKey: table.foreignKeys.first { $0.columns.contains(column.name) }.map(\.referencedTable))
                      },
                      rowCount: table.rowCount,
                      sampleRows: table.sampleRows.map { $0.map(\.display) })
        })
    }

    func ask(question: String, source: String?) async throws -> AskOutcome {
        browser?.close()
        let answer = try await services().assistant.ask(try current(), question: question, source: source)
        return AskOutcome(requestID: answer.requestID.rawValue, sql: answer.sql, summary: answer.summary,
                          columns: answer.columns, rows: answer.rows.map { $0.map(\.display) }, rowCount: answer.rowCount)
    }

    func rows(requestID: String, offset: Int, limit: Int, order: ResultOrder?) async throws -> [[DisplayValue]] {
        let principal = try current()
        let browser = try results()
        let page = try await Task.detached {
            try browser.page(principal, requestID: requestID, order: order, offset: offset, limit: limit)
        }.value
        return page.map { $0.map(\.display) }
    }

    func search(requestID: String, order: ResultOrder?, text: String, from: Int, forward: Bool) async throws -> Int? {
        let principal = try current()
        let browser = try results()
        return try await Task.detached {
            try browser.search(principal, requestID: requestID, order: order, text: text, from: from, forward: forward)
        }.value
    }

    func export(requestID: String, order: ResultOrder?, format: ResultFormat, folder: String) async throws -> ExportReceipt {
        let principal = try current()
        let browser = try results()
        let root = try exportArea(principal)
        return try await Task.detached {
            let stem = "bulkhead-" + requestID + (order.map { "-by\($0.column + 1)\($0.descending ? "-desc" : "")" } ?? "")
            let file = try ExportFile.create(folder: folder, stem: stem, format: format, root: root)
            defer { try? file.handle.close() }
            let rows = try browser.export(principal, requestID: requestID, order: order, format: format, to: file.handle)
            return ExportReceipt(path: file.path, rows: rows, format: format)
        }.value
    }

    func tableRows(source: String, table: String, offset: Int, limit: Int) async throws -> [[DisplayValue]] {
        let principal = try current()
        let engine = try services().engine
        let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let page = max(1, min(limit, 1_000))
        let result = try await Task.detached {
            try engine.query(principal, source: source, sql: "SELECT * FROM \(quoted) LIMIT ? OFFSET ?",
                             parameters: [.integer(Int64(page)), .integer(Int64(max(0, offset)))],
                             options: QueryOptions(rowCap: page))
        }.value
        return result.rows.map { $0.map(\.display) }
    }

    func feedback(requestID: String, good: Bool) async throws {
        try await services().assistant.feedback(try current(), requestID: requestID, good: good)
    }

    func requests() async throws -> [RequestSummary] {
        let principal = try current()
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return try services().requestLog.recent(for: principal).filter { $0.sessionID == principal.sessionID }.map {
            RequestSummary(id: $0.id.rawValue, question: $0.question, time: formatter.string(from: $0.createdAt),
                           totalTokens: $0.context.totalTokens, firewallVerdict: Self.verdict($0.firewall))
        }
    }

    func request(id: String) async throws -> RequestDetail {
        let record = try services().requestLog.record(id, for: try current())
        return RequestDetail(
            id: record.id.rawValue, question: record.question, model: "\(record.provider)/\(record.model)",
            sections: record.context.sections.map { section in
                SectionInfo(kind: section.kind.rawValue, orgID: section.orgIDs.map(\.rawValue).joined(separator: ","),
                            ids: section.recordIDs, tokens: section.tokens, text: section.text)
            },
            totalTokens: record.context.totalTokens, budget: record.context.budget,
            dropped: record.context.dropped.map { "\($0.kind.rawValue) \($0.recordIDs.joined(separator: ",")) (\($0.tokens) tokens)" },
            costEstimate: record.costUSD,
            timings: RequestTimings(contextMS: record.timings.contextMs, modelMS: record.timings.modelMs, queryMS: record.timings.queryMs),
            firewallVerdict: Self.verdict(record.firewall), requestBody: String(decoding: record.requestBody, as: UTF8.self))
    }

    func runAudit(progress: @escaping @Sendable (AuditProgress) -> Void) async throws -> BulkheadConsole.AuditReport {
        try await ConsoleAudit.run(progress: progress)
    }

    func saveTheme(name: String) async throws {
        try Preferences(workspace: env().workspace).save(theme: name)
    }
}
