import BulkheadCore
import BulkheadPostgresKit
import Foundation
import Synchronization

/// A throwaway PostgreSQL cluster on 127.0.0.1 for tests and benchmarks.
///
/// `.ci/run` starts one and exports its URL in `BULKHEAD_TEST_POSTGRES_URL` (password in
/// `BULKHEAD_TEST_POSTGRES_PASSWORD`); without that, the first test that needs PostgreSQL starts
/// its own with `initdb` and `pg_ctl` (found on PATH or under /usr/lib/postgresql), on a free
/// port, in a temporary folder, with password (SCRAM) logins over TCP. A small watchdog shell
/// stops that cluster and deletes its folder as soon as the test process is gone, however it
/// ended. When the process runs as root, the cluster runs as the `postgres` system user, since
/// PostgreSQL refuses to run as root.
public final class ThrowawayCluster: Sendable {
    /// The cluster's superuser, on its maintenance database `postgres`, with its password.
    public let url: PostgresURL
    private let folder: String?
    private let tools: ClusterTools?
    /// Databases loaded from SQLite files, by file path.
    let loaded = Mutex<[String: LoadedDatabase]>([:])

    /// The variable that carries a running cluster's superuser URL.
    public static let urlVariable = "BULKHEAD_TEST_POSTGRES_URL"
    /// The variable that carries that superuser's password.
    public static let passwordVariable = "BULKHEAD_TEST_POSTGRES_PASSWORD"

    private init(url: PostgresURL, folder: String?, tools: ClusterTools?) {
        self.url = url
        self.folder = folder
        self.tools = tools
    }

    /// The cluster every test of this process shares: the one `.ci/run` started, else one started now.
    ///
    /// Test support only: the process-wide cache is what lets a hundred tests share one cluster.
    public static func shared(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ThrowawayCluster {
        try sharedCluster.withLock { cached in
            if let cached { return cached }
            let made = try fromEnvironment(environment) ?? start()
            cached = made
            return made
        }
    }

    private static let sharedCluster = Mutex<ThrowawayCluster?>(nil)

    /// The cluster named by the environment, or nil when none is.
    public static func fromEnvironment(_ environment: [String: String]) throws -> ThrowawayCluster? {
        guard let text = environment[urlVariable], !text.isEmpty else { return nil }
        let url = try PostgresURL(text, password: environment[passwordVariable])
        return ThrowawayCluster(url: url, folder: nil, tools: nil)
    }

    /// Starts a new cluster (initdb, then pg_ctl on a free port of 127.0.0.1) that stops when this process ends.
    public static func start() throws -> ThrowawayCluster {
        let tools = try ClusterTools.find()
        let folder = try tools.makeFolder()
        let password = UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let passwordFile = folder + "/superuser-password"
        try tools.writeOwned(password + "\n", to: passwordFile)
        let data = folder + "/data"
        try tools.run("initdb", ["-D", data, "-U", "bulkhead", "--pwfile=\(passwordFile)", "-E", "UTF8", "--locale=C",
                                 "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"])
        let port = try FreePort.find()
        try tools.run("pg_ctl", ["-D", data, "-l", folder + "/server.log", "-w", "-t", "60", "-o",
                                 "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200",
                                 "start"])
        try tools.watch(data: data, folder: folder, parent: getpid())
        let url = try PostgresURL("postgres://bulkhead@127.0.0.1:\(port)/postgres", password: password)
        return ThrowawayCluster(url: url, folder: folder, tools: tools)
    }

    /// Stops a cluster this process started (fast shutdown) and deletes its folder; a no-op for one from the environment.
    public func stop() {
        guard let tools, let folder else { return }
        try? tools.run("pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }
}
