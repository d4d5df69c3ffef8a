import Foundation

/// What a model answered: the SQL it proposes (never trusted; the engine's sandbox runs it),
/// the explanation shown beside it, and the tokens it cost.
public struct ModelReply: Sendable, Hashable {
    /// The single SQL statement proposed, or nil when the model refused or wrote none.
    public var sql: String?
    /// The model's words about how it answered (or why it could not).
    public var explanation: String
    /// Whether the model declined to answer from the schema it was given.
    public var refused: Bool
    /// Tokens read and written, for the request log and the cost estimate.
    public var usage: TokenUsage
    /// The exact bytes the model service returned (the offline model returns its reply as
    /// JSON), kept so the request log can show the response as received.
    public var responseBody: Data

    /// Makes a reply.
    public init(sql: String?, explanation: String, refused: Bool, usage: TokenUsage, responseBody: Data = Data()) {
        self.sql = sql
        self.explanation = explanation
        self.refused = refused
        self.usage = usage
        self.responseBody = responseBody
    }
}

/// Tokens a model read and wrote for one request.
public struct TokenUsage: Sendable, Hashable, Codable {
    /// Tokens of the prompt.
    public var inputTokens: Int
    /// Tokens of the answer.
    public var outputTokens: Int

    /// Makes a usage record.
    public init(inputTokens: Int, outputTokens: Int) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }

    /// Input and output together.
    public var totalTokens: Int { inputTokens + outputTokens }
}
