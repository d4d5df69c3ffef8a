import BulkheadCore
@testable import BulkheadStore
@testable import BulkheadVectors
import Foundation

/// A throwaway workspace with two stamped orgs, Acme and Globex, and a vector store over them.
final class VectorFixture: @unchecked Sendable {
    let home: URL
    let workspace: Workspace
    let clock = ManualClock()
    let control: ControlDatabase
    let tenants: TenantDatabases
    let acme = OrgID(rawValue: "org-acme")!
    let globex = OrgID(rawValue: "org-globex")!

    private let ownsHome: Bool

    /// Makes the fixture in a fresh temporary home, or opens `home` (which it then leaves in place).
    init(home: URL? = nil, create: Bool = true) throws {
        ownsHome = home == nil
        self.home = home ?? FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-vectors-\(UUID().uuidString)")
        workspace = try Workspace(root: self.home)
        control = try ControlDatabase(workspace: workspace, clock: clock)
        tenants = TenantDatabases(workspace: workspace, events: control, clock: clock)
        if create {
            for org in [acme, globex] { _ = try tenants.create(org: org) }
        }
    }

    deinit { if ownsHome { try? FileManager.default.removeItem(at: home) } }

    /// A new store over the same workspace, as a restarted process would make.
    func store(_ configuration: VectorStoreConfiguration = VectorStoreConfiguration()) -> VectorStore {
        VectorStore(rows: SQLiteVectorRows(tenants: TenantDatabases(workspace: workspace, events: control, clock: clock)), clock: clock,
                    configuration: configuration)
    }

    func principal(_ org: OrgID, role: Role = .admin) -> Principal {
        Principal(userID: UserID(rawValue: "usr-\(org.rawValue)")!, email: "x@\(org.rawValue).test", orgID: org,
                  orgName: org.rawValue, role: role, sessionID: SessionID(rawValue: "ses-1")!, expiresAt: .distantFuture)
    }

    var acmeUser: Principal { principal(acme) }
    var globexUser: Principal { principal(globex) }
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
