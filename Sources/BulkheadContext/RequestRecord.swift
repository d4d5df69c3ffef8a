import Foundation
import BulkheadCore

/// One entry of an org's request log: exactly what a request sent, got back and cost.
public struct RequestRecord: Sendable, Hashable {
    /// Milliseconds spent in each stage.
    public struct Timings: Sendable, Hashable, Codable {
        public var contextMs: Double
        public var modelMs: Double
        public var queryMs: Double

        public init(contextMs: Double = 0, modelMs: Double = 0, queryMs: Double = 0) {
            self.contextMs = contextMs
            self.modelMs = modelMs
            self.queryMs = queryMs
        }
    }

    public let id: RequestID
    public let userID: UserID
    public let sessionID: SessionID
    public let conversationID: ConversationID?
    public let source: String?
    public let question: String
    public let provider: String
    public let model: String
    /// The exact bytes sent to the provider.
    public let requestBody: Data
    public var response: String?
    public var sql: String?
    public var summary: String?
    public var rowCount: Int?
    /// The context as it was sent (fragments kept) and what was dropped.
    public let context: PromptContext
    public var inputTokens: Int
    public var outputTokens: Int
    public var costUSD: Double
    public var timings: Timings
    public let firewall: ContextFirewall.Verdict
    /// `answered`, `refused` (the model declined), `failed` (the query or provider failed), `blocked`.
    public var status: String
    /// `good`, `bad` or nil.
    public var feedback: String?
    public let createdAt: Date

    public init(id: RequestID, userID: UserID, sessionID: SessionID, conversationID: ConversationID?, source: String?,
                question: String, provider: String, model: String, requestBody: Data, context: PromptContext,
                firewall: ContextFirewall.Verdict, createdAt: Date) {
        self.id = id
        self.userID = userID
        self.sessionID = sessionID
        self.conversationID = conversationID
        self.source = source
        self.question = question
        self.provider = provider
        self.model = model
        self.requestBody = requestBody
        self.context = context
        self.firewall = firewall
        self.createdAt = createdAt
        inputTokens = 0
        outputTokens = 0
        costUSD = 0
        timings = Timings()
        status = "pending"
    }
}
