import BulkheadCore
@testable import BulkheadStore
@testable import BulkheadVectors
import Foundation
import GRDB
import PostgresNIO
import BulkheadPostgres
import BulkheadPostgresKit
import BulkheadTestBackends

/// A throwaway workspace with two orgs, Acme and Globex, on one of the two stores, and vector stores over them.
final class VectorFixture: @unchecked Sendable {
    let backend: TestBackend
    let home: URL
    let workspace: Workspace
    let clock = ManualClock()
    let opened: TestStores
    let acme = OrgID(rawValue: "org-acme")!
    let globex = OrgID(rawValue: "org-globex")!

    private let ownsHome: Bool

    /// The SQLite files (SQLite only).
    var tenants: TenantDatabases { opened.stores.files! }
    var control: any ControlStore { opened.stores.control }

    /// Makes the fixture in a fresh temporary home, or opens `home` (which it then leaves in place).
    init(_ backend: TestBackend = .sqlite, home: URL? = nil, create: Bool = true) throws {
        self.backend = backend
        ownsHome = home == nil
        self.home = home ?? FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-vectors-\(UUID().uuidString)")
        workspace = try Workspace(root: self.home)
        opened = try backend.open(workspace: workspace, clock: clock)
        if create {
            for org in [acme, globex] {
                try control.write(.operator, "test-org") { try $0.insertOrganization(org, name: org.rawValue, at: Date()) }
                try opened.stores.tenants.create(org: org)
            }
        }
    }

    deinit { if ownsHome { try? FileManager.default.removeItem(at: home) } }

    /// A new store (with its own cache) over the same rows, as a restarted process would make.
    func store(_ configuration: VectorStoreConfiguration = VectorStoreConfiguration()) -> VectorStore {
        let rows: any VectorRowStore = backend == .sqlite
            ? SQLiteVectorRows(tenants: TenantDatabases(workspace: workspace, events: control, clock: clock)) : opened.stores.vectors
        return VectorStore(rows: rows, clock: clock, configuration: configuration)
    }

    /// A vector store of a second server: its own cache and, on PostgreSQL, its own connection pool
    /// to the same database (closed by `close`); on SQLite its own handles on the same files.
    func secondServer() throws -> (store: VectorStore, close: @Sendable () -> Void) {
        guard backend == .postgres, let database = opened.database else { return (store(), {}) }
        let postgres = try database.openStore(maximumConnections: 2)
        let rows = Stores.postgres(store: postgres, clock: clock).vectors
        return (VectorStore(rows: rows, clock: clock), { postgres.close() })
    }

    func principal(_ org: OrgID, role: Role = .admin) -> Principal {
        Principal(userID: UserID(rawValue: "usr-\(org.rawValue)")!, email: "x@\(org.rawValue).test", orgID: org,
                  orgName: org.rawValue, role: role, sessionID: SessionID(rawValue: "ses-1")!, expiresAt: .distantFuture)
    }

    var acmeUser: Principal { principal(acme) }
    var globexUser: Principal { principal(globex) }

    /// Runs `sqlite` on the org's file, or `postgres` as the server role under the org's claims.
    func raw<T: Sendable>(_ org: OrgID, sqlite: (Database) throws -> T,
                          postgres: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        switch backend {
        case .sqlite: return try tenants.database(for: principal(org)).write(sqlite)
        case .postgres: return try opened.postgres!.waitTransaction(.tenant(principal(org)), postgres)
        }
    }

    /// The distinct orgs stamped on the org's vector rows, read below the vector store.
    func vectorRowOrgs(_ org: OrgID) throws -> [String] {
        try raw(org, sqlite: { try String.fetchAll($0, sql: "SELECT DISTINCT org_id FROM vector_items") },
                postgres: { try await $0.query("SELECT DISTINCT org_id FROM bulkhead.vector_items", logger: PostgresLog.quiet).collect()
                    .map { try $0.decode(String.self) } })
    }

    /// The node count of Acme's saved graph of `collection`, read below the vector store.
    func savedNodes(_ collection: String) throws -> Int? {
        try raw(acme, sqlite: { try Int.fetchOne($0, sql: "SELECT nodes FROM vector_graphs WHERE collection = ?", arguments: [collection]) },
                postgres: { try await $0.query("SELECT nodes FROM bulkhead.vector_graphs WHERE collection = \(collection)", logger: PostgresLog.quiet)
                    .collect().first?.decode(Int.self) })
    }

    /// Zeroes the links of Acme's saved graph of `collection`, as damage would.
    func damageGraph(_ collection: String) throws {
        try raw(acme, sqlite: { try $0.execute(sql: "UPDATE vector_graphs SET graph = zeroblob(length(graph)) WHERE collection = ?",
                                               arguments: [collection]) },
                postgres: { _ = try await $0.query("""
                    UPDATE bulkhead.vector_graphs SET graph = decode(repeat('00', length(graph)), 'hex') WHERE collection = \(collection)
                    """, logger: PostgresLog.quiet) })
    }

    /// Writes a collection row stamped with Globex into Acme's store, below the vector store; returns the refusal, if any.
    func plantForeignCollection() -> (any Error)? {
        do {
            try raw(acme, sqlite: { try $0.execute(sql: """
                INSERT INTO vector_collections (name, org_id, embedder, dimension, created_at) VALUES ('x', 'org-globex', 'none', 3, 0)
                """) },
                postgres: { _ = try await $0.query("""
                    INSERT INTO bulkhead.vector_collections (name, org_id, embedder, dimension, created_at) VALUES ('x', 'org-globex', 'none', 3, now())
                    """, logger: PostgresLog.quiet) })
            return nil
        } catch {
            return error
        }
    }
}

/// Deterministic clustered unit vectors, like the benchmark's Gaussian mixture.
struct VectorGenerator {
    var random: SplitMix64
    let dimension: Int
    var centers: [[Float]] = []

    init(seed: UInt64, dimension: Int, centers: Int) {
        random = SplitMix64(seed: seed)
        self.dimension = dimension
        for _ in 0..<centers { self.centers.append(unitGaussian(scale: 1)) }
    }

    mutating func gaussian() -> Float {
        let u1 = random.nextUnit()
        let u2 = random.nextUnit()
        return Float((-2 * log(u1)).squareRoot() * cos(2 * .pi * u2))
    }

    mutating func unitGaussian(scale: Float) -> [Float] {
        var vector = (0..<dimension).map { _ in gaussian() * scale }
        _ = VectorMath.normalize(&vector)
        return vector
    }

    /// A point near a random center, with noise of norm about `spread`.
    mutating func point(spread: Float = 0.7) -> [Float] {
        let center = centers[Int(random.next() % UInt64(centers.count))]
        let noise = (0..<dimension).map { _ in gaussian() * spread / Float(dimension).squareRoot() }
        var vector = zip(center, noise).map { $0 + $1 }
        _ = VectorMath.normalize(&vector)
        return vector
    }
}
