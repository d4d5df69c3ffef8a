import Foundation
import BulkheadCore
import BulkheadStore

/// The request log of each org, kept in the org's own database.
///
/// Reads go through the principal's own tenant file, so another org's request id is simply
/// absent: it answers "not found" exactly like an id that never existed.
public struct RequestLog: Sendable {
    private let store: any RequestLogStore

    public init(store: any RequestLogStore) {
        self.store = store
    }

    /// Stores (or replaces) a record in the principal's org.
    public func save(_ record: RequestRecord, for principal: Principal) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let context = try encoder.encode(record.context.fragments)
        let dropped = try encoder.encode(record.context.dropped)
        try store.saveRequest(principal, StoredRequest(
            id: record.id.rawValue, userID: record.userID.rawValue, sessionID: record.sessionID.rawValue,
            conversationID: record.conversationID?.rawValue, source: record.source, question: record.question,
            provider: record.provider, model: record.model, requestBody: record.requestBody, response: record.response,
            sql: record.sql, summary: record.summary, rowCount: record.rowCount, sections: String(decoding: context, as: UTF8.self),
            dropped: String(decoding: dropped, as: UTF8.self), totalTokens: record.context.totalTokens, budget: record.context.budget,
            inputTokens: record.inputTokens, outputTokens: record.outputTokens, costUSD: record.costUSD,
            contextMs: record.timings.contextMs, modelMs: record.timings.modelMs, queryMs: record.timings.queryMs,
            firewall: record.firewall.rawValue, status: record.status, feedback: record.feedback, createdAt: record.createdAt))
    }

    /// The user a member's reads are narrowed to; nil for an admin, who reads the whole org's log.
    private func reader(_ principal: Principal) -> String? {
        principal.role == .admin ? nil : principal.userID.rawValue
    }

    /// One record the principal may read, or `.notFound`: an admin reads any of the org's, a
    /// member only their own (another member's request answers exactly like a missing one).
    public func record(_ id: String, for principal: Principal) throws -> RequestRecord {
        guard let row = try store.request(principal, id: id, user: reader(principal)), let record = Self.decode(row, org: principal.orgID) else {
            throw BulkheadError.notFound(kind: "request", name: id)
        }
        return record
    }

    /// The newest record of the principal's own user in its org, or `.notFound`.
    public func last(for principal: Principal) throws -> RequestRecord {
        guard let id = try store.recentRequests(principal, user: principal.userID.rawValue, limit: 1).first?.id else {
            throw BulkheadError.notFound(kind: "request", name: "last")
        }
        return try record(id, for: principal)
    }

    /// The newest records of the principal's user (newest first), for the inspector's list.
    public func recent(for principal: Principal, limit: Int = 50) throws -> [RequestRecord] {
        try store.recentRequests(principal, user: principal.userID.rawValue, limit: limit).compactMap { Self.decode($0, org: principal.orgID) }
    }

    /// Records feedback on a request the principal may read (see `record(_:for:)`).
    public func setFeedback(_ id: String, good: Bool, for principal: Principal) throws {
        guard try store.setFeedback(principal, id: id, value: good ? "good" : "bad", user: reader(principal)) else {
            throw BulkheadError.notFound(kind: "request", name: id)
        }
    }

    static func decode(_ row: StoredRequest, org: OrgID) -> RequestRecord? {
        let decoder = JSONDecoder()
        guard let id = RequestID(rawValue: row.id),
              let user = UserID(rawValue: row.userID),
              let session = SessionID(rawValue: row.sessionID),
              let fragments = try? decoder.decode([ContextFragment].self, from: Data(row.sections.utf8)),
              let dropped = try? decoder.decode([DroppedFragment].self, from: Data(row.dropped.utf8)) else { return nil }
        let context = PromptContext(restoring: org, fragments: fragments, budget: row.budget, dropped: dropped)
        var record = RequestRecord(
            id: id, userID: user, sessionID: session, conversationID: row.conversationID.flatMap(ConversationID.init(rawValue:)),
            source: row.source, question: row.question, provider: row.provider, model: row.model, requestBody: row.requestBody,
            context: context, firewall: ContextFirewall.Verdict(rawValue: row.firewall) ?? .blocked, createdAt: row.createdAt)
        record.response = row.response
        record.sql = row.sql
        record.summary = row.summary
        record.rowCount = row.rowCount
        record.inputTokens = row.inputTokens
        record.outputTokens = row.outputTokens
        record.costUSD = row.costUSD
        record.timings = .init(contextMs: row.contextMs, modelMs: row.modelMs, queryMs: row.queryMs)
        record.status = row.status
        record.feedback = row.feedback
        return record
    }
}

extension PromptContext {
    /// Rebuilds a stored context exactly as it was, dropped list included.
    init(restoring org: OrgID, fragments: [ContextFragment], budget: Int, dropped: [DroppedFragment]) {
        self.init(orgID: org, fragments: fragments, budget: budget)
        self.restoreDropped(dropped)
    }
}
