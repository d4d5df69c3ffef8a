import Foundation
import BulkheadCore

/// Builds the provider an org has chosen from its stored settings, so the assistant does not
/// need to know each provider's initializer.
public enum ModelCatalog {
    /// The provider names an org may choose, the default first.
    public static let providerNames = [OfflineModel.providerName, AnthropicProvider.providerName, OpenAICompatibleProvider.providerName]

    /// The provider called `name`. `model` defaults per provider; `apiKey` is required by
    /// `anthropic`, optional for `openai` (local servers), ignored by `offline`; `baseURL`
    /// overrides the service root (a proxy, a local Ollama, or a test server).
    public static func provider(
        named name: String,
        model: String? = nil,
        apiKey: APIKey? = nil,
        baseURL: URL? = nil,
        transport: HTTPTransport = HTTPTransport()
    ) throws -> any ModelProvider {
        switch name {
        case OfflineModel.providerName:
            return OfflineModel()
        case AnthropicProvider.providerName:
            guard let apiKey else { throw BulkheadError.invalidInput("the anthropic provider needs an API key") }
            return AnthropicProvider(model: model ?? "claude-sonnet-4-5", apiKey: apiKey,
                                     baseURL: baseURL ?? URL(string: "https://api.anthropic.com")!, transport: transport)
        case OpenAICompatibleProvider.providerName:
            return OpenAICompatibleProvider(model: model ?? "gpt-4o-mini", apiKey: apiKey,
                                            baseURL: baseURL ?? URL(string: "https://api.openai.com")!, transport: transport)
        default:
            throw BulkheadError.invalidInput("unknown model provider; choose one of: " + providerNames.joined(separator: ", "))
        }
    }
}
