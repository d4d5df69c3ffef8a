import BulkheadCore
import Foundation

/// One request-log row, in storable form (the context as JSON, the body as its exact bytes).
public struct StoredRequest: Sendable, Hashable {
    public var id: String
    public var userID: String
    public var sessionID: String
    public var conversationID: String?
    public var source: String?
    public var question: String
    public var provider: String
    public var model: String
    public var requestBody: Data
    public var response: String?
    public var sql: String?
    public var summary: String?
    public var rowCount: Int?
    /// The context's fragments as JSON.
    public var sections: String
    /// What was dropped to fit the budget, as JSON.
    public var dropped: String
    public var totalTokens: Int
    public var budget: Int
    public var inputTokens: Int
    public var outputTokens: Int
    public var costUSD: Double
    public var contextMs: Double
    public var modelMs: Double
    public var queryMs: Double
    public var firewall: String
    public var status: String
    public var feedback: String?
    public var createdAt: Date

    public init(id: String, userID: String, sessionID: String, conversationID: String?, source: String?, question: String,
                provider: String, model: String, requestBody: Data, response: String?, sql: String?, summary: String?, rowCount: Int?,
                sections: String, dropped: String, totalTokens: Int, budget: Int, inputTokens: Int, outputTokens: Int, costUSD: Double,
                contextMs: Double, modelMs: Double, queryMs: Double, firewall: String, status: String, feedback: String?, createdAt: Date) {
        self.id = id
        self.userID = userID
        self.sessionID = sessionID
        self.conversationID = conversationID
        self.source = source
        self.question = question
        self.provider = provider
        self.model = model
        self.requestBody = requestBody
        self.response = response
        self.sql = sql
        self.summary = summary
        self.rowCount = rowCount
        self.sections = sections
        self.dropped = dropped
        self.totalTokens = totalTokens
        self.budget = budget
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
        self.contextMs = contextMs
        self.modelMs = modelMs
        self.queryMs = queryMs
        self.firewall = firewall
        self.status = status
        self.feedback = feedback
        self.createdAt = createdAt
    }
}

/// The org's request log. Every call takes the verified principal, whose org alone picks the rows;
/// `user`, when given, narrows to one user's requests (a member reads only their own).
public protocol RequestLogStore: Sendable {
    /// Stores a request, replacing one with the same id.
    func saveRequest(_ principal: Principal, _ request: StoredRequest) throws
    func request(_ principal: Principal, id: String, user: String?) throws -> StoredRequest?
    /// The user's newest requests, newest first (ties broken by the order they were stored).
    func recentRequests(_ principal: Principal, user: String, limit: Int) throws -> [StoredRequest]
    /// Sets a request's feedback; false when there is no such request (of `user`, when given).
    func setFeedback(_ principal: Principal, id: String, value: String, user: String?) throws -> Bool
}
