import BulkheadCore
import Foundation
import GRDB
import Testing
@testable import BulkheadAuth

/// Org admins managing their own org: invitations, first logins, roles, removals.
@Suite struct MemberTests {
    let fixture: AuthFixture
    var auth: AuthService { fixture.auth }

    init() throws { fixture = try AuthFixture() }

    private func ada() async throws -> Principal {
        try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword).principal
    }

    @Test func anAdminAddsANewAccountWithAnInitialPasswordIntoTheirOwnOrgOnly() async throws {
        let outcome = try auth.invite(email: "cyd@acme.test", role: .member, initialPassword: "cyd's long password", by: try await ada())
        guard case .added = outcome else { Issue.record("expected added, got \(outcome)"); return }
        let cyd = try await auth.login(email: "cyd@acme.test", password: "cyd's long password")
        #expect(cyd.principal.orgID == fixture.acme)
        #expect(cyd.memberships.map(\.orgID) == [fixture.acme])
    }

    @Test func anInvitationCodeIsTheFirstPasswordOnceAndTheUserChoosesTheirOwn() async throws {
        let outcome = try auth.invite(email: "dee@acme.test", role: .admin, initialPassword: nil, by: try await ada())
        guard case let .invited(code, _) = outcome else { Issue.record("expected invited, got \(outcome)"); return }
        #expect(try fixture.strings("SELECT code_hash FROM invitations").allSatisfy { !$0.contains(code) })
        await #expect(throws: BulkheadError.firstLoginNeedsPassword) { _ = try await auth.login(email: "dee@acme.test", password: code) }
        await #expect(throws: BulkheadError.invalidInput("the password must be at least 12 characters long")) {
            _ = try await auth.login(email: "dee@acme.test", password: code, newPassword: "short")
        }
        let dee = try await auth.login(email: "dee@acme.test", password: code, newPassword: "dee's own password")
        #expect(dee.principal.role == .admin && dee.principal.orgID == fixture.acme)
        await #expect(throws: BulkheadError.invalidCredentials) { _ = try await auth.login(email: "dee@acme.test", password: code) }
        _ = try await auth.login(email: "dee@acme.test", password: "dee's own password")
    }

    @Test func anExpiredInvitationCodeNoLongerWorks() async throws {
        guard case let .invited(code, _) = try auth.invite(email: "dee@acme.test", role: .member, initialPassword: nil, by: try await ada()) else {
            Issue.record("expected an invitation"); return
        }
        fixture.clock.advance(AuthService.invitationLifetime + 1)
        await #expect(throws: BulkheadError.invalidCredentials) {
            _ = try await auth.login(email: "dee@acme.test", password: code, newPassword: "dee's own password")
        }
    }

    @Test func anExistingAccountJoinsOnlyWhenItsHolderLogsInNamingTheOrg() async throws {
        let ada = try await ada()
        let outcome = try auth.invite(email: "gus@globex.test", role: .admin, initialPassword: "ada picked this one", by: ada)
        guard case .awaitingAcceptance = outcome else { Issue.record("expected awaiting acceptance, got \(outcome)"); return }
        // Gus's plain login is unchanged (no "choose an org" forced on him), and Ada's password never applies.
        let plain = try await auth.login(email: "gus@globex.test", password: AuthFixture.gusPassword)
        #expect(plain.principal.orgID == fixture.globex && plain.memberships.count == 1)
        await #expect(throws: BulkheadError.invalidCredentials) {
            _ = try await auth.login(email: "gus@globex.test", password: "ada picked this one", org: "Acme")
        }
        #expect(try auth.members(of: ada).first { $0.email == "gus@globex.test" }?.status == .invited)
        let joined = try await auth.login(email: "gus@globex.test", password: AuthFixture.gusPassword, org: "Acme")
        #expect(joined.principal.orgID == fixture.acme && joined.principal.role == .admin)
        #expect(try auth.members(of: ada).first { $0.email == "gus@globex.test" }?.status == .member)
    }

    @Test func membersManageNobodyAndAdminsOnlyTheirOwnOrg() async throws {
        let ben = try await auth.login(email: "ben@acme.test", password: AuthFixture.benPassword).principal
        let ada = try await ada()
        #expect(throws: BulkheadError.denied) { _ = try auth.invite(email: "x@acme.test", role: .admin, initialPassword: nil, by: ben) }
        #expect(throws: BulkheadError.denied) { try auth.removeMember(email: "ada@acme.test", by: ben) }
        #expect(throws: BulkheadError.denied) { try auth.setRole(email: "ben@acme.test", role: .admin, by: ben) }
        #expect(throws: BulkheadError.denied) { _ = try auth.members(of: ben) }
        #expect(try fixture.events("authorization_denied").count == 4)
        // Globex's admin looks missing from Acme.
        #expect(throws: BulkheadError.notFound(kind: "user", name: "gus@globex.test")) { try auth.removeMember(email: "gus@globex.test", by: ada) }
        #expect(throws: BulkheadError.notFound(kind: "user", name: "ghost@acme.test")) { try auth.setRole(email: "ghost@acme.test", role: .admin, by: ada) }
        #expect(throws: BulkheadError.invalidInput("an organization must keep at least one admin")) { try auth.removeMember(email: "ada@acme.test", by: ada) }
        #expect(try auth.members(of: ada).map(\.email) == ["ada@acme.test", "ben@acme.test"])
        try auth.setRole(email: "ben@acme.test", role: .admin, by: ada)
        #expect(try auth.members(of: ada).map(\.role) == [.admin, .admin])
    }

    @Test func membershipsListOnlyTheUsersOwnOrgs() async throws {
        let ben = try await auth.login(email: "ben@acme.test", password: AuthFixture.benPassword).principal
        #expect(try auth.memberships(for: ben).map(\.orgID) == [fixture.acme])
    }
}
