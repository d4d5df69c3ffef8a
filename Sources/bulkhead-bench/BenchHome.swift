import BulkheadAssistant
import BulkheadAuth
import BulkheadCore
import Foundation

/// A throwaway home for a benchmark: one org with an admin, and a data folder the operator granted it.
///
/// It acts as the installation's operator with the key its own home was given, exactly as an
/// operator would, so benchmarks set up through the same checked entry points as everyone else.
struct BenchHome {
    let scratch: URL
    let services: Services
    let principal: Principal
    /// A folder outside the home, granted to the org, for the benchmark's source files.
    let data: URL

    init(label: String, options: Services.Options) async throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-\(label)-bench-\(UUID().uuidString)")
        services = try Services(workspace: try .init(root: scratch.appendingPathComponent("home")), options: options)
        let key = try String(contentsOf: services.workspace.privateFileURL(OperatorKey.fileName), encoding: .utf8)
        let caller = try await services.requireOperator(CallerCredentials(operatorKey: key), action: "bench")
        let org = try services.createOrganization(name: "Bench", by: caller)
        _ = try services.auth.addUser(email: "bench@bench.test", org: org, role: .admin, initialPassword: "bench-password-1", by: caller)
        principal = try await services.auth.login(email: "bench@bench.test", password: "bench-password-1").principal
        data = scratch.appendingPathComponent("data", isDirectory: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        _ = try services.engine.grantFolder(data.path, to: org, by: caller)
    }

    /// Removes the home and the data folder.
    func remove() { try? FileManager.default.removeItem(at: scratch) }
}
