import BulkheadTestSupport
import BulkheadCore
@testable import BulkheadModels
import Foundation
import Testing

/// The Anthropic provider against a real loopback HTTP server speaking the Messages API.
@Suite struct AnthropicProviderTests {
    func provider(_ server: LoopbackServer, _ sleeps: SleepRecorder, policy: RetryPolicy = RetryPolicy()) -> AnthropicProvider {
        AnthropicProvider(model: "claude-sonnet-4-5", apiKey: APIKey(ProviderFixtures.secret), baseURL: server.baseURL,
                          maxTokens: 512, transport: sleeps.transport(policy))
    }

    @Test func sendsTheExactBodyAndReadsTheReply() async throws {
        let server = try LoopbackServer(responses: [.init(status: 200, body: ProviderFixtures.anthropicReply)])
        defer { server.stop() }
        let sleeps = SleepRecorder()
        let model = provider(server, sleeps)
        let request = ProviderFixtures.request
        let body = try model.requestBody(for: request)
        let reply = try await model.complete(request, body: body)

        #expect(reply.sql == "SELECT COUNT(*) FROM \"Track\";")
        #expect(reply.explanation == "Counted the rows of Track.")
        #expect(!reply.refused)
        #expect(reply.usage == TokenUsage(inputTokens: 412, outputTokens: 31))
        #expect(reply.responseBody == Data(ProviderFixtures.anthropicReply.utf8))

        let received = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(received.method == "POST")
        #expect(received.path == "/v1/messages")
        #expect(received.headers["x-api-key"] == ProviderFixtures.secret)
        #expect(received.headers["anthropic-version"] == "2023-06-01")
        #expect(received.headers["content-type"] == "application/json")
        #expect(received.body == body, "the server got exactly the bytes the request log keeps")

        let json = try #require(try JSONSerialization.jsonObject(with: received.body) as? [String: Any])
        #expect(json["model"] as? String == "claude-sonnet-4-5")
        #expect(json["max_tokens"] as? Int == 512)
        #expect(json["system"] as? String == PromptRenderer.defaultSystem)
        let messages = try #require(json["messages"] as? [[String: Any]])
        #expect(messages.count == 1)
        #expect(messages[0]["role"] as? String == "user")
        let content = try #require(messages[0]["content"] as? String)
        #expect(content == PromptRenderer.user(request))
        #expect(content.contains("CREATE TABLE \"Track\""))
        #expect(content.contains("REFERENCES \"Album\"(\"AlbumId\")"))
        #expect(content.hasSuffix("## Question\n" + ProviderFixtures.question))
        #expect(sleeps.recorded.isEmpty)
    }

    @Test func retriesA429AfterTheDelayItAsksFor() async throws {
        let server = try LoopbackServer(responses: [
            .init(status: 429, headers: ["Retry-After": "2"], body: ProviderFixtures.anthropicRateLimited),
            .init(status: 200, body: ProviderFixtures.anthropicReply),
        ])
        defer { server.stop() }
        let sleeps = SleepRecorder()
        let model = provider(server, sleeps)
        let request = ProviderFixtures.request
        let reply = try await model.complete(request, body: try model.requestBody(for: request))
        #expect(reply.sql == "SELECT COUNT(*) FROM \"Track\";")
        #expect(server.requests.count == 2)
        #expect(server.requests[0].body == server.requests[1].body)
        #expect(sleeps.recorded == [2])
    }

    @Test func retriesAnOverloaded529WithExponentialBackoff() async throws {
        let server = try LoopbackServer(responses: [
            .init(status: 529, body: #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#),
            .init(status: 529, body: #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#),
            .init(status: 200, body: ProviderFixtures.anthropicReply),
        ])
        defer { server.stop() }
        let sleeps = SleepRecorder()
        let model = provider(server, sleeps, policy: RetryPolicy(maxAttempts: 4, baseDelay: 0.25))
        let request = ProviderFixtures.request
        let reply = try await model.complete(request, body: try model.requestBody(for: request))
        #expect(reply.usage.outputTokens == 31)
        #expect(server.requests.count == 3)
        #expect(sleeps.recorded == [0.25, 0.5])
    }

    @Test func givesUpOnRateLimitsAfterTheLastAttempt() async throws {
        let server = try LoopbackServer(responses: [.init(status: 429, body: ProviderFixtures.anthropicRateLimited)])
        defer { server.stop() }
        let sleeps = SleepRecorder()
        let model = provider(server, sleeps, policy: RetryPolicy(maxAttempts: 3, baseDelay: 1))
        let request = ProviderFixtures.request
        let error = await #expect(throws: BulkheadError.self) {
            _ = try await model.complete(request, body: try model.requestBody(for: request))
        }
        #expect(error?.code == "unavailable")
        #expect(error?.message.contains("429") == true)
        #expect(server.requests.count == 3)
        #expect(sleeps.recorded == [1, 2])
    }

    @Test func aRetryAfterLongerThanThePolicyEndsAtOnce() async throws {
        let server = try LoopbackServer(responses: [
            .init(status: 429, headers: ["Retry-After": "3600"], body: ProviderFixtures.anthropicRateLimited),
        ])
        defer { server.stop() }
        let sleeps = SleepRecorder()
        let model = provider(server, sleeps)
        let request = ProviderFixtures.request
        await #expect(throws: BulkheadError.unavailable("the model service is rate limiting this key; try again later (HTTP 429)")) {
            _ = try await model.complete(request, body: try model.requestBody(for: request))
        }
        #expect(server.requests.count == 1)
        #expect(sleeps.recorded.isEmpty)
    }

    @Test func aBadKeyIsNotRetriedAndTheErrorIsSafe() async throws {
        let server = try LoopbackServer(responses: [.init(status: 401, body: ProviderFixtures.anthropicUnauthorized)])
        defer { server.stop() }
        let sleeps = SleepRecorder()
        let model = provider(server, sleeps)
        let request = ProviderFixtures.request
        let error = await #expect(throws: BulkheadError.self) {
            _ = try await model.complete(request, body: try model.requestBody(for: request))
        }
        let thrown = try #require(error)
        #expect(thrown.code == "unavailable")
        #expect(thrown.message.contains("401"))
        #expect(!thrown.message.contains(ProviderFixtures.secret))
        #expect(!thrown.message.contains("CANARY"))
        #expect(!thrown.message.contains("invalid x-api-key"), "the service's own words are not echoed")
        #expect(server.requests.count == 1)
        #expect(sleeps.recorded.isEmpty)
        #expect(!"\(model)".contains(ProviderFixtures.secret), "printing the provider does not show the key")
    }

    @Test func aSlowAnswerIsCancelledPromptly() async throws {
        let server = try LoopbackServer(responses: [.init(status: 200, body: ProviderFixtures.anthropicReply, delay: 60)])
        defer { server.stop() }
        let sleeps = SleepRecorder()
        let model = provider(server, sleeps)
        let request = ProviderFixtures.request
        let body = try model.requestBody(for: request)
        let task = Task { try await model.complete(request, body: body) }
        await server.waitForRequests(1)
        task.cancel()
        let result = await task.result
        #expect(throws: BulkheadError.cancelled) { try result.get() }
        #expect(server.requests.count == 1, "a cancelled call is not retried")
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try LoopbackServer(responses: [.init(status: 200, body: ProviderFixtures.anthropicReply, delay: 60)])
        defer { server.stop() }
        let sleeps = SleepRecorder()
        let model = provider(server, sleeps, policy: RetryPolicy(maxAttempts: 1, timeout: 0.3))
        let request = ProviderFixtures.request
        await #expect(throws: BulkheadError.unavailable("the model service did not answer in time")) {
            _ = try await model.complete(request, body: try model.requestBody(for: request))
        }
    }
}
