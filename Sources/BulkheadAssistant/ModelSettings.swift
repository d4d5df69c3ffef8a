import Foundation
import BulkheadCore
import BulkheadModels
import BulkheadStore
import BulkheadContext

/// Which model each org uses, kept in the org's own database; API keys are sealed at rest.
///
/// The default is the built-in offline model, which needs no network and no key.
public struct ModelSettings: Sendable {
    /// An org's choice of provider.
    public struct Choice: Sendable, Hashable {
        public var provider: String
        public var model: String
        public var baseURL: String?

        public init(provider: String, model: String, baseURL: String? = nil) {
            self.provider = provider
            self.model = model
            self.baseURL = baseURL
        }
    }

    private let settings: any SettingsStore
    private let secrets: SealedSecrets
    /// Test seam: a provider used for every org instead of the stored choice (a loopback fake).
    private let override: (any ModelProvider)?

    public init(settings: any SettingsStore, secrets: SealedSecrets) {
        self.init(settings: settings, secrets: secrets, override: nil)
    }

    package init(settings: any SettingsStore, secrets: SealedSecrets, override: (any ModelProvider)?) {
        self.settings = settings
        self.secrets = secrets
        self.override = override
    }

    /// Settings keys: `model.provider` names the current provider; each configured remote provider
    /// keeps `model.<provider>.name`, `.base_url` and a sealed `.api_key`, so switching back and
    /// forth (from the console's palette) needs no key again.
    private func values(_ principal: Principal) throws -> [String: String] {
        try settings.settings(principal, prefix: "model.")
    }

    private func choice(_ provider: String, in values: [String: String]) -> Choice? {
        if provider == OfflineModel.providerName { return Choice(provider: provider, model: OfflineModel.modelName) }
        guard let model = values["model.\(provider).name"] else { return nil }
        return Choice(provider: provider, model: model, baseURL: values["model.\(provider).base_url"])
    }

    private func sealContext(_ principal: Principal, _ provider: String) -> String { "model-key:\(principal.orgID):\(provider)" }

    /// The org's current choice.
    public func choice(for principal: Principal) throws -> Choice {
        let values = try values(principal)
        let provider = values["model.provider"] ?? OfflineModel.providerName
        return choice(provider, in: values) ?? Choice(provider: OfflineModel.providerName, model: OfflineModel.modelName)
    }

    /// Every provider the org may switch to without configuring anything: the offline model and
    /// each remote one set before.
    public func configured(for principal: Principal) throws -> [Choice] {
        let values = try values(principal)
        return ModelCatalog.providerNames.compactMap { choice($0, in: values) }
    }

    /// Configures a provider and makes it the org's (admins only). The key is sealed with the org
    /// and the provider bound in, so a sealed key copied into another org's settings does not open.
    /// A new key replaces the stored one; without one, the provider's stored key is kept.
    /// Anthropic needs a key.
    public func set(_ principal: Principal, choice: Choice, apiKey: String?) throws {
        try principal.requireAdmin()
        guard ModelCatalog.providerNames.contains(choice.provider) else {
            throw BulkheadError.invalidInput("the provider must be one of: " + ModelCatalog.providerNames.joined(separator: ", "))
        }
        if choice.provider != OfflineModel.providerName {
            try ModelChoiceRules.check(model: choice.model)
            if let base = choice.baseURL { try ModelChoiceRules.check(baseURL: base) }
        }
        if let apiKey, apiKey.isEmpty || apiKey.count > 4_096 || apiKey.contains(where: \.isNewline) {
            throw BulkheadError.invalidInput("the API key must be one line of 1 to 4096 characters")
        }
        let provider = choice.provider
        let sealed = try apiKey.map { try secrets.seal($0, context: sealContext(principal, provider)) }
        try settings.updateSettings(principal, prefix: "model.") { stored in
            var change = SettingsChange(put: ["model.provider": provider])
            if provider != OfflineModel.providerName {
                if provider == AnthropicProvider.providerName, sealed == nil, stored["model.\(provider).api_key"] == nil {
                    throw BulkheadError.invalidInput("the anthropic provider needs an API key; pass it on standard input with --key-stdin")
                }
                change.delete = ["model.\(provider).name", "model.\(provider).base_url"]
                change.put["model.\(provider).name"] = choice.model
                if let base = choice.baseURL { change.put["model.\(provider).base_url"] = base }
                if let sealed { change.put["model.\(provider).api_key"] = sealed }
            }
            return change
        }
    }

    /// Switches the org to a provider it has configured before (admins only).
    public func use(_ principal: Principal, provider: String) throws -> Choice {
        try principal.requireAdmin()
        guard let found = try configured(for: principal).first(where: { $0.provider == provider }) else {
            throw BulkheadError.invalidInput("\(provider) is not configured for your organization; set it up with `bulkhead model set`")
        }
        try settings.updateSettings(principal, prefix: "model.provider") { _ in SettingsChange(put: ["model.provider": provider]) }
        return found
    }

    /// Whether the org has a key stored for its current provider (never the key itself).
    public func hasKey(_ principal: Principal) throws -> Bool {
        let provider = try choice(for: principal).provider
        return try values(principal)["model.\(provider).api_key"] != nil
    }

    /// What `model test` found: how long a tiny request took and the model that answered.
    public struct TestResult: Sendable, Hashable {
        public let provider: String
        /// The model the service says answered (or the one configured, when it does not say).
        public let model: String
        public let milliseconds: Double
    }

    /// Sends a tiny request (no tenant data in it) to the org's model and times it (admins only).
    public func test(_ principal: Principal) async throws -> TestResult {
        try principal.requireAdmin()
        let provider = try provider(for: principal)
        let request = ModelRequest(system: "Answer with one SQL statement.",
                                   schema: SchemaContext(tables: [TableSchema(name: "t", columns: [ColumnSchema(name: "x", type: "INTEGER")])]),
                                   question: "Return the number one.")
        let started = DispatchTime.now().uptimeNanoseconds
        let reply: ModelReply
        do {
            reply = try await provider.complete(request, body: try provider.requestBody(for: request))
        } catch {
            throw BulkheadError.safe(error, code: "model-test")
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        let answered = (try? JSONSerialization.jsonObject(with: reply.responseBody) as? [String: Any])?["model"] as? String
        return TestResult(provider: provider.name, model: answered ?? provider.model, milliseconds: elapsed)
    }

    /// The provider to use for the principal's org, built by the model layer's catalog.
    /// The offline model writes SQL in `dialect` (the source's); remote models read it from the prompt.
    public func provider(for principal: Principal, dialect: any SQLDialect = SQLiteDialect()) throws -> any ModelProvider {
        if let override { return override }
        let choice = try choice(for: principal)
        guard choice.provider != OfflineModel.providerName else { return OfflineModel(dialect: dialect) }
        let sealed = try values(principal)["model.\(choice.provider).api_key"]
        let key = try sealed.map { APIKey(try secrets.openString($0, context: sealContext(principal, choice.provider))) }
        return try ModelCatalog.provider(named: choice.provider, model: choice.model, apiKey: key,
                                         baseURL: choice.baseURL.flatMap(URL.init(string:)))
    }

}
