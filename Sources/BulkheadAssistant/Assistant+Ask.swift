import Foundation
import BulkheadContext
import BulkheadCore
import BulkheadEngine
import BulkheadModels

extension Assistant {
    /// Answers `question` on one of the principal's sources, recording everything in the org's request log.
    ///
    /// Cancelling the calling task stops the model call or the running statement.
    public func ask(_ principal: Principal, question: String, source: String? = nil,
                    conversation: ConversationID? = nil) async throws -> AskAnswer {
        let trimmed = question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 4_000 else {
            throw BulkheadError.invalidInput("a question must be 1 to 4000 characters")
        }
        try engine.rateLimiter.takeAsk(for: principal.orgID)
        let source = try resolveSource(principal, source)
        // Everything before the model call reads (and the first log write) share one request scope
        // of the store; the model call holds none of it.
        let prepared = try await stores.scopes.scoped(principal) {
            try await self.prepare(principal, question: trimmed, source: source, conversation: conversation)
        }
        let provider = prepared.provider, modelRequest = prepared.modelRequest, body = prepared.body
        let requestID = prepared.record.id
        var record = prepared.record

        let modelStart = DispatchTime.now()
        let reply: ModelReply
        do {
            reply = try await provider.complete(modelRequest, body: body)
        } catch {
            record.status = "failed"
            record.timings.modelMs = Self.milliseconds(since: modelStart)
            try? log.save(record, for: principal)
            throw BulkheadError.safe(error, code: "model")
        }
        record.timings.modelMs = Self.milliseconds(since: modelStart)
        record.response = String(decoding: reply.responseBody, as: UTF8.self)
        record.inputTokens = reply.usage.inputTokens
        record.outputTokens = reply.usage.outputTokens
        record.costUSD = ModelPricing.lookup(provider: provider.name, model: provider.model).cost(reply.usage)

        guard let sql = reply.sql, !reply.refused else {
            record.status = "refused"
            record.summary = reply.explanation
            try log.save(record, for: principal)
            throw BulkheadError.invalidInput(reply.explanation.isEmpty ? "I can't answer that from this schema" : reply.explanation)
        }
        record.sql = sql

        let queryStart = DispatchTime.now()
        let result: QueryResult
        do {
            let cancellation = QueryCancellation()
            result = try await withTaskCancellationHandler {
                try await Task.detached {
                    try self.engine.query(principal, source: source, sql: sql,
                                          options: QueryOptions(rowCap: self.firstPage, cancellation: cancellation))
                }.value
            } onCancel: {
                cancellation.cancel()
            }
        } catch {
            record.status = "failed"
            record.timings.queryMs = Self.milliseconds(since: queryStart)
            try? log.save(record, for: principal)
            throw BulkheadError.safe(error, code: "ask-query")
        }
        record.timings.queryMs = Self.milliseconds(since: queryStart)
        let summary = Self.summarize(result, explanation: reply.explanation)
        record.summary = summary
        record.rowCount = result.rowCount
        record.status = "answered"
        try log.save(record, for: principal)
        if let conversation {
            try conversations.append(principal, conversation, requestID: requestID,
                                     turn: Turn(question: trimmed, sql: sql, summary: summary))
        }
        logger.info("ask", metadata: [
            "org": "\(principal.orgID)", "request": "\(requestID)", "rows": "\(result.rowCount)",
            "context_ms": "\(record.timings.contextMs)", "model_ms": "\(record.timings.modelMs)", "query_ms": "\(record.timings.queryMs)",
        ])
        return AskAnswer(requestID: requestID, conversationID: conversation, source: source, sql: sql, summary: summary,
                         explanation: reply.explanation, columns: result.columns, rows: result.rows, rowCount: result.rowCount)
    }

    /// Builds the context, checks it with the firewall and logs the exact request body, ready
    /// for the model: what an ask does before anything leaves the process.
    private func prepare(_ principal: Principal, question trimmed: String, source: String,
                         conversation: ConversationID?) async throws -> PreparedAsk {
        let owner = try conversation.map { try conversations.owner(principal, $0) }
        let requestID = RequestID.random(prefix: "req", using: random)
        let provider = try models.provider(for: principal, dialect: ContextBuilder.dialect(of: try engine.kind(principal, source: source)))

        let contextStart = DispatchTime.now()
        var context = try await builder.build(principal, question: trimmed, source: source, conversation: conversation, requestID: requestID)
        let contextMs = Self.milliseconds(since: contextStart)
        contextTamper?(&context)

        let modelRequest = context.modelRequest
        let body = try provider.requestBody(for: modelRequest)
        do {
            try firewall.check(context, principal: principal, conversationOwner: owner)
        } catch {
            var blocked = RequestRecord(id: requestID, userID: principal.userID, sessionID: principal.sessionID,
                                        conversationID: conversation, source: source, question: trimmed,
                                        provider: provider.name, model: provider.model, requestBody: Data(),
                                        context: PromptContext(orgID: principal.orgID, fragments: [], budget: context.budget),
                                        firewall: .blocked, createdAt: clock.now())
            blocked.status = "blocked"
            try? log.save(blocked, for: principal)
            throw error
        }
        var record = RequestRecord(id: requestID, userID: principal.userID, sessionID: principal.sessionID,
                                   conversationID: conversation, source: source, question: trimmed,
                                   provider: provider.name, model: provider.model, requestBody: body,
                                   context: context, firewall: .passed, createdAt: clock.now())
        record.timings.contextMs = contextMs
        // The exact bytes are in the log before they leave the process.
        try log.save(record, for: principal)
        return PreparedAsk(provider: provider, modelRequest: modelRequest, body: body, record: record)
    }

    static func milliseconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
    }
}

/// An ask up to the model call: the provider, the request and its logged bytes, and the record.
private struct PreparedAsk: Sendable {
    let provider: any ModelProvider
    let modelRequest: ModelRequest
    let body: Data
    let record: RequestRecord
}
