import Foundation
import Testing
import BulkheadAssistant
import BulkheadCore
import BulkheadTestBackends

/// Model settings per org: configured providers are kept, so an admin switches between them
/// (the console's palette does) without typing a key again; the key stays sealed.
@Suite struct ModelSettingsTests {
    @Test(arguments: TestBackend.allCases)
    func configuredProvidersStayConfiguredAcrossSwitches(_ backend: TestBackend) async throws {
        let f = try await AssistantFixture.make(backend)
        defer { f.remove() }
        let models = f.services.models
        #expect(try models.configured(for: f.acme).map(\.provider) == ["offline"])
        try models.set(f.acme, choice: .init(provider: "anthropic", model: "claude-sonnet-4-5", baseURL: "http://127.0.0.1:9"),
                       apiKey: "sk-test-SETTINGS-1")
        #expect(try models.choice(for: f.acme).provider == "anthropic")
        #expect(try models.hasKey(f.acme))
        #expect(try models.use(f.acme, provider: "offline").provider == "offline")
        #expect(try !models.hasKey(f.acme))
        #expect(try models.configured(for: f.acme).map(\.provider) == ["offline", "anthropic"])
        let back = try models.use(f.acme, provider: "anthropic")
        #expect(back.model == "claude-sonnet-4-5" && back.baseURL == "http://127.0.0.1:9")
        #expect(try models.hasKey(f.acme), "switching back needs no key again")
        // Another org has its own settings; members may not switch; an unconfigured provider is refused.
        #expect(try models.choice(for: f.globex).provider == "offline")
        #expect(throws: BulkheadError.denied) { _ = try models.use(f.acmeMember, provider: "offline") }
        #expect(throws: BulkheadError.self) { _ = try models.use(f.acme, provider: "openai") }
        #expect(throws: BulkheadError.self) {
            try models.set(f.acme, choice: .init(provider: "openai", model: "bad model name!", baseURL: nil), apiKey: nil)
        }
        #expect(throws: BulkheadError.self) {
            try models.set(f.acme, choice: .init(provider: "openai", model: "m", baseURL: "ftp://example.test"), apiKey: nil)
        }
        // The key is sealed in the org's file, never stored as typed.
        let file = f.services.workspace.tenantDatabaseURL(for: f.acme.orgID)
        for suffix in ["", "-wal"] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file.path + suffix))) ?? Data()
            #expect(bytes.range(of: Data("sk-test-SETTINGS-1".utf8)) == nil)
        }
    }
}
