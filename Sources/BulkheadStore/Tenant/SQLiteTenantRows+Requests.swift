import BulkheadCore
import Foundation
import GRDB

extension SQLiteTenantRows: RequestLogStore {
    public func saveRequest(_ principal: Principal, _ r: StoredRequest) throws {
        try tenants.write(principal, "requests-write") { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO requests (id, user_id, session_id, conversation_id, source, question, provider, model,
                    request_body, response, sql, summary, row_count, sections, dropped, total_tokens, budget, input_tokens,
                    output_tokens, cost_usd, context_ms, model_ms, query_ms, firewall, status, feedback, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    r.id, r.userID, r.sessionID, r.conversationID, r.source, r.question, r.provider, r.model, r.requestBody, r.response,
                    r.sql, r.summary, r.rowCount, r.sections, r.dropped, r.totalTokens, r.budget, r.inputTokens, r.outputTokens,
                    r.costUSD, r.contextMs, r.modelMs, r.queryMs, r.firewall, r.status, r.feedback, r.createdAt,
                ])
        }
    }

    public func request(_ principal: Principal, id: String, user: String?) throws -> StoredRequest? {
        try tenants.read(principal, "requests-read") { db in
            let row = try user.map { try Row.fetchOne(db, sql: "SELECT * FROM requests WHERE id = ? AND user_id = ?", arguments: [id, $0]) }
                ?? Row.fetchOne(db, sql: "SELECT * FROM requests WHERE id = ?", arguments: [id])
            return row.map(Self.request)
        }
    }

    public func recentRequests(_ principal: Principal, user: String, limit: Int) throws -> [StoredRequest] {
        try tenants.read(principal, "requests-read") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM requests WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?",
                             arguments: [user, limit]).map(Self.request)
        }
    }

    public func setFeedback(_ principal: Principal, id: String, value: String, user: String?) throws -> Bool {
        try tenants.write(principal, "requests-write") { db in
            if let user {
                try db.execute(sql: "UPDATE requests SET feedback = ? WHERE id = ? AND user_id = ?", arguments: [value, id, user])
            } else {
                try db.execute(sql: "UPDATE requests SET feedback = ? WHERE id = ?", arguments: [value, id])
            }
            return db.changesCount == 1
        }
    }

    static func request(_ row: Row) -> StoredRequest {
        StoredRequest(
            id: row["id"], userID: row["user_id"], sessionID: row["session_id"], conversationID: row["conversation_id"],
            source: row["source"], question: row["question"], provider: row["provider"], model: row["model"],
            requestBody: row["request_body"], response: row["response"], sql: row["sql"], summary: row["summary"],
            rowCount: row["row_count"], sections: row["sections"], dropped: row["dropped"], totalTokens: row["total_tokens"],
            budget: row["budget"], inputTokens: row["input_tokens"], outputTokens: row["output_tokens"], costUSD: row["cost_usd"],
            contextMs: row["context_ms"], modelMs: row["model_ms"], queryMs: row["query_ms"], firewall: row["firewall"],
            status: row["status"], feedback: row["feedback"], createdAt: row["created_at"])
    }
}

extension SQLiteTenantRows: SettingsStore {
    public func settings(_ principal: Principal, prefix: String) throws -> [String: String] {
        try tenants.read(principal, "settings-read") { try Self.settings(prefix, $0) }
    }

    public func updateSettings(_ principal: Principal, prefix: String,
                               _ change: @escaping @Sendable ([String: String]) throws -> SettingsChange) throws {
        try tenants.write(principal, "settings-write") { db in
            let decided = try change(try Self.settings(prefix, db))
            for key in decided.delete { try db.execute(sql: "DELETE FROM settings WHERE key = ?", arguments: [key]) }
            for (key, value) in decided.put {
                try db.execute(sql: "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", arguments: [key, value])
            }
        }
    }

    private static func settings(_ prefix: String, _ db: Database) throws -> [String: String] {
        try Row.fetchAll(db, sql: "SELECT key, value FROM settings WHERE substr(key, 1, length(?)) = ?", arguments: [prefix, prefix])
            .reduce(into: [String: String]()) { $0[$1["key"]] = $1["value"] }
    }
}
