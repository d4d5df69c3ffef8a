import Foundation
import BulkheadCore

/// Anthropic's Messages API (`POST {base}/v1/messages`).
///
/// The body carries the rendered system text and one user message; the reply's text blocks are
/// read for a ```sql block. The API key goes only into the `x-api-key` header and never into an
/// error or a log line.
public struct AnthropicProvider: ModelProvider {
    /// The provider name an org chooses.
    public static let providerName = "anthropic"
    /// The API version header we speak.
    public static let apiVersion = "2023-06-01"

    /// The provider name recorded in the request log.
    public var name: String { Self.providerName }
    /// The model asked for, as the service names it.
    public let model: String
    /// The service root, `https://api.anthropic.com` unless a proxy or a test server is used.
    public let baseURL: URL
    /// The most tokens the model may write.
    public let maxTokens: Int
    private let apiKey: APIKey
    private let transport: HTTPTransport

    /// Makes a provider for `model` with the org's key.
    public init(
        model: String,
        apiKey: APIKey,
        baseURL: URL = URL(string: "https://api.anthropic.com")!,
        maxTokens: Int = 1024,
        transport: HTTPTransport = HTTPTransport()
    ) {
        self.model = model
        self.apiKey = apiKey
        self.baseURL = baseURL
        self.maxTokens = maxTokens
        self.transport = transport
    }

    struct Body: Codable {
        struct Message: Codable {
            let role: String
            let content: String
        }
        let model: String
        let max_tokens: Int
        let system: String
        let messages: [Message]
    }

    struct Reply: Decodable {
        struct Block: Decodable {
            let type: String
            let text: String?
        }
        struct Usage: Decodable {
            let input_tokens: Int
            let output_tokens: Int
        }
        let content: [Block]
        let usage: Usage?
    }

    /// The exact bytes `complete` sends: the rendered prompt as JSON with sorted keys.
    public func requestBody(for request: ModelRequest) throws -> Data {
        let body = Body(
            model: model, max_tokens: maxTokens, system: PromptRenderer.system(request),
            messages: [.init(role: "user", content: PromptRenderer.user(request))])
        return try HTTPJSON.encode(body)
    }

    /// Sends `body` and reads the reply; see `ModelProvider` for errors and cancellation.
    public func complete(_ request: ModelRequest, body: Data) async throws -> ModelReply {
        let (reply, raw) = try await transport.postJSON(
            baseURL.appendingPathComponent("v1/messages"), body: body,
            headers: ["x-api-key": apiKey.secret, "anthropic-version": Self.apiVersion], provider: name, as: Reply.self)
        let text = reply.content.filter { $0.type == "text" }.compactMap(\.text).joined(separator: "\n")
        let parsed = ReplyText.parse(text)
        let usage = TokenUsage(inputTokens: reply.usage?.input_tokens ?? 0, outputTokens: reply.usage?.output_tokens ?? 0)
        return ModelReply(sql: parsed.sql, explanation: parsed.explanation, refused: parsed.refused,
                          usage: usage, responseBody: raw)
    }
}
