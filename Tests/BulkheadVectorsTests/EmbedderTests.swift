@testable import BulkheadVectors
import Foundation
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

    /// Vectors stored before the feature hashing skipped its strings must still be found: the
    /// fast path gives the vectors of the plain definition (strings joined and sliced per feature,
    /// words split by `CharacterSet.alphanumerics`), for ASCII, accents, combining marks, CJK and emoji.
    @Test func theHashedFeaturesAreThoseOfThePlainDefinition() {
        let texts = ["Total sales by country in 2024", "Café Müller's naïve résumé", "e\u{301}te\u{301} à Zürich",
                     "東京の売上 per month", "rock 🎸 and roll ½ Ⅻ", "a", "x y", "O'Brien, AC/DC — no-show"]
        for dimension in [384, 64] {
            let embedder = HashingEmbedder(dimension: dimension)
            for text in texts {
                let fast = embedder.vector(for: text), plain = Self.plainVector(text, dimension: dimension)
                #expect(fast.count == plain.count)
                #expect(zip(fast, plain).allSatisfy { abs($0 - $1) < 1e-6 }, "\(text)")
            }
        }
    }

    /// The embedder's definition written plainly, as it was first implemented.
    private static func plainVector(_ text: String, dimension: Int) -> [Float] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        var counts: [UInt64: (weight: Float, count: Int)] = [:]
        func add(_ feature: UInt64, _ weight: Float) { counts[feature, default: (weight, 0)].count += 1 }
        for (index, word) in words.enumerated() {
            add(FNV1a.hash(word.utf8, seed: FNV1a.hash("u:".utf8)), 1.0)
            if index + 1 < words.count {
                add(FNV1a.hash(Array(word.utf8) + [0x20] + Array(words[index + 1].utf8), seed: FNV1a.hash("b:".utf8)), 0.8)
            }
            let padded = Array((" " + word + " ").unicodeScalars)
            for start in 0...(padded.count - 3) {
                let piece = String(String.UnicodeScalarView(padded[start..<(start + 3)]))
                add(FNV1a.hash(piece.utf8, seed: FNV1a.hash("c:".utf8)), 0.5)
            }
        }
        var vector = [Float](repeating: 0, count: dimension)
        for (feature, entry) in counts {
            vector[Int(feature % UInt64(dimension))] += ((feature >> 63) == 0 ? 1 : -1) * entry.weight * (1 + Float(log(Double(entry.count))))
        }
        let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }
}
