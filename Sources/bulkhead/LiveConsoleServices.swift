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
/// ever sees display facts and safe sentences.
actor LiveConsoleServices: ConsoleServices {
    private let env: CommandEnvironment
    private var principal: Principal?
    private var requestIDs: [String] = []

    init(env: CommandEnvironment) {
        self.env = env
    }

    private var services: Services { env.services }

    private func current() throws -> Principal {
        guard let principal else { throw BulkheadError.notAuthenticated }
        return principal
    }

    /// The console's words for the firewall's verdict.
    private static func verdict(_ verdict: ContextFirewall.Verdict) -> String {
        verdict == .passed ? "allowed" : "blocked"
    }

    private func session(_ principal: Principal) -> ConsoleSession {
        let choice = try? services.models.choice(for: principal)
        let choices = principal.role == .admin ? ((try? services.models.configured(for: principal)) ?? []).map(\.provider) : []
        let pending = principal.role == .admin ? ((try? services.assistant.pendingExamples(principal)) ?? []) : []
        return ConsoleSession(email: principal.email, orgName: principal.orgName, role: principal.role.rawValue,
                              model: choice.map { "\($0.provider)/\($0.model)" } ?? "", modelChoices: choices,
                              pendingExamples: pending.map { PendingExample(id: $0.id, question: $0.question) })
    }

    func reviewExample(id: String, approve: Bool) async throws {
        let principal = try current()
        if approve {
            try await services.assistant.approveExample(principal, id: id)
        } else {
            try services.assistant.rejectExample(principal, id: id)
        }
    }

    func useModel(provider: String) async throws -> String {
        let principal = try current()
        let choice = try services.models.use(principal, provider: provider)
        return "\(choice.provider)/\(choice.model)"
    }

    func startup() async throws -> ConsoleStartup {
        let empty = try services.control.organizationIDs().isEmpty
        if let token = env.session.currentToken(environment: env.environment),
           let verified = try? await services.verify(token: token) {
            principal = verified
            return ConsoleStartup(homeIsEmpty: empty, session: session(verified))
        }
        return ConsoleStartup(homeIsEmpty: empty, session: nil)
    }

    /// The first run's demo: allowed only while the installation has no organization (then it is an operator action).
    func createDemo() async throws -> [DemoAccount] {
        try await services.createDemo(force: false, credentials: try env.credentials()).accounts.map {
            DemoAccount(email: $0.email, org: $0.org, role: $0.role.rawValue, password: $0.password ?? "(unchanged)")
        }
    }

    func login(email: String, password: String, org: String?) async throws -> LoginOutcome {
        if org == nil {
            let memberships = try services.auth.memberships(email: email, password: password, client: CommandEnvironment.loginClient)
            if memberships.count > 1 { return .chooseOrg(memberships.map(\.orgName)) }
        }
        let result = try await services.auth.login(email: email, password: password, org: org, client: CommandEnvironment.loginClient)
        principal = result.principal
        try env.session.save(result.token)
        return .success(session(result.principal))
    }

    func logout() async throws {
        if let principal { try services.auth.logout(principal: principal) }
        principal = nil
        try? env.session.clear()
    }

    func listSources() async throws -> [SourceSummary] {
        try services.engine.listSources(try current()).map { SourceSummary(name: $0.name, kind: $0.kind.rawValue) }
    }

    func showSource(name: String) async throws -> SourceDetail {
        let details = try services.engine.showSource(try current(), name)
        return SourceDetail(name: details.source.name, tables: details.schema.tables.map { table in
            TableInfo(name: table.name,
                      columns: table.columns.map { column in
                          ColumnInfo(name: column.name, type: column.type, primaryKey: column.primaryKeyPosition > 0,
                                     foreignKey: table.foreignKeys.first { $0.columns.contains(column.name) }.map(\.referencedTable))
                      },
                      rowCount: table.rowCount,
                      sampleRows: table.sampleRows.map { $0.map(\.displayText) })
        })
    }

    func ask(question: String, source: String?) async throws -> AskOutcome {
        let answer = try await services.assistant.ask(try current(), question: question, source: source)
        requestIDs.insert(answer.requestID.rawValue, at: 0)
        return AskOutcome(requestID: answer.requestID.rawValue, sql: answer.sql, summary: answer.summary,
                          columns: answer.columns, rows: answer.rows.map { $0.map(\.displayText) }, rowCount: answer.rowCount)
    }

    func rows(requestID: String, offset: Int, limit: Int) async throws -> [[String]] {
        let principal = try current()
        let page = try await Task.detached { [services] in
            try services.assistant.rows(principal, requestID: requestID, offset: offset, limit: limit)
        }.value
        return page.rows.map { $0.map(\.displayText) }
    }

    func feedback(requestID: String, good: Bool) async throws {
        try await services.assistant.feedback(try current(), requestID: requestID, good: good)
    }

    func requests() async throws -> [RequestSummary] {
        let principal = try current()
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return try services.requestLog.recent(for: principal).filter { $0.sessionID == principal.sessionID }.map {
            RequestSummary(id: $0.id.rawValue, question: $0.question, time: formatter.string(from: $0.createdAt),
                           totalTokens: $0.context.totalTokens, firewallVerdict: Self.verdict($0.firewall))
        }
    }

    func request(id: String) async throws -> RequestDetail {
        let record = try services.requestLog.record(id, for: try current())
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
        try Preferences(workspace: env.workspace).save(theme: name)
    }
}
