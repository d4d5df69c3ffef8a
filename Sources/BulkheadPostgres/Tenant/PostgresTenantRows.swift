import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Foundation
import PostgresNIO
import Synchronization

/// The assistant's and the context's tenant tables on PostgreSQL: notes, examples,
/// conversations, the request log, settings, the value index, evaluation runs, and the provenance
/// reads over them. Each call is one transaction under the caller's claims; every row carries
/// `org_id`, and row-level security holds each to the org in the claims.
struct PostgresTenantRows: Sendable {
    let store: PostgresStore
    /// The orgs whose stamp row this process has seen.
    let stamps = OrgSet()

    /// Runs `body` under the principal's claims (in the request's transaction when it has one, see
    /// `PostgresRequestScopes`); storage failures become `internalFailure(code:)`.
    func tenant<T: Sendable>(_ principal: Principal, _ code: String, _ access: PostgresStore.Access = .write,
                             _ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        try guarded(code) { try store.waitTransaction(.tenant(principal), access, body) }
    }

    /// The org a row carries, or `fallback` when it does not parse.
    static func org(_ text: String, _ fallback: OrgID) -> OrgID {
        OrgID(rawValue: text) ?? fallback
    }
}

/// Runs `query` and returns its rows.
@discardableResult
func fetch(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> [PostgresRow] {
    try await connection.query(query, logger: PostgresLog.quiet).collect()
}

extension PostgresTenantRows: NoteStore {
    func insertNote(_ principal: Principal, id: String, text: String, at: Date) throws {
        let user = principal.userID.rawValue
        _ = try tenant(principal, "notes-write") { connection in
            try await fetch(connection, "INSERT INTO bulkhead.notes (id, text, created_by, created_at) VALUES (\(id), \(text), \(user), \(at))")
        }
    }

    func notes(_ principal: Principal) throws -> [StoredNote] {
        let org = principal.orgID
        return try tenant(principal, "notes-read", .read) { connection in
            try await fetch(connection, "SELECT id, org_id, text, created_at FROM bulkhead.notes ORDER BY created_at, id").map { try Self.note($0, org) }
        }
    }

    static func note(_ row: PostgresRow, _ fallback: OrgID) throws -> StoredNote {
        let (id, org, text, created) = try row.decode((String, String, String, Date).self)
        return StoredNote(id: id, text: text, createdAt: created, orgID: Self.org(org, fallback))
    }
}

extension PostgresTenantRows: ExampleStore {
    static let exampleColumns = "id, org_id, question, sql, source, origin, status, shared_from_org, created_by, created_at"

    func putExample(_ principal: Principal, _ e: StoredExample, replacing: Bool) throws {
        let conflict = replacing ? """
            ON CONFLICT (org_id, id) DO UPDATE SET question = excluded.question, sql = excluded.sql, source = excluded.source,
                origin = excluded.origin, status = excluded.status, shared_from_org = excluded.shared_from_org,
                created_by = excluded.created_by, created_at = excluded.created_at, reviewed_by = NULL
            """ : ""
        _ = try tenant(principal, "examples-write") { connection in
            try await fetch(connection, """
                INSERT INTO bulkhead.examples (id, question, sql, source, origin, status, shared_from_org, created_by, created_at)
                VALUES (\(e.id), \(e.question), \(e.sql), \(e.source), \(e.origin), \(e.status), \(e.sharedFromOrg), \(e.createdBy), \(e.createdAt))
                \(unescaped: conflict)
                """)
        }
    }

    func example(_ principal: Principal, id: String) throws -> StoredExample? {
        let org = principal.orgID
        return try tenant(principal, "examples-read", .read) { connection in
            try await fetch(connection, "SELECT \(unescaped: Self.exampleColumns) FROM bulkhead.examples WHERE id = \(id)").first
                .map { try Self.example($0, org) }
        }
    }

    func examples(_ principal: Principal, status: String, createdBy: String?) throws -> [StoredExample] {
        let org = principal.orgID
        return try tenant(principal, "examples-read", .read) { connection in
            try await fetch(connection, """
                SELECT \(unescaped: Self.exampleColumns) FROM bulkhead.examples
                WHERE status = \(status) AND (\(createdBy)::text IS NULL OR created_by = \(createdBy)) ORDER BY created_at, id
                """).map { try Self.example($0, org) }
        }
    }

    func review(_ principal: Principal, id: String, status: String, by reviewer: String) throws -> Bool {
        try tenant(principal, "examples-write") { connection in
            try await !fetch(connection, """
                UPDATE bulkhead.examples SET status = \(status), reviewed_by = \(reviewer) WHERE id = \(id) AND status = 'pending' RETURNING 1
                """).isEmpty
        }
    }

    static func example(_ row: PostgresRow, _ fallback: OrgID) throws -> StoredExample {
        let (id, org, question, sql, source, origin, status, shared, createdBy, created) =
            try row.decode((String, String, String, String, String?, String, String, String?, String, Date).self)
        return StoredExample(id: id, question: question, sql: sql, source: source, origin: origin, status: status, sharedFromOrg: shared,
                             createdBy: createdBy, createdAt: created, orgID: Self.org(org, fallback))
    }
}

extension PostgresTenantRows: ConversationStore {
    func startConversation(_ principal: Principal, id: String, at: Date) throws {
        let user = principal.userID.rawValue
        _ = try tenant(principal, "conversations-write") { connection in
            try await fetch(connection, "INSERT INTO bulkhead.conversations (id, user_id, created_at) VALUES (\(id), \(user), \(at))")
        }
    }

    func conversationOwner(_ principal: Principal, id: String) throws -> String? {
        try tenant(principal, "conversations-read", .read) { connection in
            try await fetch(connection, "SELECT user_id FROM bulkhead.conversations WHERE id = \(id)").first?.decode(String.self)
        }
    }

    /// The conversation's owner and its last `limit` turns, in one statement (one round trip).
    func turns(_ principal: Principal, conversation: String, limit: Int) throws -> (owner: String?, turns: [StoredTurnRow]) {
        let org = principal.orgID
        let found = try tenant(principal, "conversations-read", .read) { connection -> TurnsRead in
            var read = TurnsRead(owner: nil, turns: [])
            for row in try await ConversationTurns.rows(on: connection, conversation, limit) {
                let (owner, key, rowOrg, question, sql, summary) = try row.decode((String, Int64?, String?, String?, String?, String?).self)
                read.owner = read.owner ?? owner
                if let key, let rowOrg, let question {
                    read.turns.append(StoredTurnRow(key: key, question: question, sql: sql, summary: summary, orgID: Self.org(rowOrg, org)))
                }
            }
            read.turns.sort { $0.key < $1.key }
            return read
        }
        return (found.owner, found.turns)
    }

    /// A turn's key is the org's next number, taken under a lock of the org's turns (no sequence is
    /// shared between orgs, so none can count another's turns).
    func appendTurn(_ principal: Principal, conversation: String, requestID: String, question: String, sql: String?, summary: String?,
                    at: Date) throws {
        let lock = "bulkhead.turns:" + principal.orgID.rawValue
        _ = try tenant(principal, "conversations-write") { connection in
            try await fetch(connection, "SELECT pg_advisory_xact_lock(hashtextextended(\(lock), 0))")
            return try await fetch(connection, """
                INSERT INTO bulkhead.turns (id, conversation_id, request_id, question, sql, summary, created_at)
                SELECT coalesce(max(id), 0) + 1, \(conversation), \(requestID), \(question), \(sql), \(summary), \(at) FROM bulkhead.turns
                """)
        }
    }
}

/// A conversation's owner and turns, read in one transaction.
private struct TurnsRead: Sendable {
    var owner: String?
    var turns: [StoredTurnRow]
}

/// A set of orgs shared by the copies of a store.
final class OrgSet: Sendable {
    private let orgs = Mutex<Set<OrgID>>([])

    func contains(_ org: OrgID) -> Bool { orgs.withLock { $0.contains(org) } }
    func insert(_ org: OrgID) { _ = orgs.withLock { $0.insert(org) } }
}

/// A conversation's owner and its last turns: read by every context of a conversation (prepared, see ``HotStatement``).
private enum ConversationTurns: HotStatement {
    static let sql = """
        SELECT c.user_id, t.id, t.org_id, t.question, t.sql, t.summary
        FROM bulkhead.conversations c
        LEFT JOIN LATERAL (SELECT id, org_id, question, sql, summary FROM bulkhead.turns
                           WHERE conversation_id = c.id ORDER BY id DESC LIMIT $2) t ON true
        WHERE c.id = $1
        """
}
