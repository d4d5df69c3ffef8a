import BulkheadAssistant
import BulkheadAuth
import BulkheadCore
import BulkheadStore
import Foundation

/// A throwaway home for a benchmark: one org with an admin, and a data folder the operator granted it.
///
/// It acts as the installation's operator with the key its own home was given, exactly as an
/// operator would, so benchmarks set up through the same checked entry points as everyone else.
struct BenchHome {
    let scratch: URL
    let services: Services
    let principal: Principal
    /// The benchmark's org, removed at the end (on a PostgreSQL store it lives beside other data).
    let org: OrgID
    let caller: OperatorPrincipal
    /// A folder outside the home, granted to the org, for the benchmark's source files.
    let data: URL

    init(label: String, options: Services.Options, store: BenchStore = BenchStore(backend: .sqlite, operatorKey: nil)) async throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-\(label)-bench-\(UUID().uuidString)")
        let workspace = try Workspace(root: scratch.appendingPathComponent("home"))
        let clock = SystemClock()
        services = try Services(workspace: workspace, stores: try store.backend.open(workspace: workspace, clock: clock), clock: clock,
                                options: options)
        let homeKey = services.newOperatorKey.flatMap { try? String(contentsOf: $0, encoding: .utf8) }
        guard let key = homeKey ?? store.operatorKey else { throw BulkheadError.operatorRequired }
        caller = try await services.requireOperator(CallerCredentials(operatorKey: key), action: "bench")
        let run = UUID().uuidString.prefix(8).lowercased()
        org = try services.createOrganization(name: "Bench \(run)", by: caller)
        let email = "bench-\(run)@bench.test"
        _ = try services.auth.addUser(email: email, org: org, role: .admin, initialPassword: "bench-password-1", by: caller)
        principal = try await services.auth.login(email: email, password: "bench-password-1").principal
        data = scratch.appendingPathComponent("data", isDirectory: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        _ = try services.engine.grantFolder(data.path, to: org, by: caller)
    }

    /// Removes the org, the home and the data folder.
    func remove() {
        try? services.deleteOrganization(org, by: caller)
        services.stores.close()
        try? FileManager.default.removeItem(at: scratch)
    }
}
