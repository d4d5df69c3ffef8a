import Foundation
import GRDB
import BulkheadCore
import BulkheadStore

/// The request log of each org, kept in the org's own database.
///
/// Reads go through the principal's own tenant file, so another org's request id is simply
/// absent: it answers "not found" exactly like an id that never existed.
public struct RequestLog: Sendable {
    private let tenants: TenantDatabases

    public init(tenants: TenantDatabases) {
        self.tenants = tenants
    }

    /// Stores (or replaces) a record in the principal's org.
    public func save(_ record: RequestRecord, for principal: Principal) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let context = try encoder.encode(record.context.fragments)
        let dropped = try encoder.encode(record.context.dropped)
        try tenants.database(for: principal).write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO requests (id, user_id, session_id, conversation_id, source, question, provider, model,
                    request_body, response, sql, summary, row_count, sections, dropped, total_tokens, budget, input_tokens,
                    output_tokens, cost_usd, context_ms, model_ms, query_ms, firewall, status, feedback, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    record.id.rawValue, record.userID.rawValue, record.sessionID.rawValue, record.conversationID?.rawValue,
                    record.source, record.question, record.provider, record.model, record.requestBody, record.response,
                    record.sql, record.summary, record.rowCount, String(decoding: context, as: UTF8.self),
                    String(decoding: dropped, as: UTF8.self), record.context.totalTokens, record.context.budget,
                    record.inputTokens, record.outputTokens, record.costUSD, record.timings.contextMs,
                    record.timings.modelMs, record.timings.queryMs, record.firewall.rawValue, record.status,
                    record.feedback, record.createdAt,
                ])
        }
    }

    /// One record the principal may read, or `.notFound`: an admin reads any of the org's, a
    /// member only their own (another member's request answers exactly like a missing one).
    public func record(_ id: String, for principal: Principal) throws -> RequestRecord {
        let row = try tenants.database(for: principal).read { db in
            principal.role == .admin
                ? try Row.fetchOne(db, sql: "SELECT * FROM requests WHERE id = ?", arguments: [id])
                : try Row.fetchOne(db, sql: "SELECT * FROM requests WHERE id = ? AND user_id = ?", arguments: [id, principal.userID.rawValue])
        }
        guard let row, let record = Self.decode(row, org: principal.orgID) else {
            throw BulkheadError.notFound(kind: "request", name: id)
        }
        return record
    }

    /// The newest record of the principal's own user in its org, or `.notFound`.
    public func last(for principal: Principal) throws -> RequestRecord {
        let id = try tenants.database(for: principal).read { db in
            try String.fetchOne(db, sql: "SELECT id FROM requests WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
                                arguments: [principal.userID.rawValue])
        }
        guard let id else { throw BulkheadError.notFound(kind: "request", name: "last") }
        return try record(id, for: principal)
    }

    /// The newest records of the principal's user (newest first), for the inspector's list.
    public func recent(for principal: Principal, limit: Int = 50) throws -> [RequestRecord] {
        let rows = try tenants.database(for: principal).read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM requests WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?",
                             arguments: [principal.userID.rawValue, limit])
        }
        return rows.compactMap { Self.decode($0, org: principal.orgID) }
    }

    /// Records feedback on a request the principal may read (see `record(_:for:)`).
    public func setFeedback(_ id: String, good: Bool, for principal: Principal) throws {
        let changed = try tenants.database(for: principal).write { db -> Int in
            if principal.role == .admin {
                try db.execute(sql: "UPDATE requests SET feedback = ? WHERE id = ?", arguments: [good ? "good" : "bad", id])
            } else {
                try db.execute(sql: "UPDATE requests SET feedback = ? WHERE id = ? AND user_id = ?",
                               arguments: [good ? "good" : "bad", id, principal.userID.rawValue])
            }
            return db.changesCount
        }
        guard changed == 1 else { throw BulkheadError.notFound(kind: "request", name: id) }
    }

    static func decode(_ row: Row, org: OrgID) -> RequestRecord? {
        let decoder = JSONDecoder()
        guard let id = RequestID(rawValue: row["id"]),
              let user = UserID(rawValue: row["user_id"]),
              let session = SessionID(rawValue: row["session_id"]),
              let fragmentsText: String = row["sections"],
              let droppedText: String = row["dropped"],
              let fragments = try? decoder.decode([ContextFragment].self, from: Data(fragmentsText.utf8)),
              let dropped = try? decoder.decode([DroppedFragment].self, from: Data(droppedText.utf8)) else { return nil }
        let context = PromptContext(restoring: org, fragments: fragments, budget: row["budget"], dropped: dropped)
        var record = RequestRecord(
            id: id, userID: user, sessionID: session,
            conversationID: (row["conversation_id"] as String?).flatMap(ConversationID.init(rawValue:)),
            source: row["source"], question: row["question"], provider: row["provider"], model: row["model"],
            requestBody: row["request_body"], context: context,
            firewall: ContextFirewall.Verdict(rawValue: row["firewall"]) ?? .blocked, createdAt: row["created_at"])
        record.response = row["response"]
        record.sql = row["sql"]
        record.summary = row["summary"]
        record.rowCount = row["row_count"]
        record.inputTokens = row["input_tokens"]
        record.outputTokens = row["output_tokens"]
        record.costUSD = row["cost_usd"]
        record.timings = .init(contextMs: row["context_ms"], modelMs: row["model_ms"], queryMs: row["query_ms"])
        record.status = row["status"]
        record.feedback = row["feedback"]
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
