import BulkheadCore
import Foundation
import GRDB
import Testing
@testable import BulkheadAuth

/// Organizations, accounts and memberships.
@Suite struct AdminTests {
    let fixture: AuthFixture
    var auth: AuthService { fixture.auth }

    init() throws { fixture = try AuthFixture() }

    @Test func organizationNamesAreValidatedAndUniqueIgnoringCase() throws {
        #expect(throws: BulkheadError.conflict("an organization named 'ACME' already exists")) {
            _ = try auth.createOrganization(name: "ACME")
        }
        for bad in ["", "   ", "Acme/Globex", "x'; DROP TABLE organizations; --", String(repeating: "a", count: 65), "Ünïcode"] {
            #expect(throws: BulkheadError.self) { _ = try auth.createOrganization(name: bad) }
        }
        let id = try auth.createOrganization(name: "  Initech Corp. _-1 ")
        #expect(try auth.organizationID(named: "initech corp. _-1") == id)
        #expect(id.rawValue.hasPrefix("org-"))
    }

    @Test func addUserNormalizesAndValidatesTheEmail() throws {
        _ = try auth.addUser(email: "  Cyd@ACME.test ", password: "cyd's long password", org: "acme", role: .member)
        let stored = try fixture.strings("SELECT email FROM users ORDER BY email")
        #expect(stored.contains("cyd@acme.test"))
        for bad in ["cyd", "cyd@", "@acme.test", "cyd@acme", "c yd@acme.test", "cyd@@acme.test", "<cyd>@acme.test"] {
            #expect(throws: BulkheadError.invalidInput("that is not a valid email address")) {
                _ = try auth.addUser(email: bad, password: "cyd's long password", org: "Acme", role: .member)
            }
        }
    }

    @Test func shortPasswordIsRefused() throws {
        #expect(throws: BulkheadError.invalidInput("the password must be at least 12 characters long")) {
            _ = try auth.addUser(email: "cyd@acme.test", password: "short", org: "Acme", role: .member)
        }
    }

    @Test func anExistingUserGetsANewMembershipWithTheSamePassword() throws {
        let first = try auth.addUser(email: "ben@acme.test", password: AuthFixture.benPassword, org: "Globex", role: .admin)
        #expect(try fixture.strings("SELECT id FROM users WHERE email = 'ben@acme.test'").count == 1)
        #expect(throws: BulkheadError.invalidCredentials) {
            _ = try auth.addUser(email: "gus@globex.test", password: "not gus's password", org: "Acme", role: .member)
        }
        #expect(throws: BulkheadError.conflict("this user is already a member of the organization")) {
            _ = try auth.addUser(email: "ben@acme.test", password: AuthFixture.benPassword, org: "globex", role: .member)
        }
        #expect(throws: BulkheadError.notFound(kind: "organization", name: "Initech")) {
            _ = try auth.addUser(email: "ben@acme.test", password: AuthFixture.benPassword, org: "Initech", role: .member)
        }
        #expect(first.rawValue.hasPrefix("usr-"))
    }

    @Test func onlyAdminsManageMembersAndOnlyInTheirOwnOrg() async throws {
        let ben = try await auth.login(email: "ben@acme.test", password: AuthFixture.benPassword).principal
        let ada = try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword).principal
        #expect(throws: BulkheadError.denied) { try auth.removeMember(email: "ada@acme.test", by: ben) }
        #expect(throws: BulkheadError.denied) { try auth.setRole(email: "ben@acme.test", role: .admin, by: ben) }
        #expect(throws: BulkheadError.denied) { _ = try auth.members(of: ben) }
        // Globex's admin looks missing from Acme.
        #expect(throws: BulkheadError.notFound(kind: "user", name: "gus@globex.test")) {
            try auth.removeMember(email: "gus@globex.test", by: ada)
        }
        #expect(throws: BulkheadError.notFound(kind: "user", name: "ghost@acme.test")) {
            try auth.setRole(email: "ghost@acme.test", role: .admin, by: ada)
        }
        #expect(throws: BulkheadError.invalidInput("an organization must keep at least one admin")) {
            try auth.removeMember(email: "ada@acme.test", by: ada)
        }
        #expect(try auth.members(of: ada).map(\.email) == ["ada@acme.test", "ben@acme.test"])
        try auth.setRole(email: "ben@acme.test", role: .admin, by: ada)
        #expect(try auth.members(of: ada).map(\.role) == [.admin, .admin])
    }

    @Test func membershipsListOnlyTheUsersOwnOrgs() async throws {
        let ben = try await auth.login(email: "ben@acme.test", password: AuthFixture.benPassword).principal
        #expect(try auth.memberships(for: ben).map(\.orgID) == [fixture.acme])
    }
}
