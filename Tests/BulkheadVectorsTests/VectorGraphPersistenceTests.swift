import BulkheadCore
@testable import BulkheadStore
@testable import BulkheadVectors
import Foundation
import GRDB
import Testing
import BulkheadTestBackends

/// A large collection's graph is saved in its org's file and read back on open instead of rebuilt.
@Suite struct VectorGraphPersistenceTests {
    static let dimension = 24
    static let configuration = VectorStoreConfiguration(index: VectorIndexConfiguration(hnswThreshold: 300))

    static func items(_ range: Range<Int>, seed: UInt64 = 7) -> [VectorItem] {
        var generator = VectorGenerator(seed: seed, dimension: dimension, centers: 24)
        var items: [VectorItem] = []
        for index in 0..<range.upperBound {
            let vector = generator.point(spread: 1.0)
            if index >= range.lowerBound {
                items.append(VectorItem(id: "v\(index)", text: "item \(index)", metadata: ["parity": "\(index % 2)"], vector: vector))
            }
        }
        return items
    }

    static func queries() -> [[Float]] {
        var generator = VectorGenerator(seed: 1_234, dimension: dimension, centers: 24)
        return (0..<20).map { _ in generator.point(spread: 1.0) }
    }

    static func answers(_ store: VectorStore, _ fixture: VectorFixture) async throws -> [[String]] {
        var all: [[String]] = []
        for query in queries() {
            all.append(try await store.search(fixture.acmeUser, collection: "big", query: .vector(query), k: 10).map(\.id))
        }
        return all
    }

    /// A store over the fixture with Acme's collection "big" holding the first `rows` items.
    static func seeded(_ fixture: VectorFixture, rows: Int) async throws -> VectorStore {
        let store = fixture.store(configuration)
        try store.createCollection(fixture.acmeUser, name: "big", embedder: VectorStore.noEmbedder, dimension: dimension)
        try await store.add(fixture.acmeUser, collection: "big", items: items(0..<rows))
        return store
    }

    static func savedNodes(_ fixture: VectorFixture) throws -> Int? {
        try fixture.savedNodes("big")
    }

    @Test(arguments: TestBackend.allCases)
    func aReopenedCollectionReadsItsGraphBackAndAnswersTheSame(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        let first = try await Self.seeded(fixture, rows: 1_500)
        #expect(try Self.savedNodes(fixture) == 1_500)
        let before = try await Self.answers(first, fixture)

        let reopened = fixture.store(Self.configuration)
        let after = try await Self.answers(reopened, fixture)
        #expect(after == before)
        #expect(reopened.cacheStatistics.graphsRestored == 1)
        #expect(reopened.cacheStatistics.graphsBuilt == 0)
        // Globex has no such collection, saved graph or not.
        await #expect(throws: BulkheadError.notFound(kind: "collection", name: "big")) {
            try await reopened.search(fixture.globexUser, collection: "big", query: .vector(Self.queries()[0]))
        }
    }

    @Test(arguments: TestBackend.allCases)
    func rowsDeletedOrAddedAfterTheSaveAreHandledOnOpen(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        let first = try await Self.seeded(fixture, rows: 1_500)
        // Fewer than the re-save threshold: the saved graph goes stale on purpose.
        let deleted = (0..<200).map { "v\($0 * 7)" }
        #expect(try first.delete(fixture.acmeUser, collection: "big", ids: deleted) == 200)
        try await first.add(fixture.acmeUser, collection: "big", items: Self.items(1_500..<1_800))
        // One row replaced in place: same id, new vector, and likely the same rowid.
        var replaced = Self.items(1_799..<1_800)[0]
        replaced = VectorItem(id: replaced.id, text: "replaced", metadata: replaced.metadata, vector: Self.items(0..<1, seed: 99)[0].vector)
        try await first.add(fixture.acmeUser, collection: "big", items: [replaced])
        #expect(try Self.savedNodes(fixture) == 1_500)
        let before = try await Self.answers(first, fixture)

        let reopened = fixture.store(Self.configuration)
        #expect(try reopened.collection(fixture.acmeUser, name: "big").count == 1_600)
        #expect(reopened.cacheStatistics.graphsRestored == 1)
        let after = try await Self.answers(reopened, fixture)
        let gone = Set(deleted)
        for hits in after {
            #expect(hits.count == 10)
            #expect(gone.isDisjoint(with: hits), "a deleted row came back")
        }
        // Not byte-identical graphs (the reopened one has placeholders), but the same neighborhoods.
        let overlap = zip(before, after).map { Set($0).intersection($1).count }.reduce(0, +)
        #expect(Double(overlap) / Double(before.count * 10) >= 0.9)
        let record = try #require(try reopened.get(fixture.acmeUser, collection: "big", ids: ["v1799"]).first)
        #expect(record.text == "replaced")
        let nearest = try await reopened.search(fixture.acmeUser, collection: "big", query: .vector(record.vector), k: 1)
        #expect(nearest.map(\.id) == ["v1799"])
    }

    @Test(arguments: TestBackend.allCases)
    func aDamagedSavedGraphIsRebuiltNotTrusted(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        let first = try await Self.seeded(fixture, rows: 1_000)
        let before = try await Self.answers(first, fixture)
        try fixture.damageGraph("big")
        let reopened = fixture.store(Self.configuration)
        let after = try await Self.answers(reopened, fixture)
        #expect(reopened.cacheStatistics.graphsRestored == 0)
        #expect(reopened.cacheStatistics.graphsBuilt == 1)
        #expect(after == before, "the rebuilt graph is the same graph: same rows, same order, same seed")
        // The rebuild saved a good graph again.
        let third = fixture.store(Self.configuration)
        _ = try await Self.answers(third, fixture)
        #expect(third.cacheStatistics.graphsRestored == 1)
    }

    @Test(arguments: TestBackend.allCases)
    func droppingACollectionDropsItsGraph(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        let store = try await Self.seeded(fixture, rows: 400)
        #expect(try Self.savedNodes(fixture) == 400)
        try store.deleteCollection(fixture.acmeUser, name: "big")
        #expect(try Self.savedNodes(fixture) == nil)
    }
}
