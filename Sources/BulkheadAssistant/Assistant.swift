import Foundation
import Logging
import BulkheadContext
import BulkheadCore
import BulkheadEngine
import BulkheadModels
import BulkheadStore

/// The ask pipeline: rate limit → context → firewall → model → sandboxed execution → answer → log.
///
/// One assistant serves every org in the process. It keeps no tenant data between requests:
/// each prompt is built from scratch from the caller's org, checked by the firewall, sent as
/// the exact bytes stored in the org's request log, and whatever SQL comes back runs in the
/// engine's sandbox, never trusted.
public final class Assistant: Sendable {
    let engine: QueryEngine
    let builder: ContextBuilder
    let firewall: ContextFirewall
    let log: RequestLog
    let conversations: Conversations
    let knowledge: KnowledgeIndex
    let models: ModelSettings
    /// The org's examples and evaluation runs.
    let stores: Stores
    let clock: any Clock
    let random: any RandomSource
    let logger = Logger(label: "bulkhead.assistant")
    /// Rows returned with an answer; the rest is paged.
    public let firstPage: Int
    /// Test seam: alters a built context before the firewall sees it (the audit injects a foreign fragment).
    let contextTamper: (@Sendable (inout PromptContext) -> Void)?

    public convenience init(engine: QueryEngine, builder: ContextBuilder, firewall: ContextFirewall, log: RequestLog,
                conversations: Conversations, knowledge: KnowledgeIndex, models: ModelSettings,
                stores: Stores, clock: any Clock, random: any RandomSource, firstPage: Int = 200) {
        self.init(engine: engine, builder: builder, firewall: firewall, log: log, conversations: conversations,
                  knowledge: knowledge, models: models, stores: stores, clock: clock, random: random,
                  firstPage: firstPage, contextTamper: nil)
    }

    package init(engine: QueryEngine, builder: ContextBuilder, firewall: ContextFirewall, log: RequestLog,
                 conversations: Conversations, knowledge: KnowledgeIndex, models: ModelSettings,
                 stores: Stores, clock: any Clock, random: any RandomSource, firstPage: Int,
                 contextTamper: (@Sendable (inout PromptContext) -> Void)?) {
        self.contextTamper = contextTamper
        self.engine = engine
        self.builder = builder
        self.firewall = firewall
        self.log = log
        self.conversations = conversations
        self.knowledge = knowledge
        self.models = models
        self.stores = stores
        self.clock = clock
        self.random = random
        self.firstPage = firstPage
    }

    /// The source an ask runs on: the named one, or the org's only source.
    func resolveSource(_ principal: Principal, _ source: String?) throws -> String {
        if let source { return source }
        let sources = try engine.listSources(principal)
        guard sources.count == 1, let only = sources.first else {
            throw sources.isEmpty
                ? BulkheadError.invalidInput("your organization has no sources yet; add one with `bulkhead source add`")
                : BulkheadError.invalidInput("your organization has several sources; pick one with --source NAME")
        }
        return only.name
    }

    /// A page of a previous answer's rows, read again through the sandbox.
    ///
    /// The stored statement is wrapped in LIMIT/OFFSET, so SQLite skips the earlier rows itself
    /// and only the page is decoded; the wrapped statement passes the sandbox like any other.
    public func rows(_ principal: Principal, requestID: String, offset: Int, limit: Int) throws -> (columns: [String], rows: [[SQLValue]]) {
        let record = try log.record(requestID, for: principal)
        guard let sql = record.sql, let source = record.source else {
            throw BulkheadError.notFound(kind: "result", name: requestID)
        }
        var inner = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        while inner.hasSuffix(";") { inner = String(inner.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) }
        let page = max(0, min(limit, 1_000))
        let result = try engine.query(principal, source: source, sql: "SELECT * FROM (\n\(inner)\n) LIMIT ? OFFSET ?",
                                      parameters: [.integer(Int64(page)), .integer(Int64(max(0, offset)))],
                                      options: QueryOptions(rowCap: page))
        return (result.columns, result.rows)
    }

    /// The summary line of an answer: the value itself for a single value, else a count.
    static func summarize(_ result: QueryResult, explanation: String) -> String {
        if result.rowCount == 1, result.columns.count == 1, let value = result.rows.first?.first {
            return "\(result.columns[0]) = \(value.displayText)"
        }
        let noun = result.rowCount == 1 ? "row" : "rows"
        return "\(result.rowCount) \(noun)" + (result.truncated ? " (first \(result.rows.count) kept)" : "")
    }
}
