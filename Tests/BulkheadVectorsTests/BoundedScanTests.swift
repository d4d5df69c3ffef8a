@testable import BulkheadVectors
import Testing

/// The bounded byte scan is exact: the same rows and scores as a float scan of every row.
@Suite struct BoundedScanTests {
    /// The float top k by brute force, best first.
    static func bruteForce(_ vectors: [Float], dimension: Int, alive: (Int) -> Bool, query: [Float], k: Int) -> [(row: Int32, score: Float)] {
        let rows = vectors.count / dimension
        var scored: [(row: Int32, score: Float)] = []
        for row in 0..<rows where alive(row) {
            let score = vectors.withUnsafeBufferPointer { buffer in
                query.withUnsafeBufferPointer { VectorMath.dot($0.baseAddress!, buffer.baseAddress! + row * dimension, count: dimension) }
            }
            scored.append((Int32(row), score))
        }
        return Array(scored.sorted { $0.score > $1.score }.prefix(k))
    }

    /// Exact answers may order tied rows either way: the scores must match one for one, and each
    /// row must carry its own score.
    static func expectSame(_ found: [(row: Int32, score: Float)], _ expected: [(row: Int32, score: Float)],
                           all: [(row: Int32, score: Float)]) {
        #expect(found.map(\.score) == expected.map(\.score))
        #expect(Set(found.map(\.row)).count == found.count)
        let truth = Dictionary(all.map { ($0.row, $0.score) }, uniquingKeysWith: { first, _ in first })
        #expect(found.allSatisfy { truth[$0.row] == $0.score })
    }

    @Test func theBoundedScanReturnsExactlyTheFloatTopK() {
        let dimension = 48
        var generator = VectorGenerator(seed: 77, dimension: dimension, centers: 40)
        var index = CollectionIndex(dimension: dimension, configuration: VectorIndexConfiguration(hnswThreshold: Int.max))
        var vectors: [Float] = []
        for row in 0..<6_000 {
            var vector = generator.point(spread: 1.0)
            if row % 1_000 == 999 {
                // Outliers: all weight on one coordinate, far beyond the calibrated scale, so
                // their codes saturate and only their bound keeps them findable.
                vector = [Float](repeating: 0, count: dimension)
                vector[row / 1_000] = 1
            }
            vectors += vector
            index.upsert(id: "r\(row)", text: "", metadata: [:], vector: vector)
        }
        for row in stride(from: 0, to: 6_000, by: 7) { _ = index.remove(id: "r\(row)") }
        var queries = (0..<40).map { _ in generator.point(spread: 1.0) }
        for axis in 0..<5 {
            var query = [Float](repeating: 0, count: dimension)
            query[axis] = 1
            queries.append(query)
        }
        for query in queries {
            for k in [1, 10, 50] {
                let all = Self.bruteForce(vectors, dimension: dimension, alive: { $0 % 7 != 0 }, query: query, k: 6_000)
                let found = query.withUnsafeBufferPointer { index.search($0.baseAddress!, k: k) }
                #expect(found.path == .exact)
                Self.expectSame(found.hits, Array(all.prefix(k)), all: all)
            }
        }
        // The bound rules nearly everything out: few rows needed a float score.
        #expect(index.lastBoundedSurvivors < 600, "\(index.lastBoundedSurvivors) of 6,000 rows were re-scored")
    }

    @Test func sparseTextVectorsAreFoundExactly() {
        let embedder = HashingEmbedder()
        var index = CollectionIndex(dimension: embedder.dimension, configuration: VectorIndexConfiguration(hnswThreshold: Int.max))
        var vectors: [Float] = []
        let words = ["invoice", "customer", "track", "album", "genre", "artist", "employee", "playlist", "media", "total"]
        for row in 0..<2_500 {
            let text = "table \(words[row % 10]) \(words[(row / 10) % 10]) column \(row) \(words[(row / 100) % 10])"
            let vector = embedder.vector(for: text)
            vectors += vector
            index.upsert(id: "t\(row)", text: text, metadata: [:], vector: vector)
        }
        for question in ["which customer has the largest invoice total", "tracks by genre and album", "column 1234"] {
            let query = embedder.vector(for: question)
            let all = Self.bruteForce(vectors, dimension: embedder.dimension, alive: { _ in true }, query: query, k: 2_500)
            let found = query.withUnsafeBufferPointer { index.search($0.baseAddress!, k: 10) }
            Self.expectSame(found.hits, Array(all.prefix(10)), all: all)
        }
    }
}
