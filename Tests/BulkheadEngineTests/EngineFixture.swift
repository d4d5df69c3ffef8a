import BulkheadCore
@testable import BulkheadEngine
@testable import BulkheadStore
import Foundation
import GRDB
import Logging

/// A throwaway home with two orgs (Acme, Globex), an allowed root for each outside the home, and one engine.
final class EngineFixture: @unchecked Sendable {
    let home: TemporaryDirectory
    let outside: TemporaryDirectory
    let workspace: Workspace
    let clock = ManualClock()
    let control: ControlDatabase
    let tenants: TenantDatabases
    let engine: QueryEngine
    let acme = OrgID(rawValue: "org-acme")!
    let globex = OrgID(rawValue: "org-globex")!
    let acmeRoot: URL
    let globexRoot: URL

    init(limits: RateLimits = RateLimits()) throws {
        home = try TemporaryDirectory()
        outside = try TemporaryDirectory()
        workspace = try Workspace(root: home.url.appendingPathComponent("home"))
        control = try ControlDatabase(workspace: workspace, clock: clock)
        tenants = TenantDatabases(workspace: workspace, events: control, clock: clock)
        for org in [acme, globex] {
            _ = try tenants.create(org: org)
            try control.writer.write { db in
                try db.execute(sql: "INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)", arguments: [org.rawValue, org.rawValue, Date()])
            }
        }
        var logger = Logger(label: "bulkhead.engine.tests")
        logger.logLevel = .critical
        engine = try QueryEngine(workspace: workspace, sources: SQLiteSourceCatalog(tenants: tenants), control: control, limits: limits,
                                 sharedLimits: try ControlPlaneLimits(control: control), clock: clock, random: SeededRandom(seed: 7),
                                 logger: logger)
        acmeRoot = outside.url.appendingPathComponent("acme-data", isDirectory: true)
        globexRoot = outside.url.appendingPathComponent("globex-data", isDirectory: true)
        for root in [acmeRoot, globexRoot] { try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true) }
        try engine.grantFolder(acmeRoot.path, to: acme, by: Self.operator)
        try engine.grantFolder(globexRoot.path, to: globex, by: Self.operator)
    }

    /// The operator of the fixture's installation (made directly: engine tests do not verify operator keys).
    static let `operator` = OperatorPrincipal(operatorID: OperatorID(rawValue: "opr-engine-tests")!, name: "tests")

    func admin(_ org: OrgID) -> Principal { Fixtures.principal(org: org.rawValue, user: "ada-\(org.rawValue)", role: .admin) }
    func member(_ org: OrgID) -> Principal { Fixtures.principal(org: org.rawValue, user: "ben-\(org.rawValue)", role: .member) }

    /// Copies Chinook into `root` and returns its path.
    func chinook(in root: URL, as name: String = "chinook.sqlite") throws -> String {
        let path = root.appendingPathComponent(name).path
        try FileManager.default.copyItem(atPath: Fixtures.chinookPath, toPath: path)
        return path
    }

    /// Makes a SQLite file in `root` with one table `items(id, label)`.
    func database(in root: URL, as name: String, labels: [String]) throws -> String {
        let path = root.appendingPathComponent(name).path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)")
            for label in labels { try db.execute(sql: "INSERT INTO items (label) VALUES (?)", arguments: [label]) }
        }
        try queue.close()
        return path
    }

    /// Writes `bytes` to a file in `root` and returns its path.
    func file(in root: URL, as name: String, bytes: [UInt8]) throws -> String {
        let path = root.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
