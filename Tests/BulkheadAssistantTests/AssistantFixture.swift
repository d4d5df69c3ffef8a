import Foundation
import Synchronization
@_spi(Testing) import BulkheadAssistant
import BulkheadAuth
import BulkheadContext
import BulkheadCore
import BulkheadModels
import BulkheadStore
import BulkheadTestBackends

/// A provider that records every request it is asked to send, then answers as the offline model.
///
/// It stands where a remote model service would, so a test can prove what reached "the provider".
final class RecordingProvider: ModelProvider {
    let name = "offline"
    let model = "offline-planner-1"
    private let sent = Mutex<[Data]>([])
    private let offline = OfflineModel()

    func requestBody(for request: ModelRequest) throws -> Data { try offline.requestBody(for: request) }

    func complete(_ request: ModelRequest, body: Data) async throws -> ModelReply {
        sent.withLock { $0.append(body) }
        return try await offline.complete(request, body: body)
    }

    var bodies: [Data] { sent.withLock { $0 } }
}

/// The demo workspace in a temporary home, with principals for ada (Acme admin) and gus (Globex admin).
struct AssistantFixture {
    let home: URL
    /// The stores the fixture runs on (kept open for its life; a PostgreSQL database is dropped after).
    let stores: TestStores
    let services: Services
    let provider: RecordingProvider
    let acme: Principal
    /// ben@acme.test, a member of Acme.
    let acmeMember: Principal
    let globex: Principal
    let acmeCanary: String
    let globexCanary: String

    static func make(_ backend: TestBackend = .sqlite, tamper: (@Sendable (inout PromptContext) -> Void)? = nil,
                     firewall: Bool = true) async throws -> AssistantFixture {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-assistant-\(UUID().uuidString)")
        let provider = RecordingProvider()
        var options = Services.Options(hasherParameters: PasswordHasher.Parameters(logN: 10, r: 8, p: 1)!)
        options.modelOverride = provider
        options.contextTamper = tamper
        options.firewallEnabled = firewall
        let workspace = try Workspace(root: home)
        let stores = try backend.open(workspace: workspace, clock: SystemClock())
        let services = try Services(workspace: workspace, stores: stores.stores, options: options)
        let accounts = try await services.createDemo(force: false, credentials: CallerCredentials()).accounts
        func login(_ email: String) async throws -> Principal {
            let password = accounts.first { $0.email == email }?.password ?? ""
            return try await services.auth.login(email: email, password: password).principal
        }
        let notes = { (principal: Principal) throws -> String in
            try services.notes.list(principal).first?.text ?? ""
        }
        let acme = try await login("ada@acme.test")
        let member = try await login("ben@acme.test")
        let globex = try await login("gus@globex.test")
        let canary = { (text: String, prefix: String) -> String in
            String(text[text.range(of: prefix)!.lowerBound...].prefix(prefix.count + 8))
        }
        return AssistantFixture(home: home, stores: stores, services: services, provider: provider, acme: acme, acmeMember: member, globex: globex,
                                acmeCanary: canary(try notes(acme), "ACME-CANARY-"),
                                globexCanary: canary(try notes(globex), "GLOBEX-CANARY-"))
    }

    func remove() { try? FileManager.default.removeItem(at: home) }
}
