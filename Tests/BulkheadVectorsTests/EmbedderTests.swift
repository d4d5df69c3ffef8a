@testable import BulkheadVectors
import Testing

/// The built-in hashing embedder: deterministic, normalized, and close for related texts.
@Suite struct EmbedderTests {
    @Test func fnv1aMatchesTheReferenceValues() {
        #expect(FNV1a.hash([UInt8]()) == 0xCBF2_9CE4_8422_2325)
        #expect(FNV1a.hash("a".utf8) == 0xAF63_DC4C_8601_EC8C)
        #expect(FNV1a.hash("foobar".utf8) == 0x8594_4171_F739_67E8)
    }

    @Test func vectorsAreDeterministicNormalizedAnd384Long() async throws {
        let embedder = HashingEmbedder()
        #expect(embedder.name == "hashing-384")
        let texts = ["Total sales by country", "total SALES by country!", "tracks longer than five minutes"]
        let first = try await embedder.embed(texts)
        let second = try await HashingEmbedder().embed(texts)
        #expect(first == second)
        for vector in first {
            #expect(vector.count == 384)
            let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }
            #expect(abs(norm - 1) < 1e-4)
        }
        // Case and punctuation do not matter; a related text is closer than an unrelated one.
        #expect(first[0] == first[1])
        let related = HashingEmbedder().vector(for: "sales per country in 2024")
        let unrelated = HashingEmbedder().vector(for: "tracks longer than five minutes")
        let dot = { (a: [Float], b: [Float]) in zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 } }
        #expect(dot(first[0], related) > dot(first[0], unrelated) + 0.2)
        // Word pieces count: a plural is still close to its singular.
        #expect(dot(HashingEmbedder().vector(for: "invoice"), HashingEmbedder().vector(for: "invoices")) > 0.4)
    }

    @Test func theSameTextGivesTheSameVectorInAFreshEmbedderAndADifferentDimensionDiffers() {
        let a = HashingEmbedder(dimension: 64).vector(for: "customers")
        let b = HashingEmbedder(dimension: 64).vector(for: "customers")
        #expect(a == b)
        #expect(a.count == 64)
        #expect(HashingEmbedder().vector(for: "").allSatisfy { $0 == 0 })
    }
}
