import Foundation
import BulkheadCore

/// The OpenAI chat completions API (`POST {base}/v1/chat/completions`), which Ollama,
/// llama.cpp's server and vLLM also speak.
///
/// The body has a system and a user message and `temperature: 0`, so the same question gets
/// the same answer as far as the server allows. The key (optional: local servers need none)
/// goes only into the `Authorization` header.
public struct OpenAICompatibleProvider: ModelProvider {
    /// The provider name an org chooses.
    public static let providerName = "openai"

    /// The provider name recorded in the request log.
    public var name: String { Self.providerName }
    /// The model asked for, as the service names it.
    public let model: String
    /// The service root: `https://api.openai.com`, or a local server such as `http://127.0.0.1:11434`.
    public let baseURL: URL
    private let apiKey: APIKey?
    private let transport: HTTPTransport

    /// Makes a provider for `model`; `apiKey` may be nil for a local server.
    public init(
        model: String,
        apiKey: APIKey?,
        baseURL: URL = URL(string: "https://api.openai.com")!,
        transport: HTTPTransport = HTTPTransport()
    ) {
        self.model = model
        self.apiKey = apiKey
        self.baseURL = baseURL
        self.transport = transport
    }

    struct Body: Codable {
        struct Message: Codable {
            let role: String
            let content: String
        }
        let model: String
        let messages: [Message]
        let temperature: Double
    }

    struct Reply: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable {
                let content: String?
            }
            let message: Message
        }
        struct Usage: Decodable {
            let prompt_tokens: Int
            let completion_tokens: Int
        }
        let choices: [Choice]
        let usage: Usage?
    }

    /// The exact bytes `complete` sends: the rendered prompt as JSON with sorted keys.
    public func requestBody(for request: ModelRequest) throws -> Data {
        let body = Body(
            model: model,
            messages: [
                .init(role: "system", content: PromptRenderer.system(request)),
                .init(role: "user", content: PromptRenderer.user(request)),
            ],
            temperature: 0)
        return try HTTPJSON.encode(body)
    }

    /// Sends `body` and reads the reply; see `ModelProvider` for errors and cancellation.
    public func complete(_ request: ModelRequest, body: Data) async throws -> ModelReply {
        let headers = apiKey.map { ["Authorization": "Bearer \($0.secret)"] } ?? [:]
        let (reply, raw) = try await transport.postJSON(
            baseURL.appendingPathComponent("v1/chat/completions"), body: body, headers: headers, provider: name, as: Reply.self)
        let text = reply.choices.first?.message.content ?? ""
        let parsed = ReplyText.parse(text)
        let usage = TokenUsage(inputTokens: reply.usage?.prompt_tokens ?? 0, outputTokens: reply.usage?.completion_tokens ?? 0)
        return ModelReply(sql: parsed.sql, explanation: parsed.explanation, refused: parsed.refused,
                          usage: usage, responseBody: raw)
    }
}
