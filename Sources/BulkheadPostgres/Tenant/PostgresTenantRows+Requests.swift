import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Foundation
import PostgresNIO

extension PostgresTenantRows: RequestLogStore {
    static let requestColumns = """
        id, user_id, session_id, conversation_id, source, question, provider, model, request_body, response, sql, summary, row_count,
        sections, dropped, total_tokens, budget, input_tokens, output_tokens, cost_usd, context_ms, model_ms, query_ms, firewall, status,
        feedback, created_at
        """

    /// Saves the record, or rewrites the one saved before under its id. An ask saves its record
    /// twice (before the model call, and with the answer); the request body, the largest part and
    /// the same both times, is then kept as it is stored instead of being written (and logged to
    /// the write-ahead log, whose flush the commit waits for) a second time.
    func saveRequest(_ principal: Principal, _ r: StoredRequest) throws {
        let body = ByteBuffer(data: r.requestBody)
        _ = try tenant(principal, "requests-write") { connection in
            try await fetch(connection, """
                INSERT INTO bulkhead.requests (\(unescaped: Self.requestColumns)) VALUES (
                    \(r.id), \(r.userID), \(r.sessionID), \(r.conversationID), \(r.source), \(r.question), \(r.provider), \(r.model), \(body),
                    \(r.response), \(r.sql), \(r.summary), \(r.rowCount), \(r.sections), \(r.dropped), \(r.totalTokens), \(r.budget),
                    \(r.inputTokens), \(r.outputTokens), \(r.costUSD), \(r.contextMs), \(r.modelMs), \(r.queryMs), \(r.firewall), \(r.status),
                    \(r.feedback), \(r.createdAt))
                ON CONFLICT (org_id, id) DO UPDATE SET user_id = excluded.user_id, session_id = excluded.session_id,
                    conversation_id = excluded.conversation_id, source = excluded.source, question = excluded.question,
                    provider = excluded.provider, model = excluded.model,
                    request_body = CASE WHEN requests.request_body = excluded.request_body THEN requests.request_body
                                        ELSE excluded.request_body END,
                    response = excluded.response,
                    sql = excluded.sql, summary = excluded.summary, row_count = excluded.row_count, sections = excluded.sections,
                    dropped = excluded.dropped, total_tokens = excluded.total_tokens, budget = excluded.budget,
                    input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens, cost_usd = excluded.cost_usd,
                    context_ms = excluded.context_ms, model_ms = excluded.model_ms, query_ms = excluded.query_ms,
                    firewall = excluded.firewall, status = excluded.status, feedback = excluded.feedback, created_at = excluded.created_at
                """)
        }
    }

    func request(_ principal: Principal, id: String, user: String?) throws -> StoredRequest? {
        try tenant(principal, "requests-read", .read) { connection in
            try await fetch(connection, """
                SELECT \(unescaped: Self.requestColumns) FROM bulkhead.requests WHERE id = \(id) AND (\(user)::text IS NULL OR user_id = \(user))
                """).first.map(Self.request)
        }
    }

    func recentRequests(_ principal: Principal, user: String, limit: Int) throws -> [StoredRequest] {
        try tenant(principal, "requests-read", .read) { connection in
            try await fetch(connection, """
                SELECT \(unescaped: Self.requestColumns) FROM bulkhead.requests WHERE user_id = \(user)
                ORDER BY created_at DESC, recorded_at DESC LIMIT \(limit)
                """).map(Self.request)
        }
    }

    func setFeedback(_ principal: Principal, id: String, value: String, user: String?) throws -> Bool {
        try tenant(principal, "requests-write") { connection in
            try await fetch(connection, """
                UPDATE bulkhead.requests SET feedback = \(value) WHERE id = \(id) AND (\(user)::text IS NULL OR user_id = \(user)) RETURNING 1
                """).count == 1
        }
    }

    static func request(_ row: PostgresRow) throws -> StoredRequest {
        let cells = row.makeRandomAccess()
        func text(_ index: Int) throws -> String { try cells[index].decode(String.self) }
        func optional(_ index: Int) throws -> String? { try cells[index].decode(String?.self) }
        func int(_ index: Int) throws -> Int { try cells[index].decode(Int.self) }
        func double(_ index: Int) throws -> Double { try cells[index].decode(Double.self) }
        return StoredRequest(
            id: try text(0), userID: try text(1), sessionID: try text(2), conversationID: try optional(3), source: try optional(4),
            question: try text(5), provider: try text(6), model: try text(7), requestBody: Data(buffer: try cells[8].decode(ByteBuffer.self)),
            response: try optional(9), sql: try optional(10), summary: try optional(11), rowCount: try cells[12].decode(Int?.self),
            sections: try text(13), dropped: try text(14), totalTokens: try int(15), budget: try int(16), inputTokens: try int(17),
            outputTokens: try int(18), costUSD: try double(19), contextMs: try double(20), modelMs: try double(21), queryMs: try double(22),
            firewall: try text(23), status: try text(24), feedback: try optional(25), createdAt: try cells[26].decode(Date.self))
    }
}

extension PostgresTenantRows: SettingsStore {
    func settings(_ principal: Principal, prefix: String) throws -> [String: String] {
        try tenant(principal, "settings-read", .read) { try await Self.settings(prefix, $0) }
    }

    func updateSettings(_ principal: Principal, prefix: String,
                        _ change: @escaping @Sendable ([String: String]) throws -> SettingsChange) throws {
        _ = try tenant(principal, "settings-write") { connection in
            let decided = try change(try await Self.settings(prefix, connection, locking: true))
            for key in decided.delete { try await fetch(connection, "DELETE FROM bulkhead.settings WHERE key = \(key)") }
            for (key, value) in decided.put {
                try await fetch(connection, """
                    INSERT INTO bulkhead.settings (key, value) VALUES (\(key), \(value)) ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value
                    """)
            }
            return true
        }
    }

    private static func settings(_ prefix: String, _ connection: PostgresConnection, locking: Bool = false) async throws -> [String: String] {
        let rows = locking
            ? try await fetch(connection, "SELECT key, value FROM bulkhead.settings WHERE left(key, length(\(prefix))) = \(prefix) FOR UPDATE")
            : try await SettingsRead.rows(on: connection, prefix)
        return try rows.reduce(into: [String: String]()) { found, row in
            let (key, value) = try row.decode((String, String).self)
            found[key] = value
        }
    }
}

/// The settings under a prefix: read by every context and ask (prepared, see ``HotStatement``).
private enum SettingsRead: HotStatement {
    static let sql = "SELECT key, value FROM bulkhead.settings WHERE left(key, length($1)) = $1"
}
