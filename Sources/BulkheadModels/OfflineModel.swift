import Foundation
import BulkheadCore

/// The built-in model: a deterministic planner that writes SQL from the request alone (the
/// schema section with its known values, the org's notes and the conversation). No network, no
/// database, no cost.
///
/// It first looks for an example of the org whose question is the same as this one (ignoring
/// case, spaces and punctuation) and reuses its SQL, so feedback teaches it; otherwise it plans
/// (see `Planner`). Its "request body" is the rendered prompt as JSON, so the inspector shows the
/// offline model exactly what it would show for a remote one. The SQL is written in `dialect`.
public struct OfflineModel: ModelProvider {
    /// The provider name an org chooses.
    public static let providerName = "offline"
    /// The model name recorded in the request log.
    public static let modelName = "offline-planner-1"

    /// The provider name recorded in the request log.
    public var name: String { Self.providerName }
    /// The planner's version, recorded in the request log.
    public var model: String { Self.modelName }

    /// The SQL dialect the plans are written in.
    public let dialect: any SQLDialect

    /// Makes the offline model for sources of `dialect` (SQLite unless told otherwise).
    public init(dialect: any SQLDialect = .sqlite) {
        self.dialect = dialect
    }

    struct Body: Codable {
        let model: String
        let system: String
        let user: String
    }

    struct Reply: Codable {
        let sql: String?
        let explanation: String
        let refused: Bool
    }

    /// The rendered prompt as JSON, so the inspector shows what the planner was given.
    public func requestBody(for request: ModelRequest) throws -> Data {
        try HTTPJSON.encode(Body(model: model, system: PromptRenderer.system(request), user: PromptRenderer.user(request)))
    }

    /// Plans the answer from the request alone; `body` is only counted for the usage figures.
    public func complete(_ request: ModelRequest, body: Data) async throws -> ModelReply {
        if Task.isCancelled { throw BulkheadError.cancelled }
        let plan = Self.plan(request, dialect: dialect)
        let responseBody = try HTTPJSON.encode(Reply(sql: plan.sql, explanation: plan.explanation, refused: plan.refused))
        let usage = TokenUsage(
            inputTokens: TokenEstimate.count(String(decoding: body, as: UTF8.self)),
            outputTokens: TokenEstimate.count((plan.sql ?? "") + "\n" + plan.explanation))
        return ModelReply(sql: plan.sql, explanation: plan.explanation, refused: plan.refused, usage: usage, responseBody: responseBody)
    }

    /// The planner's answer for a request: an example's SQL when the question matches one, else a plan.
    public static func plan(_ request: ModelRequest, dialect: any SQLDialect = .sqlite) -> (sql: String?, explanation: String, refused: Bool) {
        let key = normalized(request.question)
        if let example = request.examples.first(where: { normalized($0.question) == key }) {
            return (example.sql, "Reused the organization's example for this same question.", false)
        }
        let planner = Planner(schema: request.schema, notes: request.notes, dialect: dialect)
        let outcome = planner.plan(request.question, history: request.history)
        return (outcome.sql, outcome.explanation, outcome.refused)
    }

    /// A question reduced to lowercase words, for matching against examples.
    static func normalized(_ question: String) -> String {
        question.lowercased().split { !($0.isLetter || $0.isNumber) }.joined(separator: " ")
    }
}
