import Foundation
import BulkheadCore
import BulkheadStore
import BulkheadVectors

/// Which embedder each org's knowledge is indexed with, kept in the org's own database; an API
/// key is sealed at rest with the org's id bound in, so a sealed key copied into another org's
/// settings does not open.
///
/// The default is the built-in hashing embedder (no network, no key). `openai` calls any
/// OpenAI-compatible `/v1/embeddings` endpoint (OpenAI, Ollama, llama.cpp, vLLM).
public struct EmbedderSettings: Sendable {
    /// The embedders an org may choose, the default first.
    public static let providerNames = ["hashing", "openai"]

    /// An org's choice of embedder.
    public struct Choice: Sendable, Hashable {
        public var provider: String
        public var model: String
        public var baseURL: String?
        public var dimension: Int

        public init(provider: String, model: String, baseURL: String? = nil, dimension: Int) {
            self.provider = provider
            self.model = model
            self.baseURL = baseURL
            self.dimension = dimension
        }

        /// The built-in default.
        public static var hashing: Choice { Choice(provider: "hashing", model: HashingEmbedder().name, dimension: HashingEmbedder().dimension) }
    }

    private let settings: any SettingsStore
    private let secrets: SealedSecrets

    public init(settings: any SettingsStore, secrets: SealedSecrets) {
        self.settings = settings
        self.secrets = secrets
    }

    private func sealContext(_ principal: Principal) -> String { "embedder-key:\(principal.orgID)" }

    /// The org's current choice.
    public func choice(for principal: Principal) throws -> Choice {
        let values = try settings.settings(principal, prefix: "embedder.")
        guard let provider = values["embedder.provider"], provider != "hashing", let model = values["embedder.name"],
              let dimension = values["embedder.dimension"].flatMap(Int.init) else { return .hashing }
        return Choice(provider: provider, model: model, baseURL: values["embedder.base_url"], dimension: dimension)
    }

    /// The embedder of the principal's org.
    public func embedder(for principal: Principal) throws -> any Embedder {
        let choice = try choice(for: principal)
        guard choice.provider == "openai" else { return HashingEmbedder() }
        let sealed = try settings.settings(principal, prefix: "embedder.api_key")["embedder.api_key"]
        let key = try sealed.map { try secrets.openString($0, context: sealContext(principal)) }
        guard let url = choice.baseURL.flatMap(URL.init(string:)) else {
            throw BulkheadError.invalidInput("the embedder has no base URL")
        }
        return HTTPEmbedder(baseURL: url, model: choice.model, dimension: choice.dimension, apiKey: key)
    }

    /// Stores the org's choice (admins only). A key given replaces the stored one; none keeps it
    /// when the provider stays the same.
    public func set(_ principal: Principal, choice: Choice, apiKey: String?) throws {
        try principal.requireAdmin()
        guard Self.providerNames.contains(choice.provider) else {
            throw BulkheadError.invalidInput("the embedder must be one of: " + Self.providerNames.joined(separator: ", "))
        }
        if choice.provider == "openai" {
            try ModelChoiceRules.check(model: choice.model)
            guard let base = choice.baseURL else { throw BulkheadError.invalidInput("an openai embedder needs --base-url") }
            try ModelChoiceRules.check(baseURL: base)
            guard (1...8192).contains(choice.dimension) else { throw BulkheadError.invalidInput("the dimension must be 1 to 8192") }
        }
        let current = try self.choice(for: principal)
        let sealed = try apiKey.map { try secrets.seal($0, context: sealContext(principal)) }
        let keep = apiKey == nil && current.provider == choice.provider
        try settings.updateSettings(principal, prefix: "embedder.") { stored in
            let oldKey = keep ? stored["embedder.api_key"] : nil
            var entries = ["embedder.provider": choice.provider, "embedder.name": choice.model, "embedder.dimension": String(choice.dimension)]
            if let base = choice.baseURL, choice.provider != "hashing" { entries["embedder.base_url"] = base }
            if let key = sealed ?? oldKey, choice.provider != "hashing" { entries["embedder.api_key"] = key }
            return SettingsChange(delete: Array(stored.keys), put: entries)
        }
    }

    /// Whether the org has an embedder key stored (never the key itself).
    public func hasKey(_ principal: Principal) throws -> Bool {
        try settings.settings(principal, prefix: "embedder.api_key")["embedder.api_key"] != nil
    }
}

/// The checks every model or embedder setting passes: names and URLs of a sane shape.
public enum ModelChoiceRules {
    /// A model name: 1 to 200 characters of letters, digits and `-_.:/@`.
    public static func check(model: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/@")
        guard (1...200).contains(model.count), model.allSatisfy({ allowed.contains($0) }) else {
            throw BulkheadError.invalidInput("a model name is 1 to 200 letters, digits or -_.:/@")
        }
    }

    /// A base URL: http or https, with a host, without credentials, a query or a fragment.
    public static func check(baseURL: String) throws {
        guard let components = URLComponents(string: baseURL), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
              components.user == nil, components.password == nil, components.query == nil, components.fragment == nil,
              baseURL.count <= 500 else {
            throw BulkheadError.invalidInput("the base URL must be an http or https address without credentials, query or fragment")
        }
    }
}
