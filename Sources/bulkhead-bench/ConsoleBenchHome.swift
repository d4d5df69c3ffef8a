import BulkheadAssistant
import BulkheadAuth
import BulkheadCore
import BulkheadStore
import Foundation
import GRDB

/// The home `bulkhead-bench console` starts the real binary on: one org ("Bench") whose admin is
/// logged in (the session kept in the home), with Chinook connected and a generated source of
/// `bigRows` rows (`readings`) for the scrolling figure. Made in-process through the services.
struct ConsoleBenchHome {
    let folder: URL
    let home: URL

    static func make(chinook: String, bigRows: Int) async throws -> ConsoleBenchHome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-console-bench-\(UUID().uuidString)")
        let data = folder.appendingPathComponent("data", isDirectory: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let chinookCopy = data.appendingPathComponent("chinook.sqlite")
        try FileManager.default.copyItem(atPath: chinook, toPath: chinookCopy.path)
        let big = data.appendingPathComponent("big.sqlite")
        let queue = try DatabaseQueue(path: big.path)
        try await queue.write { db in
            try db.execute(sql: """
                CREATE TABLE readings(id INTEGER PRIMARY KEY, sensor TEXT NOT NULL, value REAL NOT NULL);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                INSERT INTO readings SELECT i, 's' || (i % 50), i * 0.5 FROM n;
                """, arguments: [bigRows])
        }
        try queue.close()

        let home = folder.appendingPathComponent("home", isDirectory: true)
        let workspace = try Workspace(root: home)
        let services = try Services(workspace: workspace)
        let key = try String(contentsOf: workspace.privateFileURL(OperatorKey.fileName), encoding: .utf8)
        let caller = try await services.requireOperator(CallerCredentials(operatorKey: key), action: "bench")
        let org = try services.createOrganization(name: "Bench", by: caller)
        let password = "bench-" + UUID().uuidString
        _ = try services.auth.addUser(email: "bench@bench.test", org: org, role: .admin, initialPassword: password, by: caller)
        let login = try await services.auth.login(email: "bench@bench.test", password: password, org: "Bench")
        try SavedSession(workspace: workspace).save(login.token)
        try services.engine.grantFolder(data.path, to: org, by: caller)
        try await services.addSource(login.principal, name: "chinook", path: chinookCopy.path)
        try await services.addSource(login.principal, name: "big", path: big.path)
        return ConsoleBenchHome(folder: folder, home: workspace.root)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
