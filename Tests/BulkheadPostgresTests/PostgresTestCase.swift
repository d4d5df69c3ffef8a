import BulkheadCore
import BulkheadPostgresKit
import PostgresNIO
import XCTest
@_spi(Testing) import BulkheadPostgres

/// A test case with a fresh migrated database, dropped afterwards.
class PostgresTestCase: XCTestCase {
    private(set) var database: TestDatabase!

    override func setUpWithError() throws {
        database = try TestDatabase()
    }

    override func tearDown() {
        database?.drop()
        database = nil
    }

    /// Runs `body` on `store` and returns its result.
    func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        try database.runtime.wait(body)
    }

    /// The rows of `sql` on `connection`, each decoded as `T`.
    static func fetch<T: PostgresDecodable & Sendable>(_ sql: String, _ type: T.Type, on connection: PostgresConnection) async throws -> [T] {
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: PostgresLog.quiet).collect().map { try $0.decode(T.self) }
    }

    /// The SQLSTATE `body` fails with, or nil when it succeeds.
    func sqlState(_ body: @escaping @Sendable () async throws -> Void) -> String? {
        do {
            try wait(body)
            return nil
        } catch {
            return PostgresErrorText.sqlState(error) ?? "no-sqlstate"
        }
    }
}
