import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Foundation
import PostgresNIO
import XCTest
@_spi(Testing) import BulkheadPostgres

/// The request scope (one transaction a request's store calls join) never carries one org's
/// claims or rows to another, and behaves for each call as that call's own transaction would.
final class RequestScopeTests: PostgresTestCase {
    private static let clock = SystemClock()

    private func principal(_ org: OrgID) -> Principal {
        Principal(userID: UserID(rawValue: "u-" + org.rawValue)!, email: "\(org.rawValue)@example.com", orgID: org, orgName: org.rawValue,
                  role: .admin, sessionID: SessionID(rawValue: "sid-" + org.rawValue)!, expiresAt: Date().addingTimeInterval(3_600))
    }

    /// Opens stores on a pool of `connections`, seeded with both orgs and a note of each naming its org.
    private func stores(connections: Int) throws -> (PostgresStore, Stores) {
        let store = try database.openStore(maximumConnections: connections)
        try database.seedTwoOrgs(store)
        let stores = Stores.postgres(store: store, clock: Self.clock)
        for org in [TestDatabase.acme, TestDatabase.globex] {
            try stores.notes.insertNote(principal(org), id: "own-" + org.rawValue, text: "belongs to " + org.rawValue, at: Date())
        }
        return (store, stores)
    }

    func testInterleavedScopesOfTwoOrgsOnOneConnectionSeeOnlyTheirOwnRows() async throws {
        let (store, stores) = try stores(connections: 1)
        defer { store.close() }
        let seen = try await withThrowingTaskGroup(of: [String].self) { group in
            for org in [TestDatabase.acme, TestDatabase.globex] {
                let principal = principal(org)
                group.addTask {
                    var wrong: [String] = []
                    for _ in 0..<25 {
                        let notes = try await stores.scopes.scoped(principal) {
                            // Several joined reads, with a yield between them so the other org's scope queues up.
                            let first = try stores.notes.notes(principal)
                            await Task.yield()
                            return first + (try stores.notes.notes(principal))
                        }
                        for note in notes where note.orgID != org || !(note.text == "a note" || note.text == "belongs to " + org.rawValue) {
                            wrong.append("\(org) saw \(note.orgID): \(note.text)")
                        }
                        if notes.count != 4 { wrong.append("\(org) read \(notes.count) notes, not its 2 twice") }
                    }
                    return wrong
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        XCTAssertEqual(seen, [])
        // The connection the scopes shared carries no claims once they ended.
        let left = try wait {
            try await store.client.withConnection { connection in
                try await connection.query("SELECT coalesce(current_setting('request.jwt.claims', true), '')", logger: PostgresLog.quiet)
                    .collect().first?.decode(String.self)
            }
        }
        XCTAssertEqual(left, "")
    }

    func testAnotherOrgsCallInsideAScopeRunsInItsOwnTransaction() async throws {
        let (store, stores) = try stores(connections: 2)
        defer { store.close() }
        let acme = principal(TestDatabase.acme), globex = principal(TestDatabase.globex)
        let (mine, theirs) = try await stores.scopes.scoped(acme) {
            (try stores.notes.notes(acme), try stores.notes.notes(globex))
        }
        XCTAssertEqual(Set(mine.map(\.orgID)), [TestDatabase.acme])
        XCTAssertEqual(Set(theirs.map(\.orgID)), [TestDatabase.globex])
        XCTAssertEqual(theirs.map(\.text).sorted(), ["a note", "belongs to globex"])
    }

    func testAJoinedWriteIsCommittedWhenItReturnsAndAFailureLeavesTheScopeUsable() async throws {
        let (store, stores) = try stores(connections: 2)
        defer { store.close() }
        let other = try database.openStore(maximumConnections: 1)
        defer { other.close() }
        let elsewhere = Stores.postgres(store: other, clock: Self.clock)
        let acme = principal(TestDatabase.acme)
        let seenElsewhere = try await stores.scopes.scoped(acme) {
            try stores.notes.insertNote(acme, id: "in-scope", text: "written in a scope", at: Date())
            // A second server sees the write while the scope is still open.
            let visible = try elsewhere.notes.notes(acme).contains { $0.id == "in-scope" }
            // A write that fails (the id is taken) undoes only itself.
            XCTAssertThrowsError(try stores.notes.insertNote(acme, id: "in-scope", text: "again", at: Date()))
            XCTAssertEqual(try stores.notes.notes(acme).filter { $0.id == "in-scope" }.map(\.text), ["written in a scope"])
            return visible
        }
        XCTAssertTrue(seenElsewhere)
    }

    func testATaskThatOutlivesItsScopeNeverUsesTheScopesConnection() async throws {
        let (store, stores) = try stores(connections: 2)
        defer { store.close() }
        let acme = principal(TestDatabase.acme), globex = principal(TestDatabase.globex)
        let go = AsyncStream<Void>.makeStream()
        // Started inside Acme's scope (it inherits the scope), it reads only after the scope ended and
        // while Globex's scope may hold that very connection.
        let late = try await stores.scopes.scoped(acme) {
            Task {
                for await _ in go.stream { break }
                return try stores.notes.notes(acme)
            }
        }
        let notes = try await stores.scopes.scoped(globex) {
            go.continuation.yield()
            go.continuation.finish()
            let notes = try await late.value
            _ = try stores.notes.notes(globex)
            return notes
        }
        XCTAssertEqual(Set(notes.map(\.orgID)), [TestDatabase.acme])
        XCTAssertEqual(notes.map(\.text).sorted(), ["a note", "belongs to acme"])
    }
}
