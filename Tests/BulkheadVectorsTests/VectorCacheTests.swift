import BulkheadCore
@testable import BulkheadStore
@testable import BulkheadVectors
import Testing
import BulkheadTestBackends

/// The in-memory cache: bounded, least recently used out, reloads from the right org's file.
@Suite struct VectorCacheTests {
    @Test(arguments: TestBackend.allCases)
    func underMemoryPressureTheCacheEvictsAndReloadsWithoutMixingOrgs(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        // A budget far below one collection: every switch of org evicts the other's index.
        let store = fixture.store(VectorStoreConfiguration(cacheBytes: 4_096))
        var generator = VectorGenerator(seed: 21, dimension: 32, centers: 4)
        let vectors = (0..<50).map { _ in generator.point() }
        for (user, org) in [(fixture.acmeUser, "acme"), (fixture.globexUser, "globex")] {
            try store.createCollection(user, name: "shared-name", embedder: VectorStore.noEmbedder, dimension: 32)
            // Identical vectors and texts in both orgs; only the ids and a tag tell them apart.
            try await store.add(user, collection: "shared-name", items: vectors.enumerated().map { index, vector in
                VectorItem(id: "\(org)-\(index)", text: "same text \(index)", metadata: ["owner": org], vector: vector)
            })
        }
        for round in 0..<6 {
            for (user, org) in [(fixture.acmeUser, "acme"), (fixture.globexUser, "globex")] {
                let hits = try await store.search(user, collection: "shared-name", query: .vector(vectors[round]), k: 5)
                #expect(hits.count == 5)
                #expect(hits.first?.id == "\(org)-\(round)")
                #expect(hits.allSatisfy { $0.id.hasPrefix("\(org)-") && $0.metadata["owner"] == org })
            }
        }
        let statistics = store.cacheStatistics
        #expect(statistics.evictions >= 10)
        #expect(statistics.loads >= 12)
        #expect(statistics.bytes <= 4_096)
    }

    @Test(arguments: TestBackend.allCases)
    func withinBudgetIndexesStayResidentPerOrg(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        let store = fixture.store()
        for user in [fixture.acmeUser, fixture.globexUser] {
            try store.createCollection(user, name: "notes", embedder: HashingEmbedder())
            try await store.add(user, collection: "notes", items: [VectorItem(id: "n1", text: "same words in both orgs")])
        }
        for _ in 0..<3 {
            for user in [fixture.acmeUser, fixture.globexUser] {
                _ = try await store.search(user, collection: "notes", query: .text("same words"))
            }
        }
        let statistics = store.cacheStatistics
        #expect(statistics.resident == 2)
        #expect(statistics.loads == 2)
        #expect(statistics.evictions == 0)
    }

    @Test(arguments: TestBackend.allCases)
    func aCollectionChangedByAnotherProcessIsReloadedRatherThanServedFromTheCache(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        let store = fixture.store()
        try store.createCollection(fixture.acmeUser, name: "notes", embedder: HashingEmbedder())
        try await store.add(fixture.acmeUser, collection: "notes", items: [VectorItem(id: "old", text: "old text")])
        _ = try await store.search(fixture.acmeUser, collection: "notes", query: .text("old"))
        // Another process (its own store and cache over the same files) deletes the item.
        try fixture.store().delete(fixture.acmeUser, collection: "notes", ids: ["old"])
        let hits = try await store.search(fixture.acmeUser, collection: "notes", query: .text("old"))
        #expect(hits.isEmpty)
        #expect(store.cacheStatistics.loads == 2)
        // Its own writes do not make it reload.
        try await store.add(fixture.acmeUser, collection: "notes", items: [VectorItem(id: "new", text: "new text")])
        #expect(try await store.search(fixture.acmeUser, collection: "notes", query: .text("new")).map(\.id) == ["new"])
        #expect(store.cacheStatistics.loads == 2)
    }
}
