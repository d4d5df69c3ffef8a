import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Foundation
import Logging
import PostgresNIO

/// Each org's tenant rows in the shared tables, stamped by a `tenant_meta` row of the org.
struct PostgresTenantSpaces: TenantSpaces {
    let store: PostgresStore
    let clock: any Clock

    func create(org: OrgID) throws {
        let now = clock.now()
        try guarded("tenant-create") {
            try store.waitTransaction(.org(org)) { connection in
                let exists = try await connection.query("SELECT 1 FROM bulkhead.tenant_meta", logger: PostgresLog.quiet).collect()
                guard exists.isEmpty else { throw BulkheadError.conflict("the organization already has a database") }
                try await connection.query("INSERT INTO bulkhead.tenant_meta (created_at) VALUES (\(now))", logger: PostgresLog.quiet)
            }
        }
    }

    func remove(org: OrgID) throws {
        try guarded("tenant-remove") {
            try store.waitTransaction(.org(org)) { connection in
                // Children first, so no foreign key inside the org stands in the way.
                for table in PostgresSchema.tenantTableNames.reversed() {
                    try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM bulkhead.\(table)"), logger: PostgresLog.quiet)
                }
            }
        }
    }
}

/// Lets `BulkheadError` through and turns anything else (whose text could carry SQL or rows) into a coded failure.
@discardableResult
func guarded<T>(_ code: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as BulkheadError {
        throw error
    } catch {
        storeLogger.error("postgres store failure", metadata: ["code": "\(code)", "sqlstate": "\(PostgresErrorText.sqlState(error) ?? "-")"])
        throw BulkheadError.internalFailure(code: code)
    }
}

/// The tenant stores' logger: codes and SQLSTATEs only, never SQL, claims or rows.
let storeLogger = Logger(label: "bulkhead.postgres.store")
