import BulkheadCore
@testable import BulkheadEngine
import Foundation
import Synchronization
import Testing

@Suite("Cursors, cancel and memory bounds")
struct CursorTests {
    let directory: TemporaryDirectory
    let connection: SandboxedConnection

    init() throws {
        directory = try TemporaryDirectory()
        connection = try SandboxedConnection(path: try directory.copyChinook())
    }

    @Test("a million-row result is read page by page, holding one page at a time")
    func millionRowCursor() throws {
        let released = Counter()
        let lease = ConnectionLease(connection: connection) { _ in released.increment() }
        let sql = "with recursive c(x) as (select 1 union all select x + 1 from c where x < 1000000) select x, x * 2 from c"
        let cursor = try SandboxedConnection.cursor(lease: lease, sql: sql, options: QueryOptions(timeLimit: 60))
        let first = try cursor.nextPage(500)
        #expect(first.count == 500)
        #expect(first.first == [.integer(1), .integer(2)])
        var total = first.count
        while true {
            let page = try cursor.nextPage(50_000)
            if page.isEmpty { break }
            total += page.count
        }
        #expect(total == 1_000_000)
        #expect(cursor.largestPageHeld == 50_000)
        #expect(cursor.isFinished)
        #expect(released.value == 1)
    }

    @Test("closing a cursor early releases its connection, which then runs the next statement")
    func closeEarly() throws {
        let released = Counter()
        let lease = ConnectionLease(connection: connection) { _ in released.increment() }
        let cursor = try SandboxedConnection.cursor(lease: lease, sql: "select TrackId from Track order by TrackId")
        #expect(try cursor.nextPage(3) == [[.integer(1)], [.integer(2)], [.integer(3)]])
        cursor.close()
        #expect(released.value == 1)
        #expect(try cursor.nextPage(3).isEmpty)
        #expect(try connection.execute("select count(*) from Track").rows == [[.integer(3503)]])
    }

    @Test("cancel from another thread stops a running statement")
    func cancelFromAnotherThread() async throws {
        let cancellation = QueryCancellation()
        let connection = self.connection
        let running = Task {
            try await onThread {
                try connection.execute(
                "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c",
                    options: QueryOptions(timeLimit: 600, cancellation: cancellation))
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        cancellation.cancel()
        await #expect(throws: BulkheadError.cancelled) { _ = try await running.value }
        #expect(try connection.execute("select 1").rows == [[.integer(1)]])
    }

    @Test("cancel on a cursor stops the page being read")
    func cancelCursor() async throws {
        let lease = ConnectionLease(connection: connection) { _ in }
        let cursor = try SandboxedConnection.cursor(
            lease: lease, sql: "with recursive c(x) as (select 1 union all select x + 1 from c) select x from c where x < 0",
            options: QueryOptions(timeLimit: 600))
        let reading = Task { try await onThread { try cursor.nextPage(10) } }
        try await Task.sleep(for: .milliseconds(200))
        cursor.cancel()
        await #expect(throws: BulkheadError.cancelled) { _ = try await reading.value }
        #expect(cursor.isFinished)
    }

    @Test("the time limit counts across the pages of a cursor")
    func cursorTimeLimit() throws {
        let lease = ConnectionLease(connection: connection) { _ in }
        let cursor = try SandboxedConnection.cursor(
            lease: lease, sql: "with recursive c(x) as (select 1 union all select x + 1 from c) select x from c where x % 100000000 = 0",
            options: QueryOptions(timeLimit: 0.3))
        #expect(throws: BulkheadError.timeLimit(seconds: 0.3)) { _ = try cursor.nextPage(5) }
    }
}
