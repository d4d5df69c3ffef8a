import BulkheadCore
import BulkheadPostgresKit
import XCTest
@_spi(Testing) import BulkheadPostgres

/// A server refuses to start on a role that could step around row-level security.
final class ServerRoleTests: PostgresTestCase {
    private func refusal(_ url: PostgresURL) -> BulkheadError? {
        let runtime = database.runtime
        do {
            let store = try runtime.wait { try await PostgresStore.open(url: url, runtime: runtime) }
            store.close()
            return nil
        } catch {
            return error as? BulkheadError
        }
    }

    private func extraRole(_ name: String, _ attributes: String, grants: [String] = []) throws -> PostgresURL {
        let password = UUID().uuidString
        let role = "\(name)_\(database.suffix)"
        try database.superuser(database: "postgres", ["CREATE ROLE \(role) LOGIN \(attributes) PASSWORD '\(password)'"]
                               + grants.map { $0.replacingOccurrences(of: "ROLE", with: role) })
        addTeardownBlock { [database] in try? database?.superuser(database: "postgres", ["DROP OWNED BY \(role)", "DROP ROLE \(role)"]) }
        return try PostgresURL("postgres://\(role)@\(database.cluster.url.host):\(database.cluster.url.port)/\(database.name)", password: password)
    }

    func testTheServerRoleIsAccepted() throws {
        XCTAssertNil(refusal(database.serverURL))
    }

    func testTheOwnerRoleIsRefused() {
        XCTAssertEqual(refusal(database.ownerURL), .integrity(RoleProblem.ownsSchemaObjects.message))
    }

    func testABypassRLSRoleIsRefused() throws {
        let url = try extraRole("bypass", "BYPASSRLS", grants: ["GRANT server_\(database.suffix) TO ROLE"])
        XCTAssertEqual(refusal(url), .integrity(RoleProblem.bypassesRowSecurity.message))
    }

    func testASuperuserIsRefused() throws {
        let url = try extraRole("super", "SUPERUSER")
        XCTAssertEqual(refusal(url), .integrity(RoleProblem.superuser.message))
    }

    func testAMemberOfTheOwnerIsRefused() throws {
        let url = try extraRole("member", "", grants: ["GRANT owner_\(database.suffix) TO ROLE"])
        XCTAssertEqual(refusal(url), .integrity(RoleProblem.ownsSchemaObjects.message))
    }

    func testAnUnmigratedDatabaseIsRefused() throws {
        let bare = try TestDatabase(migrate: false)
        defer { bare.drop() }
        let url = try extraRole("bare", "")
        let onBare = try PostgresURL("postgres://\(url.user)@\(url.host):\(url.port)/\(bare.name)", password: url.password)
        XCTAssertEqual(refusal(onBare), .integrity(RoleProblem.schemaMissing.message))
    }
}
