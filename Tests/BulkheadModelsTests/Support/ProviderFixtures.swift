import BulkheadCore
import BulkheadModels
import Foundation
import Synchronization

/// Shared pieces of the provider tests: a request, replies in each API's real format, and a
/// sleep that records the delays asked for instead of waiting.
enum ProviderFixtures {
    static let secret = "sk-test-DO-NOT-LEAK-4242"
    static let question = "How many tracks are there? ACME-CANARY-QUESTION"

    static var request: ModelRequest {
        ModelRequest(
            schema: SchemaContext(tables: [
                TableSchema(name: "Track", columns: [
                    ColumnSchema(name: "TrackId", type: "INTEGER", isPrimaryKey: true),
                    ColumnSchema(name: "Name", type: "NVARCHAR(200)"),
                    ColumnSchema(name: "AlbumId", type: "INTEGER", references: ColumnReference(table: "Album", column: "AlbumId")),
                ], sampleValues: ["Name": ["For Those About To Rock"]], rowCount: 3503),
            ]),
            examples: [ExampleContext(question: "How many albums?", sql: "SELECT COUNT(*) FROM \"Album\"")],
            notes: ["Tracks are songs."],
            history: [Turn(question: "List the albums", sql: "SELECT * FROM \"Album\"", summary: "347 rows")],
            question: question)
    }

    static let anthropicReply = """
        {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-sonnet-4-5",\
        "content":[{"type":"text","text":"```sql\\nSELECT COUNT(*) FROM \\"Track\\";\\n```\\nCounted the rows of Track."}],\
        "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":412,"output_tokens":31}}
        """

    static let anthropicRateLimited = """
        {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}
        """

    static let anthropicUnauthorized = """
        {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key sk-test-DO-NOT-LEAK-4242"}}
        """

    static let openAIReply = """
        {"id":"chatcmpl-123","object":"chat.completion","created":1677652288,"model":"gpt-4o-mini",\
        "choices":[{"index":0,"message":{"role":"assistant","content":"SELECT COUNT(*) FROM \\"Track\\""},"finish_reason":"stop"}],\
        "usage":{"prompt_tokens":380,"completion_tokens":12,"total_tokens":392}}
        """

    static let openAIServerError = """
        {"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}
        """

    static let openAIUnauthorized = """
        {"error":{"message":"Incorrect API key provided: sk-test-DO-NOT-LEAK-4242.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}
        """
}

/// A sleep that records each delay and returns at once, so backoff tests do not wait.
final class SleepRecorder: Sendable {
    private let delays = Mutex<[Double]>([])
    var recorded: [Double] { delays.withLock { $0 } }

    func transport(_ policy: RetryPolicy = RetryPolicy()) -> HTTPTransport {
        HTTPTransport(policy: policy, clock: ManualClock(), sleep: { [self] seconds in
            self.delays.withLock { $0.append(seconds) }
        })
    }
}
