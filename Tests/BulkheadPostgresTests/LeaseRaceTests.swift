import BulkheadCore
import BulkheadPostgresKit
import Foundation
import PostgresNIO
import XCTest

/// A lease that comes in just as its wait runs out: either the body ran (and its caller is told
/// what it returned) or it never ran (and its caller is told "unavailable"); never a caller told
/// "unavailable" while the body's writes committed (the slot a shared limit would then leak).
final class LeaseRaceTests: PostgresTestCase {
    func testACallerToldUnavailableNeverHadItsBodyRun() throws {
        let database = self.database!
        try database.superuser(["CREATE TABLE race_marks (attempt int PRIMARY KEY)"])
        let client = RunningClient(url: database.cluster.url.with(database: database.name), runtime: database.runtime,
                                   maximumConnections: 1, logger: PostgresLog.quiet)
        defer { client.close() }
        var outcomes: [(attempt: Int, failed: Bool)] = []
        for attempt in 0..<40 {
            // The only connection is held for about the lease timeout, give or take a few milliseconds.
            let hold = 30 + Double(attempt % 9) - 4
            let results = try wait {
                async let holder: Void = client.withConnection { _ in try await Task.sleep(for: .milliseconds(Int(hold))) }
                try await Task.sleep(for: .milliseconds(1))
                let failed: Bool
                do {
                    try await client.withConnection(leaseTimeout: 0.029) { connection in
                        try await connection.query("INSERT INTO race_marks (attempt) VALUES (\(attempt))", logger: PostgresLog.quiet)
                    }
                    failed = false
                } catch {
                    failed = true
                }
                try await holder
                return failed
            }
            outcomes.append((attempt, results))
        }
        let marked = Set(try wait {
            try await client.withConnection { connection in
                try await connection.query("SELECT attempt FROM race_marks", logger: PostgresLog.quiet).collect().map { try $0.decode(Int.self) }
            }
        })
        for (attempt, failed) in outcomes {
            XCTAssertEqual(failed, !marked.contains(attempt), "attempt \(attempt): the caller was told \(failed ? "it failed" : "it ran")")
        }
        XCTAssertFalse(marked.isEmpty, "some leases came in time")
    }
}
