import BulkheadCore
@testable import BulkheadStore
@testable import BulkheadVectors
import Foundation
import GRDB
import Testing
import BulkheadTestBackends

/// The tenant wall: an org's collections, names, ids and filters never reach another org.
@Suite struct VectorIsolationTests {
    @Test(arguments: TestBackend.allCases)
    func sameTextInBothOrgsSearchedAsAcmeReturnsOnlyAcmes(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        let store = fixture.store()
        for (user, tag) in [(fixture.acmeUser, "ACME-CANARY"), (fixture.globexUser, "GLOBEX-CANARY")] {
            try store.createCollection(user, name: "notes", embedder: HashingEmbedder())
            try await store.add(user, collection: "notes", items: [
                VectorItem(id: "shared", text: "quarterly revenue by region", metadata: ["org_tag": tag]),
                VectorItem(id: "\(tag)-only", text: "quarterly revenue by region \(tag)", metadata: ["org_tag": tag]),
            ])
        }
        let hits = try await store.search(fixture.acmeUser, collection: "notes", query: .text("quarterly revenue by region"), k: 10)
        #expect(hits.count == 2)
        #expect(hits.allSatisfy { $0.metadata["org_tag"] == "ACME-CANARY" })
        #expect(!hits.contains { $0.text.contains("GLOBEX") })
        #expect(hits.first?.id == "shared")
        // A filter naming Globex's tag or ids finds nothing from inside Acme.
        let filtered = try await store.search(fixture.acmeUser, collection: "notes", query: .text("revenue"), k: 10,
                                              filter: ["org_tag": "GLOBEX-CANARY"])
        #expect(filtered.isEmpty)
        #expect(try store.get(fixture.acmeUser, collection: "notes", ids: ["GLOBEX-CANARY-only"]).isEmpty)
        #expect(try store.delete(fixture.acmeUser, collection: "notes", ids: ["GLOBEX-CANARY-only"]) == 0)
        #expect(try store.get(fixture.globexUser, collection: "notes", ids: ["GLOBEX-CANARY-only"]).count == 1)
    }

    @Test(arguments: TestBackend.allCases)
    func anotherOrgsCollectionAnswersExactlyLikeAMissingOne(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        let store = fixture.store()
        try store.createCollection(fixture.globexUser, name: "globex-secrets", embedder: HashingEmbedder())
        try await store.add(fixture.globexUser, collection: "globex-secrets", items: [VectorItem(id: "a", text: "GLOBEX-CANARY plans")])

        func failure(_ name: String) async -> BulkheadError? {
            do {
                _ = try await store.search(fixture.acmeUser, collection: name, query: .text("plans"))
                return nil
            } catch { return error as? BulkheadError }
        }
        let theirs = await failure("globex-secrets")
        let missing = await failure("no-such-thing")
        #expect(theirs == .notFound(kind: "collection", name: "globex-secrets"))
        #expect(missing == .notFound(kind: "collection", name: "no-such-thing"))
        #expect(theirs?.message == "collection 'globex-secrets' not found")
        #expect(throws: BulkheadError.notFound(kind: "collection", name: "globex-secrets")) {
            try store.get(fixture.acmeUser, collection: "globex-secrets", ids: ["a"])
        }
        #expect(throws: BulkheadError.notFound(kind: "collection", name: "globex-secrets")) {
            try store.deleteCollection(fixture.acmeUser, name: "globex-secrets")
        }
        await #expect(throws: BulkheadError.notFound(kind: "collection", name: "globex-secrets")) {
            try await store.add(fixture.acmeUser, collection: "globex-secrets", items: [VectorItem(id: "b", text: "ACME writes")])
        }
        // Globex's collection is untouched by all of that.
        #expect(try store.collections(fixture.globexUser).map(\.count) == [1])
        #expect(try store.collections(fixture.acmeUser).isEmpty)
    }

    @Test(arguments: [
        "../org-globex/notes", "..", "a/b", "/etc/passwd", "notes'; DROP TABLE vector_items; --", "no\"tes",
        "nul\u{0}byte", "", "UPPER", "name with space", String(repeating: "x", count: 65), "tenants/org-globex.db",
    ])
    func malformedCollectionNamesAreRefused(name: String) async throws {
        let fixture = try VectorFixture()
        let store = fixture.store()
        let expected = BulkheadError.invalidInput("collection names use a-z, 0-9, '_' and '-', 1 to 64 characters")
        #expect(throws: expected) { try store.createCollection(fixture.acmeUser, name: name, embedder: HashingEmbedder()) }
        await #expect(throws: expected) { try await store.search(fixture.acmeUser, collection: name, query: .text("x")) }
        await #expect(throws: expected) { try await store.add(fixture.acmeUser, collection: name, items: [VectorItem(id: "1", text: "x")]) }
        #expect(try store.collections(fixture.acmeUser).isEmpty)
        #expect(try store.collections(fixture.globexUser).isEmpty)
    }

    @Test(arguments: TestBackend.allCases)
    func aNameEqualToAnotherOrgsIdStaysInsideAcme(_ backend: TestBackend) async throws {
        let fixture = try VectorFixture(backend)
        let store = fixture.store()
        try store.createCollection(fixture.globexUser, name: "notes", embedder: HashingEmbedder())
        try await store.add(fixture.globexUser, collection: "notes", items: [VectorItem(id: "g1", text: "GLOBEX-CANARY")])
        // Acme names a collection after Globex's org id: it is just a collection in Acme's file.
        try store.createCollection(fixture.acmeUser, name: fixture.globex.rawValue, embedder: HashingEmbedder())
        try await store.add(fixture.acmeUser, collection: fixture.globex.rawValue, items: [VectorItem(id: "a1", text: "ACME data")])
        let hits = try await store.search(fixture.acmeUser, collection: fixture.globex.rawValue, query: .text("GLOBEX-CANARY"))
        #expect(hits.map(\.id) == ["a1"])
        #expect(try store.collections(fixture.acmeUser).map(\.name) == [fixture.globex.rawValue])
        #expect(try store.collections(fixture.globexUser).map(\.name) == ["notes"])
        // The rows sit in Acme's own file, stamped with Acme's org id.
        #expect(try fixture.vectorRowOrgs(fixture.acme) == [fixture.acme.rawValue])
        // No file or folder named after the collection appeared anywhere in the workspace.
        let files = try FileManager.default.subpathsOfDirectory(atPath: fixture.home.path)
        #expect(!files.contains { $0.contains("notes") })
    }

    @Test(arguments: TestBackend.allCases)
    func theStoreRefusesARowOfAnotherOrg(_ backend: TestBackend) throws {
        let fixture = try VectorFixture(backend)
        #expect(fixture.plantForeignCollection() != nil, "a row stamped with another org must be refused below the vector store")
        #expect(try fixture.store().collections(fixture.acmeUser).isEmpty)
        #expect(try fixture.store().collections(fixture.globexUser).isEmpty)
    }
}
