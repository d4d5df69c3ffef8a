import BulkheadCore
import BulkheadStore
import BulkheadVectors
import Foundation
import GRDB

/// `bulkhead-bench vectors DATA_DIR --reopen`: what opening a large collection costs, through the
/// real store and a real tenant database.
///
/// It adds the first tenant's vectors to a collection of a throwaway workspace (in batches, as the
/// assistant would), which builds the graph and saves it; then a new store (a restarted process)
/// opens the collection with the saved graph, and once more after the saved graph is deleted,
/// which forces the rebuild an unsaved graph would need. One JSON line.
enum VectorReopenBench {
    static func run(_ data: VectorBench.Dataset, parameters: HNSWParameters) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-reopen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let workspace = try Workspace(root: home)
        let clock = SystemClock()
        let control = try ControlDatabase(workspace: workspace, clock: clock)
        let org = OrgID(rawValue: "org-bench")!
        let tenants = TenantDatabases(workspace: workspace, events: control, clock: clock)
        _ = try tenants.create(org: org)
        let principal = Principal(userID: UserID(rawValue: "usr-bench")!, email: "bench@bench.test", orgID: org, orgName: "Bench",
                                  role: .admin, sessionID: SessionID(rawValue: "ses-bench")!, expiresAt: .distantFuture)
        let configuration = VectorStoreConfiguration(index: VectorIndexConfiguration(hnsw: parameters))
        func store() -> VectorStore {
            VectorStore(rows: SQLiteVectorRows(tenants: TenantDatabases(workspace: workspace, events: control, clock: clock)), clock: clock,
                        configuration: configuration)
        }
        let rows = (0..<data.n).filter { data.vectorTenants[$0] == 0 }
        let dim = data.dim
        let first = store()
        try first.createCollection(principal, name: "bench", embedder: VectorStore.noEmbedder, dimension: dim)
        let addStart = ContinuousClock.now
        for batch in stride(from: 0, to: rows.count, by: 1_000) {
            let items = rows[batch..<min(rows.count, batch + 1_000)].map { row in
                VectorItem(id: String(row), text: "", vector: Array(data.vectors[(row * dim)..<((row + 1) * dim)]))
            }
            try await first.add(principal, collection: "bench", items: items)
        }
        let addSeconds = VectorBench.seconds(since: addStart)
        let query = Array(data.queryVectors[0..<dim])

        func timeOpen() async throws -> (ms: Double, restored: Int, built: Int) {
            let reopened = store()
            let start = ContinuousClock.now
            _ = try await reopened.search(principal, collection: "bench", query: .vector(query), k: 10)
            let statistics = reopened.cacheStatistics
            return (VectorBench.seconds(since: start) * 1000, statistics.graphsRestored, statistics.graphsBuilt)
        }
        let saved = try await timeOpen()
        try tenants.database(for: principal).write { db in try db.execute(sql: "DELETE FROM vector_graphs") }
        let rebuilt = try await timeOpen()
        let fields: [(String, String)] = [
            ("peer", VectorBench.json("bulkhead-hnsw-reopen")), ("rows", "\(rows.count)"), ("dim", "\(dim)"),
            ("add_s", VectorBench.fixed(addSeconds, 3)),
            ("open_saved_graph_ms", VectorBench.fixed(saved.ms, 1)), ("graph_restored", "\(saved.restored == 1)"),
            ("open_rebuild_ms", VectorBench.fixed(rebuilt.ms, 1)), ("graph_rebuilt", "\(rebuilt.built == 1)"),
        ]
        print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    }
}
