import BulkheadCore
import BulkheadStore
import Foundation
import GRDB
@testable import BulkheadAuth

/// A real home in a temporary directory: real control.db, real key file, real scrypt (at a small
/// cost so the suite stays quick), and a manual clock. Removed when the fixture goes away.
final class AuthFixture: @unchecked Sendable {
    static let fast = PasswordHasher.Parameters(logN: 4, r: 8, p: 1)!
    static let adaPassword = "ada's long password"
    static let benPassword = "ben's long password"
    static let gusPassword = "gus's long password"

    let root: URL
    let clock = ManualClock()
    let workspace: Workspace
    let control: ControlDatabase
    let auth: AuthService
    let acme: OrgID
    let globex: OrgID
    /// The installation's operator, proven with the key the home was given.
    let op: OperatorPrincipal

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-auth-\(UUID().uuidString)")
        workspace = try Workspace(root: root)
        control = try ControlDatabase(workspace: workspace, clock: clock)
        auth = try AuthService(workspace: workspace, control: control, clock: clock, random: SystemRandom(),
                               hasherParameters: Self.fast)
        try auth.ensureOperator()
        op = try auth.verifyOperator(keyText: try String(contentsOf: workspace.privateFileURL(OperatorKey.fileName), encoding: .utf8))
        acme = try auth.createOrganization(name: "Acme", by: op)
        globex = try auth.createOrganization(name: "Globex", by: op)
        _ = try auth.addUser(email: "ada@acme.test", org: acme, role: .admin, initialPassword: Self.adaPassword, by: op)
        _ = try auth.addUser(email: "ben@acme.test", org: acme, role: .member, initialPassword: Self.benPassword, by: op)
        _ = try auth.addUser(email: "gus@globex.test", org: globex, role: .admin, initialPassword: Self.gusPassword, by: op)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Another service on the same home, as a second process would open it.
    func reopen() throws -> AuthService {
        try AuthService(workspace: workspace, control: control, clock: clock, random: SystemRandom(), hasherParameters: Self.fast)
    }

    /// Runs one statement on control.db, as an attacker with write access to it (or a test's setup) would.
    func execute(_ sql: String, _ arguments: StatementArguments = []) throws {
        try control.writer.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    /// Reads strings from control.db.
    func strings(_ sql: String, _ arguments: StatementArguments = []) throws -> [String] {
        try control.writer.read { db in try String.fetchAll(db, sql: sql, arguments: arguments) }
    }

    /// The security events of one kind, newest last.
    func events(_ kind: String) throws -> [Row] {
        try control.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM security_events WHERE kind = ? ORDER BY id", arguments: [kind])
        }
    }
}
