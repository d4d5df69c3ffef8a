import BulkheadCore
@testable import BulkheadModels
import Foundation
import Testing

/// The prompt rendering, the reply parsing and the price table.
@Suite struct PromptAndPricingTests {
    @Test func rendersEverySectionInOrder() {
        let text = PromptRenderer.user(ProviderFixtures.request)
        let order = ["## Schema", "## Examples", "## Notes", "## Conversation so far", "## Question"].map { text.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(text.contains("""
            CREATE TABLE "Track" (
              "TrackId" INTEGER PRIMARY KEY,
              "Name" NVARCHAR(200),
              "AlbumId" INTEGER REFERENCES "Album"("AlbumId")
            ); -- 3503 rows
            -- Track.Name sample values: 'For Those About To Rock'
            """))
        #expect(text.contains("Question: How many albums?\nSQL: SELECT COUNT(*) FROM \"Album\""))
        #expect(text.contains("- Tracks are songs."))
        #expect(text.contains("Question: List the albums\nSQL: SELECT * FROM \"Album\"\nAnswer: 347 rows"))
    }

    @Test func leavesEmptySectionsOut() {
        let request = ModelRequest(schema: SchemaContext(tables: []), question: "Q?")
        #expect(PromptRenderer.user(request) == "## Schema\n\n\n## Question\nQ?")
    }

    @Test func theSameRequestGivesTheSameBytes() throws {
        let request = ProviderFixtures.request
        let anthropic = AnthropicProvider(model: "claude-haiku-4-5", apiKey: APIKey("k"))
        let openAI = OpenAICompatibleProvider(model: "gpt-4o", apiKey: nil)
        let offline = OfflineModel()
        #expect(try anthropic.requestBody(for: request) == anthropic.requestBody(for: request))
        #expect(try openAI.requestBody(for: request) == openAI.requestBody(for: request))
        #expect(try offline.requestBody(for: request) == offline.requestBody(for: request))
        #expect(!String(decoding: try offline.requestBody(for: request), as: UTF8.self).contains("\\/"))
    }

    @Test func readsSQLOutOfReplies() {
        let fenced = ReplyText.parse("Here you go:\n```sql\nSELECT 1\n```\nIt selects one.")
        #expect(fenced.sql == "SELECT 1")
        #expect(fenced.explanation == "Here you go:\n\nIt selects one.")
        #expect(!fenced.refused)
        #expect(ReplyText.parse("```\nSELECT 2\n```").sql == "SELECT 2")
        #expect(ReplyText.parse("select * from t;").sql == "select * from t;")
        #expect(ReplyText.parse("SELECT 1; DROP TABLE t").sql == nil, "two statements are not taken whole")
        let refusal = ReplyText.parse("I can't answer that from this schema.")
        #expect(refusal.sql == nil)
        #expect(refusal.refused)
    }

    @Test func pricesKnownModelsAndMarksUnknownOnes() {
        let usage = TokenUsage(inputTokens: 1_000_000, outputTokens: 100_000)
        #expect(ModelPricing.lookup(provider: "offline", model: "offline-planner-1").cost(usage) == 0)
        #expect(ModelPricing.lookup(provider: "anthropic", model: "claude-sonnet-4-5-20250929").cost(usage) == 3 + 1.5)
        #expect(ModelPricing.lookup(provider: "openai", model: "gpt-4o-mini").cost(usage) == 0.15 + 0.06)
        #expect(ModelPricing.lookup(provider: "openai", model: "gpt-4o-2024-08-06").inputPerMillion == 2.5)
        let local = ModelPricing.lookup(provider: "openai", model: "llama3.1:8b")
        #expect(!local.isKnown)
        #expect(local.cost(usage) == 0)
    }

    @Test func readsRetryAfterInBothForms() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RetryPolicy.retryAfter("7", now: now) == 7)
        #expect(RetryPolicy.retryAfter(nil, now: now) == nil)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let header = formatter.string(from: now.addingTimeInterval(30))
        #expect(RetryPolicy.retryAfter(header, now: now) == 30)
        #expect(RetryPolicy().backoff(afterAttempt: 1) == 0.5)
        #expect(RetryPolicy().backoff(afterAttempt: 10) == 8)
    }

    @Test func anAPIKeyNeverPrints() {
        let key = APIKey("sk-secret")
        #expect("\(key)" == "<redacted>")
        #expect(String(reflecting: key) == "<redacted>")
        var dumped = ""
        dump(key, to: &dumped)
        #expect(!dumped.contains("sk-secret"))
    }
}

/// Choosing a provider by name.
@Suite struct ModelCatalogTests {
    @Test func buildsEachProviderByName() throws {
        #expect(try ModelCatalog.provider(named: "offline").name == "offline")
        #expect(try ModelCatalog.provider(named: "anthropic", apiKey: APIKey("k")).model == "claude-sonnet-4-5")
        #expect(try ModelCatalog.provider(named: "openai", model: "llama3.1").model == "llama3.1")
        #expect(throws: BulkheadError.invalidInput("the anthropic provider needs an API key")) {
            try ModelCatalog.provider(named: "anthropic")
        }
        #expect(throws: BulkheadError.self) { try ModelCatalog.provider(named: "gemini") }
    }
}
