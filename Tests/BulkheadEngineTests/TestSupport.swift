import BulkheadCore
import Foundation
import GRDB
import Synchronization

/// A thread-safe counter a @Sendable closure can capture.
final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func increment() { count.wrappingAdd(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

/// Runs blocking work on its own thread, off Swift's cooperative pool, and awaits its result.
///
/// A running statement blocks its thread; on a 2-core machine two of them would starve the pool
/// and the task that should press cancel would never run. Real callers (the console) do the same.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

/// A temporary directory removed when the test's scope ends.
final class TemporaryDirectory: @unchecked Sendable {
    let url: URL

    init() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        url = base.appendingPathComponent("bulkhead-engine-\(UUID().uuidString.lowercased())", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A path inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Copies the real Chinook database into the directory.
    func copyChinook(as name: String = "chinook.sqlite") throws -> String {
        let destination = path(name)
        try FileManager.default.copyItem(atPath: Fixtures.chinookPath, toPath: destination)
        return destination
    }

    /// Makes a small SQLite file with one table `items(id, label)` holding `labels`.
    func makeDatabase(_ name: String, labels: [String]) throws -> String {
        let destination = path(name)
        let queue = try DatabaseQueue(path: destination)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)")
            for label in labels { try db.execute(sql: "INSERT INTO items (label) VALUES (?)", arguments: [label]) }
        }
        try queue.close()
        return destination
    }
}

enum Fixtures {
    /// The real Chinook sample database (MIT, `Tests/Fixtures/chinook.LICENSE.md`), carried in the
    /// repository and shared read-only by every test (always copied first).
    static var chinookPath: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/chinook.sqlite").path
    }

    static func principal(org: String, user: String = "u-test", role: Role = .admin) -> Principal {
        Principal(
            userID: UserID(rawValue: user)!, email: "\(user)@\(org).test", orgID: OrgID(rawValue: org)!,
            orgName: org.capitalized, role: role, sessionID: SessionID(rawValue: "s-\(user)")!,
            expiresAt: Date(timeIntervalSince1970: 4_000_000_000))
    }
}
