import BulkheadCore
@testable import BulkheadStore
@testable import BulkheadVectors
import Foundation
import Testing
import BulkheadTestBackends

/// The store's contract within one org: persistence, dimensions, filters, deletes.
@Suite struct VectorStoreTests {
    @Test(arguments: TestBackend.allCases)
    func dataSurvivesAReopen(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        do {
            let store = fixture.store()
            try store.createCollection(fixture.acmeUser, name: "schema", embedder: HashingEmbedder())
            try await store.add(fixture.acmeUser, collection: "schema", items: [
                VectorItem(id: "t-invoices", text: "table invoices: invoice id, customer id, total", metadata: ["kind": "table", "source": "chinook"]),
                VectorItem(id: "t-tracks", text: "table tracks: track id, name, album, genre, milliseconds", metadata: ["kind": "table", "source": "chinook"]),
            ])
        }
        // A new store over the same workspace: a restarted process.
        let reopened = fixture.store()
        let hits = try await reopened.search(fixture.acmeUser, collection: "schema", query: .text("which genre has the longest tracks"), k: 1)
        #expect(hits.map(\.id) == ["t-tracks"])
        #expect(hits.first?.metadata == ["kind": "table", "source": "chinook"])
        let info = try reopened.collection(fixture.acmeUser, name: "schema")
        #expect(info == VectorCollectionInfo(name: "schema", embedder: "hashing-384", dimension: 384, count: 2))
        let record = try #require(try reopened.get(fixture.acmeUser, collection: "schema", ids: ["t-invoices"]).first)
        let expected = HashingEmbedder().vector(for: "table invoices: invoice id, customer id, total")
        #expect(record.vector.count == expected.count)
        #expect(zip(record.vector, expected).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(reopened.cacheStatistics.loads == 1)
    }

    @Test(arguments: TestBackend.allCases)
    func aVectorOfAnotherDimensionIsRefused(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        let store = fixture.store()
        try store.createCollection(fixture.acmeUser, name: "raw", embedder: VectorStore.noEmbedder, dimension: 4)
        try await store.add(fixture.acmeUser, collection: "raw", items: [VectorItem(id: "a", text: "a", vector: [1, 0, 0, 0])])
        await #expect(throws: BulkheadError.invalidInput("an item's vector has 3 dimensions; the collection takes 4")) {
            try await store.add(fixture.acmeUser, collection: "raw", items: [
                VectorItem(id: "b", text: "b", vector: [0, 1, 0, 0]),
                VectorItem(id: "c", text: "c", vector: [0, 1, 0]),
            ])
        }
        await #expect(throws: BulkheadError.invalidInput("the query vector has 5 dimensions; the collection takes 4")) {
            try await store.search(fixture.acmeUser, collection: "raw", query: .vector([1, 0, 0, 0, 0]))
        }
        await #expect(throws: BulkheadError.invalidInput("an item's vector is all zeros or not finite")) {
            try await store.add(fixture.acmeUser, collection: "raw", items: [VectorItem(id: "z", text: "z", vector: [0, 0, 0, 0])])
        }
        await #expect(throws: BulkheadError.invalidInput("this collection takes vectors, not texts")) {
            try await store.search(fixture.acmeUser, collection: "raw", query: .text("a"))
        }
        // The refused batch left nothing behind, not even its valid first item.
        #expect(try store.collection(fixture.acmeUser, name: "raw").count == 1)
        #expect(try store.get(fixture.acmeUser, collection: "raw", ids: ["b"]).isEmpty)
        #expect(try fixture.store().collection(fixture.acmeUser, name: "raw").count == 1)
    }

    @Test(arguments: TestBackend.allCases)
    func anEmbedderOfAnotherCollectionIsRefused(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        let store = fixture.store()
        try store.createCollection(fixture.acmeUser, name: "notes", embedder: HashingEmbedder())
        await #expect(throws: BulkheadError.invalidInput("this collection's vectors come from another embedder")) {
            try await store.add(fixture.acmeUser, collection: "notes", items: [VectorItem(id: "a", text: "a")],
                                embedder: HashingEmbedder(dimension: 64))
        }
        #expect(throws: BulkheadError.conflict("collection 'notes' already exists")) {
            try store.createCollection(fixture.acmeUser, name: "notes", embedder: HashingEmbedder(dimension: 64), ifMissing: true)
        }
        try store.createCollection(fixture.acmeUser, name: "notes", embedder: HashingEmbedder(), ifMissing: true)
    }

    @Test(arguments: TestBackend.allCases)
    func aFilteredSearchReturnsKWhenKMatch(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        let store = fixture.store()
        try store.createCollection(fixture.acmeUser, name: "examples", embedder: VectorStore.noEmbedder, dimension: 16)
        var generator = VectorGenerator(seed: 7, dimension: 16, centers: 4)
        // 500 items; only every 50th is from "rare" (10 of them), and they are not the nearest.
        let items = (0..<500).map { index in
            VectorItem(id: "e\(index)", text: "example \(index)", metadata: ["source": index % 50 == 0 ? "rare" : "common"],
                       vector: generator.point())
        }
        try await store.add(fixture.acmeUser, collection: "examples", items: items)
        let query = generator.point()
        let hits = try await store.search(fixture.acmeUser, collection: "examples", query: .vector(query), k: 10, filter: ["source": "rare"])
        #expect(hits.count == 10)
        #expect(Set(hits.map(\.id)) == Set(stride(from: 0, to: 500, by: 50).map { "e\($0)" }))
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score })
        let none = try await store.search(fixture.acmeUser, collection: "examples", query: .vector(query), k: 10, filter: ["source": "absent"])
        #expect(none.isEmpty)
        let both = try await store.search(fixture.acmeUser, collection: "examples", query: .vector(query), k: 3,
                                          filter: ["source": "rare", "missing-key": "x"])
        #expect(both.isEmpty)
    }

    @Test(arguments: TestBackend.allCases)
    func deletingBySourceRemovesExactlyItsVectors(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        let store = fixture.store()
        try store.createCollection(fixture.acmeUser, name: "schema", embedder: HashingEmbedder())
        try await store.add(fixture.acmeUser, collection: "schema", items: [
            VectorItem(id: "c1", text: "table albums", metadata: ["source": "chinook", "kind": "table"]),
            VectorItem(id: "c2", text: "column albums.title", metadata: ["source": "chinook", "kind": "column"]),
            VectorItem(id: "d1", text: "table orders", metadata: ["source": "demo", "kind": "table"]),
        ])
        #expect(try store.delete(fixture.acmeUser, collection: "schema", matching: ["source": "chinook"]) == 2)
        let hits = try await store.search(fixture.acmeUser, collection: "schema", query: .text("albums"), k: 10)
        #expect(hits.map(\.id) == ["d1"])
        #expect(try fixture.store().collection(fixture.acmeUser, name: "schema").count == 1)
        // Re-adding an id replaces it rather than duplicating it.
        try await store.add(fixture.acmeUser, collection: "schema", items: [VectorItem(id: "d1", text: "table orders v2")])
        #expect(try store.get(fixture.acmeUser, collection: "schema", ids: ["d1"]).first?.text == "table orders v2")
        #expect(try fixture.store().collection(fixture.acmeUser, name: "schema").count == 1)
        try store.deleteCollection(fixture.acmeUser, name: "schema")
        #expect(try store.collections(fixture.acmeUser).isEmpty)
    }

    @Test(arguments: TestBackend.allCases)
    func aFilteredSearchThroughTheStoreUsesTheGraphAndStillReturnsK(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        let configuration = VectorStoreConfiguration(index: VectorIndexConfiguration(
            hnswThreshold: 100, hnsw: HNSWParameters(m: 8, efConstruction: 40, efSearch: 16), filterExactMinimum: 0, filterExactFraction: 0.05))
        let store = fixture.store(configuration)
        try store.createCollection(fixture.acmeUser, name: "big", embedder: VectorStore.noEmbedder, dimension: 16)
        var generator = VectorGenerator(seed: 11, dimension: 16, centers: 8)
        let items = (0..<600).map { index in
            VectorItem(id: "v\(index)", text: "", metadata: ["bucket": "\(index % 5)"], vector: generator.point())
        }
        try await store.add(fixture.acmeUser, collection: "big", items: items)
        for bucket in 0..<5 {
            let hits = try await store.search(fixture.acmeUser, collection: "big", query: .vector(generator.point()), k: 25,
                                              filter: ["bucket": "\(bucket)"])
            #expect(hits.count == 25)
            #expect(hits.allSatisfy { $0.metadata["bucket"] == "\(bucket)" })
        }
        let key = CollectionKey(org: fixture.acme, collection: try CollectionName("big"))
        #expect(store.cache.handle(key).state.withLock { $0?.index.usesHNSW } == true)
    }
}
