import AsyncHTTPClient
import BulkheadCore
import Foundation
import NIOCore

/// An embedder that calls an OpenAI-compatible `POST /v1/embeddings` endpoint
/// (OpenAI, Ollama, llama.cpp, vLLM, text-embeddings-inference).
///
/// It is configured per org: the base URL, the model and the API key (which the caller takes
/// from the org's sealed-secret store; this type never reads or logs it). Requests carry
/// `{"model", "input": [...]}`; the answer's `data[].embedding` is put back in input order by
/// `index`. Failures become `BulkheadError.unavailable` with our own sentence, never the
/// server's body, which could echo the texts.
public struct HTTPEmbedder: Embedder {
    /// `http:<model>`, recorded with the collection.
    public let name: String
    /// The vector length the model returns; answers of another length are refused.
    public let dimension: Int
    /// The server root, such as `https://api.openai.com` (the path `/v1/embeddings` is appended).
    public let baseURL: URL
    /// The model name sent with every request.
    public let model: String
    private let apiKey: String?
    private let timeout: TimeInterval
    private let batchSize: Int

    /// Makes an embedder for one org's endpoint.
    ///
    /// - Parameters:
    ///   - apiKey: the bearer token, or nil for a local server without one.
    ///   - batchSize: texts per request (servers cap the input list).
    public init(baseURL: URL, model: String, dimension: Int, apiKey: String?, timeout: TimeInterval = 30, batchSize: Int = 64) {
        self.baseURL = baseURL
        self.model = model
        self.dimension = dimension
        self.apiKey = apiKey
        self.timeout = timeout
        self.batchSize = max(1, batchSize)
        self.name = "http:\(model)"
    }

    private struct RequestBody: Encodable {
        let model: String
        let input: [String]
    }

    private struct ResponseBody: Decodable {
        struct Item: Decodable {
            let embedding: [Float]
            let index: Int
        }
        let data: [Item]
    }

    /// Embeds `texts` in batches; throws `unavailable` when the server fails or answers malformed.
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        var start = 0
        while start < texts.count {
            let batch = Array(texts[start..<min(texts.count, start + batchSize)])
            vectors += try await embedBatch(batch)
            start += batch.count
        }
        return vectors
    }

    private func embedBatch(_ texts: [String]) async throws -> [[Float]] {
        var request = HTTPClientRequest(url: baseURL.appendingPathComponent("v1").appendingPathComponent("embeddings").absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(RequestBody(model: model, input: texts))))
        let data: Data
        let status: UInt
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(Int64(timeout * 1_000)))
            status = response.status.code
            data = Data(try await response.body.collect(upTo: 64 << 20).readableBytesView)
        } catch {
            if Task.isCancelled || error is CancellationError { throw BulkheadError.cancelled }
            throw BulkheadError.unavailable("the embedding server could not be reached")
        }
        guard (200..<300).contains(status) else {
            throw BulkheadError.unavailable("the embedding server answered HTTP \(status)")
        }
        guard let body = try? JSONDecoder().decode(ResponseBody.self, from: data), body.data.count == texts.count else {
            throw BulkheadError.unavailable("the embedding server's answer was malformed")
        }
        var ordered = [[Float]?](repeating: nil, count: texts.count)
        for item in body.data {
            guard ordered.indices.contains(item.index), ordered[item.index] == nil, item.embedding.count == dimension else {
                throw BulkheadError.unavailable("the embedding server's answer was malformed")
            }
            ordered[item.index] = item.embedding
        }
        return ordered.map { $0! }
    }
}
