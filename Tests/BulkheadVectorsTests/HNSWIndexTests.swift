@testable import BulkheadVectors
import Testing

/// The indexes on their own: HNSW recall against exact search, filters inside the walk, deletes.
@Suite struct HNSWIndexTests {
    static func makeIndexes(count: Int, dimension: Int, seed: UInt64, buckets: Int = 4)
        -> (exact: CollectionIndex, graph: CollectionIndex, generator: VectorGenerator) {
        var generator = VectorGenerator(seed: seed, dimension: dimension, centers: 64)
        var exact = CollectionIndex(dimension: dimension, configuration: VectorIndexConfiguration(hnswThreshold: Int.max))
        // The graph is built incrementally from the first row, at the default parameters.
        var graph = CollectionIndex(dimension: dimension, configuration: VectorIndexConfiguration(hnswThreshold: 1, filterExactMinimum: 0,
                                                                                                filterExactFraction: 0))
        for row in 0..<count {
            let vector = generator.point(spread: 1.0)
            let metadata = ["bucket": "\(row % buckets)"]
            exact.upsert(id: "r\(row)", text: "", metadata: metadata, vector: vector)
            graph.upsert(id: "r\(row)", text: "", metadata: metadata, vector: vector)
        }
        return (exact, graph, generator)
    }

    static func ids(_ index: CollectionIndex, _ hits: [(row: Int32, score: Float)]) -> [String] {
        hits.map { index.row($0.row).id }
    }

    @Test func hnswRecallAgainstExactIsAtLeast95PercentAtDefaults() {
        var (exact, graph, generator) = Self.makeIndexes(count: 2_000, dimension: 32, seed: 42)
        #expect(graph.usesHNSW)
        #expect(!exact.usesHNSW)
        var found = 0
        let queries = 100
        for _ in 0..<queries {
            let query = generator.point(spread: 1.0)
            let truth = query.withUnsafeBufferPointer { exact.search($0.baseAddress!, k: 10) }
            let approximate = query.withUnsafeBufferPointer { graph.search($0.baseAddress!, k: 10) }
            #expect(truth.path == .exact)
            #expect(approximate.path == .hnsw)
            found += Set(Self.ids(exact, truth.hits)).intersection(Self.ids(graph, approximate.hits)).count
        }
        let recall = Double(found) / Double(queries * 10)
        #expect(recall >= 0.95, "recall@10 was \(recall)")
    }

    @Test func filteredGraphWalkReturnsKMatchingRows() {
        var (exact, graph, generator) = Self.makeIndexes(count: 1_000, dimension: 32, seed: 3, buckets: 10)
        for _ in 0..<20 {
            let query = generator.point()
            let walked = query.withUnsafeBufferPointer { graph.search($0.baseAddress!, k: 10, filter: ["bucket": "7"]) }
            let scanned = query.withUnsafeBufferPointer { exact.search($0.baseAddress!, k: 10, filter: ["bucket": "7"]) }
            #expect(walked.path == .hnsw)
            #expect(scanned.path == .exactFiltered)
            #expect(walked.hits.count == 10)
            #expect(Self.ids(graph, walked.hits).allSatisfy { Int($0.dropFirst())! % 10 == 7 })
            #expect(Set(Self.ids(graph, walked.hits)).intersection(Self.ids(exact, scanned.hits)).count >= 8)
        }
    }

    @Test func selectiveFiltersFallBackToAnExactScanOfTheMatchingRows() {
        var index = CollectionIndex(dimension: 8, configuration: VectorIndexConfiguration(hnswThreshold: 1))
        var generator = VectorGenerator(seed: 5, dimension: 8, centers: 4)
        for row in 0..<500 {
            index.upsert(id: "\(row)", text: "", metadata: ["rare": row % 100 == 0 ? "yes" : "no"], vector: generator.point())
        }
        let query = generator.point()
        let result = query.withUnsafeBufferPointer { index.search($0.baseAddress!, k: 10, filter: ["rare": "yes"]) }
        #expect(result.path == .exactFiltered)
        #expect(Set(result.hits.map { index.row($0.row).id }) == ["0", "100", "200", "300", "400"])
    }

    @Test func removedRowsAreNeverReturnedAndCompactionKeepsTheRest() {
        var (_, graph, generator) = Self.makeIndexes(count: 1_500, dimension: 16, seed: 9)
        var removed = 0
        for row in 0..<1_100 where graph.remove(id: "r\(row)") { removed += 1 }
        #expect(removed == 1_100)
        #expect(graph.count == 400)
        let again = graph.remove(id: "r0")
        #expect(!again)
        for _ in 0..<10 {
            let query = generator.point()
            let result = query.withUnsafeBufferPointer { graph.search($0.baseAddress!, k: 10) }
            #expect(result.hits.count == 10)
            #expect(result.hits.allSatisfy { Int(graph.row($0.row).id.dropFirst())! >= 1_100 })
        }
    }

    @Test func exactSearchIsExactAndOrdered() {
        var index = CollectionIndex(dimension: 40)
        var generator = VectorGenerator(seed: 1, dimension: 40, centers: 3)
        var stored: [[Float]] = []
        for row in 0..<300 {
            let vector = generator.point()
            stored.append(vector)
            index.upsert(id: "\(row)", text: "", metadata: [:], vector: vector)
        }
        let query = generator.point()
        let expected = stored.indices.map { row in (row, zip(stored[row], query).reduce(Float(0)) { $0 + $1.0 * $1.1 }) }
            .sorted { $0.1 > $1.1 }.prefix(7).map { "\($0.0)" }
        let result = query.withUnsafeBufferPointer { index.search($0.baseAddress!, k: 7) }
        #expect(result.hits.map { index.row($0.row).id } == expected)
    }

    @Test func aScanSplitAcrossThreadsFindsWhatOneThreadFinds() {
        var single = CollectionIndex(dimension: 24, configuration: VectorIndexConfiguration(hnswThreshold: Int.max, scanThreads: 1))
        var split = CollectionIndex(dimension: 24, configuration: VectorIndexConfiguration(hnswThreshold: Int.max, scanThreads: 3,
                                                                                          parallelScanMinimum: 100))
        var generator = VectorGenerator(seed: 17, dimension: 24, centers: 6)
        for row in 0..<1_001 {
            let vector = generator.point()
            single.upsert(id: "\(row)", text: "", metadata: [:], vector: vector)
            split.upsert(id: "\(row)", text: "", metadata: [:], vector: vector)
        }
        for row in stride(from: 0, to: 1_001, by: 7) {
            _ = single.remove(id: "\(row)")
            _ = split.remove(id: "\(row)")
        }
        for _ in 0..<10 {
            let query = generator.point()
            let one = query.withUnsafeBufferPointer { single.search($0.baseAddress!, k: 15) }
            let many = query.withUnsafeBufferPointer { split.search($0.baseAddress!, k: 15) }
            #expect(one.hits.map(\.row) == many.hits.map(\.row))
            #expect(many.hits.count == 15)
            #expect(many.hits.allSatisfy { Int(split.row($0.row).id)! % 7 != 0 })
        }
    }
}
