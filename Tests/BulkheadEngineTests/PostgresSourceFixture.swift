import BulkheadCore
@testable import BulkheadEngine
import BulkheadPostgresKit
import BulkheadTestCluster
import Foundation

/// An engine fixture plus the repository's Chinook loaded into the throwaway PostgreSQL cluster.
final class PostgresSourceFixture: @unchecked Sendable {
    /// One runtime for the tests' own PostgreSQL work (the engine has its own).
    static let runtime = PostgresRuntime(name: "bulkhead.engine.tests.postgres")

    let engine: EngineFixture
    let cluster: ThrowawayCluster
    let chinook: LoadedDatabase

    init() throws {
        engine = try EngineFixture()
        cluster = try ThrowawayCluster.shared()
        chinook = try cluster.loadedCopy(of: Fixtures.chinookPath, runtime: Self.runtime)
        for org in [engine.acme, engine.globex] {
            try engine.engine.grantHost("\(chinook.readerURL.host):\(chinook.readerURL.port)", to: org, by: EngineFixture.operator)
        }
    }

    var url: String { chinook.readerURL.description }
    var password: String { chinook.readerURL.password ?? "" }

    /// Connects Chinook on PostgreSQL as `name` in `org`.
    @discardableResult
    func add(_ org: OrgID, name: String = "music") throws -> SourceAdded {
        try engine.engine.addPostgresSource(engine.admin(org), name: name, url: url, password: password)
    }

    /// Runs `sql` on `source` as `org`'s admin.
    func query(_ org: OrgID, _ sql: String, source: String = "music", options: QueryOptions = QueryOptions()) throws -> QueryResult {
        try engine.engine.query(engine.admin(org), source: source, sql: sql, options: options)
    }

    /// The error `body` throws, or nil.
    func error(_ body: () throws -> Void) -> BulkheadError? {
        do {
            try body()
            return nil
        } catch {
            return error as? BulkheadError ?? .internalFailure(code: "not-a-bulkhead-error")
        }
    }
}
