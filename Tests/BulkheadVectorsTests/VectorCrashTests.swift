import BulkheadCore
@testable import BulkheadStore
@testable import BulkheadVectors
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A process killed in the middle of an `add` leaves no partial batch behind.
///
/// The test runs this same test binary again as a child (filtered to this suite, with an
/// environment variable that makes it the ingesting side). The child adds one big batch; the
/// parent waits until the uncommitted transaction has spilled megabytes into the WAL file, so the
/// kill lands between the first insert and the commit, then SIGKILLs the child and reopens the
/// workspace with a new store.
@Suite struct VectorCrashTests {
    static let homeVariable = "BULKHEAD_VECTORS_CRASH_HOME"
    static let batch = 40_000
    static let dimension = 384

    @Test func aProcessKilledMidIngestLeavesNoPartialVectors() async throws {
        if let home = ProcessInfo.processInfo.environment[Self.homeVariable] {
            try await Self.ingestUntilKilled(home: URL(fileURLWithPath: home))
            return
        }
        let fixture = try VectorFixture()
        let store = fixture.store()
        try store.createCollection(fixture.acmeUser, name: "bulk", embedder: VectorStore.noEmbedder, dimension: Self.dimension)
        try await store.add(fixture.acmeUser, collection: "bulk", items: (0..<10).map { Self.item($0) })

        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        child.arguments = Self.childArguments()
        var environment = ProcessInfo.processInfo.environment
        environment[Self.homeVariable] = fixture.home.path
        child.environment = environment
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()

        let wal = fixture.workspace.tenantDatabaseURL(for: fixture.acme).path + "-wal"
        let deadline = Date().addingTimeInterval(300)
        var spilled = 0
        while child.isRunning, Date() < deadline {
            spilled = ((try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? Int) ?? 0
            if spilled > 12 << 20 { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        let wasRunning = child.isRunning
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(wasRunning, "the child must still be running when killed")
        #expect(child.terminationReason == .uncaughtSignal)

        // A restarted process sees all of the batch or none of it, never a part. (On a loaded
        // machine the child can commit before the WAL check catches it.) The reopened store keeps
        // an exact index: this test is about what was committed, not about the graph.
        let reopened = fixture.store(VectorStoreConfiguration(index: VectorIndexConfiguration(hnswThreshold: Int.max)))
        let info = try reopened.collection(fixture.acmeUser, name: "bulk")
        let rows = try fixture.tenants.database(for: fixture.acmeUser).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vector_items") ?? -1
        }
        #expect(rows == info.count)
        #expect([10, 10 + Self.batch].contains(info.count), "a partial batch survived: \(info.count) items")
        let probe = try reopened.get(fixture.acmeUser, collection: "bulk", ids: ["item-10", "item-\(Self.batch)"])
        #expect(probe.count == (info.count == 10 ? 0 : 2))
        if info.count == 10 {
            #expect(spilled > 12 << 20, "the transaction had written \(spilled) bytes to the WAL")
        }
    }

    /// The arguments that make the test binary run only this suite.
    static func childArguments() -> [String] {
        ["--testing-library", "swift-testing", "--filter", "VectorCrashTests"]
    }

    static func item(_ index: Int) -> VectorItem {
        var vector = [Float](repeating: 0.01, count: dimension)
        vector[index % dimension] = 1
        vector[(index / dimension) % dimension] += 0.5
        return VectorItem(id: "item-\(index)", text: "bulk item \(index)", metadata: ["batch": "big"], vector: vector)
    }

    /// The child's side: one big `add` that the parent kills before it commits.
    static func ingestUntilKilled(home: URL) async throws {
        let fixture = try VectorFixture(home: home, create: false)
        let store = fixture.store()
        let items = (10..<(10 + batch)).map { item($0) }
        try await store.add(fixture.acmeUser, collection: "bulk", items: items)
        // Reaching here means the batch committed before the parent killed us; the parent accepts all-or-none.
        while true { try await Task.sleep(for: .seconds(60)) }
    }
}
