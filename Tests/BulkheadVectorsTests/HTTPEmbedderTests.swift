import BulkheadCore
@testable import BulkheadVectors
import Foundation
import Testing

/// The HTTP embedder against a real loopback server speaking the OpenAI embeddings format.
@Suite(.serialized) struct HTTPEmbedderTests {
    /// Answers `/v1/embeddings` with a 3-dimensional vector per input, listed in reverse order
    /// (the client must put them back by `index`).
    static func embeddingsServer() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { request in
            guard let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
                  let input = object["input"] as? [String] else { return (400, Data("{}".utf8)) }
            let data = input.enumerated().reversed().map { index, text -> [String: Any] in
                ["object": "embedding", "index": index, "embedding": [Double(text.count), 1.0, text.hasPrefix("sales") ? 5.0 : 0.0]]
            }
            let body = try! JSONSerialization.data(withJSONObject: ["object": "list", "data": data, "model": object["model"] ?? ""])
            return (200, body)
        }
    }

    @Test func sendsTheOpenAIRequestAndOrdersTheAnswerByIndex() async throws {
        let server = try Self.embeddingsServer()
        defer { server.stop() }
        let embedder = HTTPEmbedder(baseURL: server.baseURL, model: "nomic-embed-text", dimension: 3, apiKey: "sk-test-key", batchSize: 2)
        let vectors = try await embedder.embed(["a", "bbb", "sales"])
        #expect(vectors == [[1, 1, 0], [3, 1, 0], [5, 1, 5]])
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests.first?.requestLine == "POST /v1/embeddings HTTP/1.1")
        #expect(requests.first?.header("Authorization") == "Bearer sk-test-key")
        #expect(requests.first?.header("Content-Type") == "application/json")
        let first = try #require(try JSONSerialization.jsonObject(with: requests[0].body) as? [String: Any])
        #expect(first["model"] as? String == "nomic-embed-text")
        #expect(first["input"] as? [String] == ["a", "bbb"])
        #expect(embedder.name == "http:nomic-embed-text")
    }

    @Test func serverErrorsBecomeOurOwnSentence() async throws {
        let server = try LoopbackHTTPServer { _ in (500, Data("{\"error\":\"ECHO-OF-THE-TEXT quarterly secrets\"}".utf8)) }
        defer { server.stop() }
        let embedder = HTTPEmbedder(baseURL: server.baseURL, model: "m", dimension: 3, apiKey: nil)
        do {
            _ = try await embedder.embed(["quarterly secrets"])
            Issue.record("a 500 must fail")
        } catch let error as BulkheadError {
            #expect(error == .unavailable("the embedding server answered HTTP 500"))
            #expect(!error.message.contains("ECHO"))
        }
        #expect(server.requests.first?.header("Authorization") == nil)
    }

    @Test func aWrongDimensionOrAnUnreachableServerIsUnavailable() async throws {
        let server = try Self.embeddingsServer()
        let wrong = HTTPEmbedder(baseURL: server.baseURL, model: "m", dimension: 4, apiKey: nil)
        await #expect(throws: BulkheadError.unavailable("the embedding server's answer was malformed")) {
            try await wrong.embed(["x"])
        }
        let port = server.port
        server.stop()
        let gone = HTTPEmbedder(baseURL: URL(string: "http://127.0.0.1:\(port)")!, model: "m", dimension: 3, apiKey: nil, timeout: 5)
        await #expect(throws: BulkheadError.unavailable("the embedding server could not be reached")) {
            try await gone.embed(["x"])
        }
    }

    @Test func aCollectionMadeWithAnHTTPEmbedderEmbedsThroughIt() async throws {
        let server = try Self.embeddingsServer()
        defer { server.stop() }
        let fixture = try VectorFixture()
        let store = fixture.store()
        let embedder = HTTPEmbedder(baseURL: server.baseURL, model: "org-model", dimension: 3, apiKey: "sk-acme")
        try store.createCollection(fixture.acmeUser, name: "notes", embedder: embedder)
        try await store.add(fixture.acmeUser, collection: "notes", items: [
            VectorItem(id: "s", text: "sales are up"), VectorItem(id: "o", text: "other things entirely"),
        ], embedder: embedder)
        let hits = try await store.search(fixture.acmeUser, collection: "notes", query: .text("sales?"), k: 1, embedder: embedder)
        #expect(hits.map(\.id) == ["s"])
        // Without the org's embedder the store cannot embed for this collection, and says so.
        await #expect(throws: BulkheadError.unavailable("the collection's embedder is not configured")) {
            try await store.search(fixture.acmeUser, collection: "notes", query: .text("sales"))
        }
    }
}
