import Foundation
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

    private let store: any ConversationStore
    private let clock: any Clock
    private let random: any RandomSource

    public init(store: any ConversationStore, clock: any Clock, random: any RandomSource) {
        self.store = store
        self.clock = clock
        self.random = random
    }

    /// Starts a new conversation of the principal.
    public func start(_ principal: Principal) throws -> ConversationID {
        let id = ConversationID.random(prefix: "conv", using: random)
        try store.startConversation(principal, id: id.rawValue, at: clock.now())
        return id
    }

    /// The owner of a conversation of the principal's org: checked by the caller, and again by the firewall.
    public func owner(_ principal: Principal, _ id: ConversationID) throws -> (org: OrgID, user: UserID) {
        let user = try store.conversationOwner(principal, id: id.rawValue)
        guard let user, let userID = UserID(rawValue: user), userID == principal.userID else {
            throw BulkheadError.notFound(kind: "conversation", name: id.rawValue)
        }
        return (principal.orgID, userID)
    }

    /// The last `limit` turns of one of the principal's conversations, oldest first, each with the
    /// org its row carries. A member reads only their own conversations; an admin of the org may
    /// read any of the org's (an admin reads the org's request log, which holds the same turns).
    public func turns(_ principal: Principal, _ id: ConversationID, limit: Int) throws -> [StoredTurn] {
        let (owner, rows) = try store.turns(principal, conversation: id.rawValue, limit: limit)
        // A member reads only their own; an admin any of the org's. Missing and not yours answer alike.
        guard let owner, principal.role == .admin || owner == principal.userID.rawValue else {
            throw BulkheadError.notFound(kind: "conversation", name: id.rawValue)
        }
        return rows.map { row in
            StoredTurn(id: "turn-\(row.key)", turn: Turn(question: row.question, sql: row.sql, summary: row.summary), orgID: row.orgID)
        }
    }

    /// Appends a turn to one of the principal's conversations.
    public func append(_ principal: Principal, _ id: ConversationID, requestID: RequestID, turn: Turn) throws {
        _ = try owner(principal, id)
        try store.appendTurn(principal, conversation: id.rawValue, requestID: requestID.rawValue, question: turn.question,
                             sql: turn.sql, summary: turn.summary, at: clock.now())
    }
}
