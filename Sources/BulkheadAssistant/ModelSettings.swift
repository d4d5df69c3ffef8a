import Foundation
import GRDB
import BulkheadCore
import BulkheadModels
import BulkheadStore

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

    private let tenants: TenantDatabases
    private let secrets: SealedSecrets
    /// Test seam: a provider used for every org instead of the stored choice (a loopback fake).
    private let override: (any ModelProvider)?

    public init(tenants: TenantDatabases, secrets: SealedSecrets) {
        self.init(tenants: tenants, secrets: secrets, override: nil)
    }

    package init(tenants: TenantDatabases, secrets: SealedSecrets, override: (any ModelProvider)?) {
        self.tenants = tenants
        self.secrets = secrets
        self.override = override
    }

    /// The org's current choice.
    public func choice(for principal: Principal) throws -> Choice {
        let values = try tenants.database(for: principal).read { db in
            try Row.fetchAll(db, sql: "SELECT key, value FROM settings WHERE key LIKE 'model.%'")
                .reduce(into: [String: String]()) { $0[$1["key"]] = $1["value"] }
        }
        guard let provider = values["model.provider"], let model = values["model.name"] else {
            return Choice(provider: OfflineModel.providerName, model: OfflineModel.modelName)
        }
        return Choice(provider: provider, model: model, baseURL: values["model.base_url"])
    }

    /// Sets the org's provider (admins only). The key is sealed with the org id as context, so a
    /// sealed key copied into another org's settings does not open.
    public func set(_ principal: Principal, choice: Choice, apiKey: String?) throws {
        try principal.requireAdmin()
        guard ModelCatalog.providerNames.contains(choice.provider) else {
            throw BulkheadError.invalidInput("the provider must be one of: " + ModelCatalog.providerNames.joined(separator: ", "))
        }
        let sealed = try apiKey.map { try secrets.seal($0, context: "model-key:\(principal.orgID)") }
        try tenants.database(for: principal).write { db in
            try db.execute(sql: "DELETE FROM settings WHERE key LIKE 'model.%'")
            var entries = ["model.provider": choice.provider, "model.name": choice.model]
            if let base = choice.baseURL { entries["model.base_url"] = base }
            if let sealed { entries["model.api_key"] = sealed }
            for (key, value) in entries {
                try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?)", arguments: [key, value])
            }
        }
    }

    /// The provider to use for the principal's org, built by the model layer's catalog.
    public func provider(for principal: Principal) throws -> any ModelProvider {
        if let override { return override }
        let choice = try choice(for: principal)
        guard choice.provider != OfflineModel.providerName else { return OfflineModel() }
        let sealed = try tenants.database(for: principal).read { db in
            try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'model.api_key'")
        }
        let key = try sealed.map { APIKey(try secrets.openString($0, context: "model-key:\(principal.orgID)")) }
        return try ModelCatalog.provider(named: choice.provider, model: choice.model, apiKey: key,
                                         baseURL: choice.baseURL.flatMap(URL.init(string:)))
    }
}
