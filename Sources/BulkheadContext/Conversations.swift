import Foundation
import GRDB
import BulkheadCore
import BulkheadModels
import BulkheadStore

/// Conversations and their turns, in the org's own database.
///
/// A conversation belongs to one user in one org. Only its user may continue it; its user and
/// the org's admins may read it. Another member's conversation, or another org's (which is simply
/// not in this org's file), answers "not found".
public struct Conversations: Sendable {
    /// One stored turn with its id, for provenance.
    public struct StoredTurn: Sendable, Hashable {
        public let id: String
        public let turn: Turn
        /// The org stamped on the turn's row: the provenance of the history fragment it becomes.
        public let orgID: OrgID
    }

    private let tenants: TenantDatabases
    private let clock: any Clock
    private let random: any RandomSource

    public init(tenants: TenantDatabases, clock: any Clock, random: any RandomSource) {
        self.tenants = tenants
        self.clock = clock
        self.random = random
    }

    /// Starts a new conversation of the principal.
    public func start(_ principal: Principal) throws -> ConversationID {
        let id = ConversationID.random(prefix: "conv", using: random)
        try tenants.database(for: principal).write { db in
            try db.execute(sql: "INSERT INTO conversations (id, user_id, created_at) VALUES (?, ?, ?)",
                           arguments: [id.rawValue, principal.userID.rawValue, clock.now()])
        }
        return id
    }

    /// The owner of a conversation of the principal's org: checked by the caller, and again by the firewall.
    public func owner(_ principal: Principal, _ id: ConversationID) throws -> (org: OrgID, user: UserID) {
        let user = try tenants.database(for: principal).read { db in
            try String.fetchOne(db, sql: "SELECT user_id FROM conversations WHERE id = ?", arguments: [id.rawValue])
        }
        guard let user, let userID = UserID(rawValue: user), userID == principal.userID else {
            throw BulkheadError.notFound(kind: "conversation", name: id.rawValue)
        }
        return (principal.orgID, userID)
    }

    /// The last `limit` turns of a conversation the principal may read (its own; any of the org's
    /// for an admin), oldest first.
    public func turns(_ principal: Principal, _ id: ConversationID, limit: Int) throws -> [StoredTurn] {
        let database = try tenants.database(for: principal)
        if principal.role != .admin {
            _ = try owner(principal, id)
        } else {
            let exists = try database.read { db in
                try Bool.fetchOne(db, sql: "SELECT 1 FROM conversations WHERE id = ?", arguments: [id.rawValue]) ?? false
            }
            guard exists else { throw BulkheadError.notFound(kind: "conversation", name: id.rawValue) }
        }
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, org_id, question, sql, summary FROM turns WHERE conversation_id = ? ORDER BY id DESC LIMIT ?",
                             arguments: [id.rawValue, limit])
        }
        return rows.reversed().map { row in
            StoredTurn(id: "turn-\(row["id"] as Int64)",
                       turn: Turn(question: row["question"], sql: row["sql"], summary: row["summary"]),
                       orgID: OrgID(rawValue: row["org_id"]) ?? database.orgID)
        }
    }

    /// Appends a turn to one of the principal's conversations.
    public func append(_ principal: Principal, _ id: ConversationID, requestID: RequestID, turn: Turn) throws {
        _ = try owner(principal, id)
        try tenants.database(for: principal).write { db in
            try db.execute(sql: "INSERT INTO turns (conversation_id, request_id, question, sql, summary, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [id.rawValue, requestID.rawValue, turn.question, turn.sql, turn.summary, clock.now()])
        }
    }
}
