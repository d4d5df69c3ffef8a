import BulkheadCore
import BulkheadStore
import Foundation
import GRDB
import Testing
@testable import BulkheadAuth

/// The operator: its key, its actions on organizations and accounts, and their record.
@Suite struct OperatorTests {
    let fixture: AuthFixture
    var auth: AuthService { fixture.auth }

    init() throws { fixture = try AuthFixture() }

    private var keyText: String {
        get throws { try String(contentsOf: fixture.workspace.privateFileURL(OperatorKey.fileName), encoding: .utf8) }
    }

    @Test func theHomeGetsOnePrivateOperatorKeyAndOnlyItsSecretsHashIsStored() throws {
        let url = fixture.workspace.privateFileURL(OperatorKey.fileName)
        #expect((try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) == 0o600)
        #expect(try auth.ensureOperator() == nil, "a second open must not make another operator")
        let key = try #require(OperatorKey(text: try keyText))
        let stored = try fixture.strings("SELECT key_sha256 FROM operators")
        #expect(stored == [key.digest])
        #expect(!(try keyText).contains(stored[0]))
        #expect(try fixture.events("operator_created").count == 1)
    }

    @Test func onlyTheRealKeyMakesAnOperatorAndEveryRefusalIsRecorded() throws {
        #expect(try auth.verifyOperator(keyText: try keyText).operatorID == fixture.op.operatorID)
        let real = try #require(OperatorKey(text: try keyText))
        let randomSecret = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        for bad: String? in [nil, "", "not a key", "bulkhead-operator-1 \(real.operatorID) \(randomSecret)",
                             "bulkhead-operator-1 opr-000000000000 \(randomSecret)"] {
            #expect(throws: BulkheadError.operatorRequired) { _ = try auth.verifyOperator(keyText: bad) }
        }
        let reasons = try fixture.events("operator_key_rejected").map { $0["detail"] as String }
        #expect(reasons == ["reason=no_key", "reason=malformed", "reason=malformed", "reason=wrong_key", "reason=unknown_operator"])
        #expect(try fixture.events("operator_key_rejected").allSatisfy { $0["actor"] as String? == "anonymous" })
    }

    @Test func aRotatedKeyReplacesTheOldOneAtOnce() throws {
        let old = try keyText
        let new = try auth.rotateOperatorKey(by: fixture.op)
        #expect(throws: BulkheadError.operatorRequired) { _ = try auth.verifyOperator(keyText: old) }
        #expect(try auth.verifyOperator(keyText: new).name == fixture.op.name)
    }

    @Test func organizationNamesAreValidatedAndUniqueIgnoringCase() throws {
        #expect(throws: BulkheadError.conflict("an organization named 'ACME' already exists")) {
            _ = try auth.createOrganization(name: "ACME", by: fixture.op)
        }
        for bad in ["", "   ", "Acme/Globex", "x'; DROP TABLE organizations; --", String(repeating: "a", count: 65), "Ünïcode"] {
            #expect(throws: BulkheadError.self) { _ = try auth.createOrganization(name: bad, by: fixture.op) }
        }
        let id = try auth.createOrganization(name: "  Initech Corp. _-1 ", by: fixture.op)
        #expect(try auth.organizationID(named: "initech corp. _-1", by: fixture.op) == id)
        #expect(id.rawValue.hasPrefix("org-"))
    }

    @Test func operatorActionsAreSecurityEventsNamingTheOperator() throws {
        let id = try auth.createOrganization(name: "Initech", by: fixture.op)
        try auth.setSuspended(id, true, by: fixture.op)
        try auth.deleteOrganization(id, by: fixture.op)
        for kind in ["operator_org_created", "operator_org_suspended", "operator_org_deleted", "operator_user_added"] {
            let rows = try fixture.events(kind)
            #expect(!rows.isEmpty, "\(kind)")
            #expect(rows.allSatisfy { $0["actor"] as String? == "operator:\(fixture.op.operatorID)" }, "\(kind)")
        }
    }

    @Test func addUserNormalizesAndValidatesTheEmailAndThePassword() throws {
        _ = try auth.addUser(email: "  Cyd@ACME.test ", org: fixture.acme, role: .member, initialPassword: "cyd's long password", by: fixture.op)
        #expect(try fixture.strings("SELECT email FROM users ORDER BY email").contains("cyd@acme.test"))
        for bad in ["cyd", "cyd@", "@acme.test", "cyd@acme", "c yd@acme.test", "cyd@@acme.test", "<cyd>@acme.test"] {
            #expect(throws: BulkheadError.invalidInput("that is not a valid email address")) {
                _ = try auth.addUser(email: bad, org: fixture.acme, role: .member, initialPassword: "cyd's long password", by: fixture.op)
            }
        }
        #expect(throws: BulkheadError.invalidInput("the password must be at least 12 characters long")) {
            _ = try auth.addUser(email: "dee@acme.test", org: fixture.acme, role: .member, initialPassword: "short", by: fixture.op)
        }
    }

    @Test func theOperatorAddsAnExistingAccountWithoutTouchingItsPassword() async throws {
        let outcome = try auth.addUser(email: "ben@acme.test", org: fixture.globex, role: .admin, initialPassword: "a password of mine!", by: fixture.op)
        guard case .added = outcome else { Issue.record("expected added, got \(outcome)"); return }
        _ = try await auth.login(email: "ben@acme.test", password: AuthFixture.benPassword, org: "Globex")
        await #expect(throws: BulkheadError.invalidCredentials) {
            _ = try await auth.login(email: "ben@acme.test", password: "a password of mine!", org: "Globex")
        }
        #expect(throws: BulkheadError.conflict("this user is already a member of the organization")) {
            _ = try auth.addUser(email: "ben@acme.test", org: fixture.globex, role: .member, initialPassword: nil, by: fixture.op)
        }
    }

    @Test func suspendingAnOrgEndsItsSessionsAndLoginsUntilResumed() async throws {
        let ada = try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword)
        try auth.setSuspended(fixture.acme, true, by: fixture.op)
        await #expect(throws: BulkheadError.notAuthenticated) { _ = try await auth.verify(token: ada.token) }
        await #expect(throws: BulkheadError.invalidInput("this organization is suspended; ask the operator of this installation")) {
            _ = try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword)
        }
        _ = try await auth.login(email: "gus@globex.test", password: AuthFixture.gusPassword)
        try auth.setSuspended(fixture.acme, false, by: fixture.op)
        _ = try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword)
    }

    @Test func removingAUserFromOneOrgOrEverywhere() async throws {
        _ = try auth.addUser(email: "ben@acme.test", org: fixture.globex, role: .member, initialPassword: nil, by: fixture.op)
        let inGlobex = try await auth.login(email: "ben@acme.test", password: AuthFixture.benPassword, org: "Globex")
        try auth.removeUser(email: "ben@acme.test", from: fixture.globex, by: fixture.op)
        await #expect(throws: BulkheadError.notAuthenticated) { _ = try await auth.verify(token: inGlobex.token) }
        let inAcme = try await auth.login(email: "ben@acme.test", password: AuthFixture.benPassword)
        try auth.removeUser(email: "ben@acme.test", from: nil, by: fixture.op)
        await #expect(throws: BulkheadError.notAuthenticated) { _ = try await auth.verify(token: inAcme.token) }
        #expect(try fixture.strings("SELECT id FROM users WHERE email = 'ben@acme.test'").isEmpty)
        #expect(throws: BulkheadError.notFound(kind: "user", name: "ben@acme.test")) {
            try auth.removeUser(email: "ben@acme.test", from: nil, by: fixture.op)
        }
    }
}
