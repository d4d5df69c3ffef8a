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

    @Test(arguments: TestBackend.allCases)
    func versionsReadAheadStillSeeWhatAnotherServerChanged(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        let store = fixture.store(), acme = fixture.acmeUser
        let (other, close) = try fixture.secondServer()
        defer { close() }
        try store.createCollection(acme, name: "notes", embedder: HashingEmbedder())
        try await store.add(acme, collection: "notes", items: [VectorItem(id: "old", text: "old text")])
        #expect(try await store.search(acme, collection: "notes", query: .text("old")).map(\.id) == ["old"])
        // The second server changes the rows before the versions are read ahead: the first one reloads.
        try other.delete(acme, collection: "notes", ids: ["old"])
        try await other.add(acme, collection: "notes", items: [VectorItem(id: "new", text: "old text too")])
        let hits = try await store.withVersions(acme, collections: ["notes", "examples"]) {
            try await store.search(acme, collection: "notes", query: .text("old"))
        }
        #expect(hits.map(\.id) == ["new"])
        #expect(store.cacheStatistics.loads == 2)
        // A version read ahead serves one use: a change made after it is seen by the next use.
        let (first, second) = try await store.withVersions(acme, collections: ["notes"]) {
            let first = try await store.search(acme, collection: "notes", query: .text("old")).map(\.id)
            try other.delete(acme, collection: "notes", ids: ["new"])
            return (first, try await store.search(acme, collection: "notes", query: .text("old")).map(\.id))
        }
        #expect(first == ["new"])
        #expect(second == [])
        // A collection missing when read ahead answers as missing; the versions are the caller's org's only.
        await #expect(throws: BulkheadError.self) {
            try await store.withVersions(acme, collections: ["examples"]) {
                try await store.search(acme, collection: "examples", query: .text("old"))
            }
        }
        try store.createCollection(fixture.globexUser, name: "notes", embedder: HashingEmbedder())
        let globexHits = try await store.withVersions(acme, collections: ["notes"]) {
            try await store.search(fixture.globexUser, collection: "notes", query: .text("old"))
        }
        #expect(globexHits.isEmpty)
    }
}
