@_spi(Testing) import BulkheadAssistant
import BulkheadAuth
import BulkheadCore
import BulkheadModels
import Foundation
import Testing

/// An ask whose SQL holds `printf('%.*c', 2e9, 'x')` stops with a clear message, whether the SQL
/// came from the model or from an example the org stored earlier.
///
/// "Result too large" is the guarded printf refusing before it builds anything; before the fix
/// the same statement ran one call for about ten seconds and then reported the time limit. The
/// seconds themselves are asserted where no thread pool stands between the clock and the
/// statement: `LimitTests` (the engine, synchronously) and `HostileInputCLITests` (the binary).
/// Here the ask's statement runs in a detached task, which a loaded test machine may start
/// seconds late, so a time bound would measure the machine, not the sandbox.
@Suite("Ask limits")
struct AskLimitTests {
    static let huge = "SELECT printf('%.*c', 2000000000, 'x') AS v, printf('%.*c', 2000000000, 'y') AS w"

    /// A model that always proposes `sql`: where a remote model would, in the ask pipeline.
    struct FixedSQLModel: ModelProvider {
        let name = "offline"
        let model = "offline-planner-1"
        let sql: String
        func requestBody(for request: ModelRequest) throws -> Data { Data("{}".utf8) }
        func complete(_ request: ModelRequest, body: Data) async throws -> ModelReply {
            ModelReply(sql: sql, explanation: "as asked", refused: false, usage: TokenUsage(inputTokens: 1, outputTokens: 1))
        }
    }

    static func failure(_ body: () async throws -> Void) async -> BulkheadError? {
        do { try await body() } catch { return error as? BulkheadError }
        return nil
    }

    @Test("the model's SQL with printf('%.*c', 2e9, 'x') stops at once with 'result too large'")
    func modelSQL() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-asklimits-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        var options = Services.Options(hasherParameters: PasswordHasher.Parameters(logN: 10, r: 8, p: 1)!)
        options.modelOverride = FixedSQLModel(sql: Self.huge)
        let services = try Services(workspace: try .init(root: home), options: options)
        let accounts = try await services.createDemo(force: false, credentials: CallerCredentials()).accounts
        let password = accounts.first { $0.email == "ada@acme.test" }?.password ?? ""
        let ada = try await services.auth.login(email: "ada@acme.test", password: password).principal
        let error = await Self.failure { _ = try await services.assistant.ask(ada, question: "show me the big value") }
        #expect(error?.message.hasPrefix("SQL error: result too large: printf()") == true, "\(String(describing: error))")
        let record = try services.requestLog.last(for: ada)
        #expect(record.status == "failed")

    }

    @Test("an example stored before the fix, with printf('%.*c', 2e9, 'x') as its SQL, stops the ask at once")
    func storedExample() async throws {
        let fixture = try await AssistantFixture.make()
        defer { fixture.remove() }
        try await fixture.services.knowledge.indexExample(fixture.acme, id: "ex-legacy", question: "show me the big value",
                                                          sql: Self.huge, source: "retail")
        let error = await Self.failure {
            _ = try await fixture.services.assistant.ask(fixture.acme, question: "show me the big value")
        }
        #expect(error?.message.hasPrefix("SQL error: result too large: printf()") == true, "\(String(describing: error))")
        let record = try fixture.services.requestLog.last(for: fixture.acme)
        #expect(record.sql == Self.huge, "the example's SQL was the one run")
    }
}
