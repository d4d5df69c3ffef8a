import BulkheadCore
import Foundation

/// One turn of a conversation as stored, with the org stamped on its row.
public struct StoredTurnRow: Sendable, Hashable {
    /// The turn's key within the org (increasing as turns are added).
    public let key: Int64
    public let question: String
    public let sql: String?
    public let summary: String?
    public let orgID: OrgID

    public init(key: Int64, question: String, sql: String?, summary: String?, orgID: OrgID) {
        self.key = key
        self.question = question
        self.sql = sql
        self.summary = summary
        self.orgID = orgID
    }
}

/// Conversations and their turns. Every call takes the verified principal, whose org alone picks the rows.
public protocol ConversationStore: Sendable {
    func startConversation(_ principal: Principal, id: String, at: Date) throws
    /// The user a conversation of the org belongs to; nil when the org has no such conversation.
    func conversationOwner(_ principal: Principal, id: String) throws -> String?
    /// In one read: the user a conversation of the org belongs to (nil when there is none) and its
    /// last `limit` turns, oldest first.
    func turns(_ principal: Principal, conversation: String, limit: Int) throws -> (owner: String?, turns: [StoredTurnRow])
    func appendTurn(_ principal: Principal, conversation: String, requestID: String, question: String, sql: String?, summary: String?,
                    at: Date) throws
}
