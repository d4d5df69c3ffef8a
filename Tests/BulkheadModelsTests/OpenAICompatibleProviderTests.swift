import BulkheadTestSupport
import BulkheadCore
@testable import BulkheadModels
import Foundation
import Testing

/// The OpenAI-compatible provider (OpenAI, Ollama, llama.cpp, vLLM) against a real loopback
/// HTTP server speaking the chat completions API.
@Suite struct OpenAICompatibleProviderTests {
    func provider(_ server: LoopbackServer, _ sleeps: SleepRecorder, key: APIKey? = APIKey(ProviderFixtures.secret)) -> OpenAICompatibleProvider {
        OpenAICompatibleProvider(model: "gpt-4o-mini", apiKey: key, baseURL: server.baseURL, transport: sleeps.transport())
    }

    @Test func sendsTheExactBodyAndReadsTheReply() async throws {
        let server = try LoopbackServer(responses: [.init(status: 200, body: ProviderFixtures.openAIReply)])
        defer { server.stop() }
        let sleeps = SleepRecorder()
        let model = provider(server, sleeps)
        let request = ProviderFixtures.request
        let body = try model.requestBody(for: request)
        let reply = try await model.complete(request, body: body)

        #expect(reply.sql == "SELECT COUNT(*) FROM \"Track\"", "a bare statement is taken whole")
        #expect(reply.usage == TokenUsage(inputTokens: 380, outputTokens: 12))
        #expect(reply.responseBody == Data(ProviderFixtures.openAIReply.utf8))

        let received = try #require(server.requests.first)
        #expect(received.method == "POST")
        #expect(received.path == "/v1/chat/completions")
        #expect(received.headers["authorization"] == "Bearer \(ProviderFixtures.secret)")
        #expect(received.headers["content-type"] == "application/json")
        #expect(received.body == body)

        let json = try #require(try JSONSerialization.jsonObject(with: received.body) as? [String: Any])
        #expect(json["model"] as? String == "gpt-4o-mini")
        #expect(json["temperature"] as? Double == 0)
        let messages = try #require(json["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["system", "user"])
        #expect(messages[0]["content"] as? String == PromptRenderer.defaultSystem)
        #expect(messages[1]["content"] as? String == PromptRenderer.user(request))
    }

    @Test func aLocalServerNeedsNoKey() async throws {
        let server = try LoopbackServer(responses: [.init(status: 200, body: ProviderFixtures.openAIReply)])
        defer { server.stop() }
        let model = provider(server, SleepRecorder(), key: nil)
        let request = ProviderFixtures.request
        _ = try await model.complete(request, body: try model.requestBody(for: request))
        #expect(server.requests.first?.headers["authorization"] == nil)
    }

    @Test func retriesA500ThenSucceeds() async throws {
        let server = try LoopbackServer(responses: [
            .init(status: 500, body: ProviderFixtures.openAIServerError),
            .init(status: 200, body: ProviderFixtures.openAIReply),
        ])
        defer { server.stop() }
        let sleeps = SleepRecorder()
        let model = provider(server, sleeps)
        let request = ProviderFixtures.request
        let reply = try await model.complete(request, body: try model.requestBody(for: request))
        #expect(reply.sql == "SELECT COUNT(*) FROM \"Track\"")
        #expect(server.requests.count == 2)
        #expect(sleeps.recorded == [RetryPolicy().baseDelay])
    }

    @Test func retriesA429ThenSucceeds() async throws {
        let server = try LoopbackServer(responses: [
            .init(status: 429, headers: ["Retry-After": "1"],
                  body: #"{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#),
            .init(status: 200, body: ProviderFixtures.openAIReply),
        ])
        defer { server.stop() }
        let sleeps = SleepRecorder()
        let model = provider(server, sleeps)
        let request = ProviderFixtures.request
        let reply = try await model.complete(request, body: try model.requestBody(for: request))
        #expect(reply.usage.inputTokens == 380)
        #expect(server.requests.count == 2)
        #expect(sleeps.recorded == [1])
    }

    @Test func aBadKeyIsNotRetriedAndTheErrorIsSafe() async throws {
        let server = try LoopbackServer(responses: [.init(status: 401, body: ProviderFixtures.openAIUnauthorized)])
        defer { server.stop() }
        let sleeps = SleepRecorder()
        let model = provider(server, sleeps)
        let request = ProviderFixtures.request
        let error = await #expect(throws: BulkheadError.self) {
            _ = try await model.complete(request, body: try model.requestBody(for: request))
        }
        let thrown = try #require(error)
        #expect(thrown == .unavailable("the model service refused the API key (HTTP 401); check the key configured for your organization"))
        #expect(!thrown.message.contains(ProviderFixtures.secret))
        #expect(server.requests.count == 1)
        #expect(sleeps.recorded.isEmpty)
    }

    @Test func aSlowAnswerIsCancelledPromptly() async throws {
        let server = try LoopbackServer(responses: [.init(status: 200, body: ProviderFixtures.openAIReply, delay: 60)])
        defer { server.stop() }
        let model = provider(server, SleepRecorder())
        let request = ProviderFixtures.request
        let body = try model.requestBody(for: request)
        let task = Task { try await model.complete(request, body: body) }
        await server.waitForRequests(1)
        task.cancel()
        let result = await task.result
        #expect(throws: BulkheadError.cancelled) { try result.get() }
    }

    @Test func anUnreadableReplyIsASafeError() async throws {
        let server = try LoopbackServer(responses: [.init(status: 200, body: "<html>proxy error</html>")])
        defer { server.stop() }
        let model = provider(server, SleepRecorder())
        let request = ProviderFixtures.request
        await #expect(throws: BulkheadError.unavailable("the model service's reply could not be read")) {
            _ = try await model.complete(request, body: try model.requestBody(for: request))
        }
    }

    @Test func aClosedPortIsUnreachable() async throws {
        let server = try LoopbackServer(responses: [.init(status: 200, body: "{}")])
        let url = server.baseURL
        server.stop()
        let model = OpenAICompatibleProvider(model: "llama3", apiKey: nil, baseURL: url,
                                             transport: SleepRecorder().transport(RetryPolicy(maxAttempts: 2)))
        let request = ProviderFixtures.request
        let error = await #expect(throws: BulkheadError.self) {
            _ = try await model.complete(request, body: try model.requestBody(for: request))
        }
        #expect(error?.code == "unavailable")
    }
}
