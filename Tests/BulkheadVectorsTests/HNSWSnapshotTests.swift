@testable import BulkheadVectors
import Foundation
import Testing

/// A graph's links saved and read back: the same answers, and nothing trusted that does not check out.
@Suite struct HNSWSnapshotTests {
    static let dimension = 24

    /// The float rows and their byte copies, as a collection keeps them.
    struct Rows {
        var vectors: [Float] = []
        var codes = QuantizedRows(dimension: HNSWSnapshotTests.dimension)

        mutating func append(_ vector: [Float]) {
            vectors += vector
            vector.withUnsafeBufferPointer { _ = codes.append($0.baseAddress!) }
        }

        /// Inserts the last row into `graph`.
        func insertLast(into graph: inout HNSWIndex) {
            codes.withView { view in
                vectors.withUnsafeBufferPointer { graph.insert(Int32(codes.count - 1), vectors: $0.baseAddress!, codes: view) }
            }
        }

        func search(_ graph: inout HNSWIndex, _ query: [Float]) -> [(row: Int32, score: Float)] {
            codes.withView { view in
                query.withUnsafeBufferPointer { q in
                    vectors.withUnsafeBufferPointer { graph.search(q.baseAddress!, k: 10, vectors: $0.baseAddress!, codes: view) }
                }
            }
        }
    }

    /// A graph over `count` clustered rows, and the rows.
    static func makeGraph(count: Int, parameters: HNSWParameters = HNSWParameters()) -> (HNSWIndex, Rows) {
        var generator = VectorGenerator(seed: 11, dimension: dimension, centers: 32)
        var rows = Rows()
        var graph = HNSWIndex(dimension: dimension, parameters: parameters)
        for _ in 0..<count {
            rows.append(generator.point(spread: 1.0))
            rows.insertLast(into: &graph)
        }
        return (graph, rows)
    }

    static func restore(_ data: Data, count: Int, parameters: HNSWParameters = HNSWParameters()) -> HNSWIndex? {
        HNSWIndex.restore(data, dimension: dimension, parameters: parameters, count: count)
    }

    /// Replaces the trailing checksum so that only the structural checks can catch a change.
    static func resealed(_ data: Data) -> Data {
        var body = data.prefix(data.count - 8)
        withUnsafeBytes(of: FNV1a.hash(body).littleEndian) { body.append(contentsOf: $0) }
        return Data(body)
    }

    @Test func aRestoredGraphAnswersExactlyLikeTheOriginal() throws {
        var (graph, rows) = Self.makeGraph(count: 1_200)
        var restored = try #require(Self.restore(graph.snapshot(), count: 1_200))
        #expect(restored.count == graph.count)
        var generator = VectorGenerator(seed: 99, dimension: Self.dimension, centers: 32)
        for _ in 0..<25 {
            let query = generator.point(spread: 1.0)
            let before = rows.search(&graph, query)
            let after = rows.search(&restored, query)
            #expect(before.map(\.row) == after.map(\.row))
            #expect(before.map(\.score) == after.map(\.score))
        }
        // The level draw goes on where it stopped: the next insert makes the same graph in both.
        rows.append(generator.point(spread: 1.0))
        rows.insertLast(into: &graph)
        rows.insertLast(into: &restored)
        #expect(graph.snapshot() == restored.snapshot())
    }

    @Test func damagedOrForeignSnapshotsAreRefused() {
        let (graph, _) = Self.makeGraph(count: 400)
        let good = graph.snapshot()
        #expect(Self.restore(good, count: 400) != nil)

        var flipped = good
        flipped[flipped.count / 2] ^= 0x40
        #expect(Self.restore(flipped, count: 400) == nil, "a flipped bit passes the checksum")
        #expect(Self.restore(good.prefix(good.count - 1), count: 400) == nil)
        #expect(Self.restore(Data(), count: 400) == nil)
        #expect(Self.restore(good, count: 399) == nil, "a graph of another size was accepted")
        #expect(Self.restore(good, count: 400, parameters: HNSWParameters(m: 8)) == nil)

        // Valid checksum, but a link that points past the last node: the walk would read out of bounds.
        let header = 4 * 4 + 8 + 8 + 4 + 4 + 4 + 4
        var outOfRange = good
        let firstLink = header + 400 + 4 // node 0's first layer-0 link, after its count
        outOfRange.replaceSubrange(firstLink..<(firstLink + 4), with: withUnsafeBytes(of: Int32(400).littleEndian) { Data($0) })
        #expect(Self.restore(Self.resealed(outOfRange), count: 400) == nil)

        // Valid checksum, but a link count larger than the block.
        var overfull = good
        overfull.replaceSubrange((header + 400)..<(header + 404), with: withUnsafeBytes(of: Int32(1_000).littleEndian) { Data($0) })
        #expect(Self.restore(Self.resealed(overfull), count: 400) == nil)
    }
}
