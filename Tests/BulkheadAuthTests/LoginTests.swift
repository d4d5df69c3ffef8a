import BulkheadCore
import Foundation
import GRDB
import Testing
@testable import BulkheadAuth

/// Login against a real control.db: org choice, normalization, and errors that reveal nothing.
@Suite struct LoginTests {
    let fixture: AuthFixture
    var auth: AuthService { fixture.auth }

    init() throws { fixture = try AuthFixture() }

    @Test func loginIssuesATokenThatVerifiesToThePrincipal() async throws {
        let result = try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword)
        #expect(result.principal.email == "ada@acme.test")
        #expect(result.principal.orgID == fixture.acme)
        #expect(result.principal.orgName == "Acme")
        #expect(result.principal.role == .admin)
        #expect(result.memberships.map(\.orgName) == ["Acme"])
        let again = try await auth.verify(token: result.token)
        #expect(again == result.principal)
    }

    @Test func emailIsNormalizedAtLogin() async throws {
        let result = try await auth.login(email: "  ADA@Acme.Test \n", password: AuthFixture.adaPassword)
        #expect(result.principal.email == "ada@acme.test")
    }

    @Test func unknownEmailGivesTheSameErrorAsAWrongPassword() async throws {
        var errors: [BulkheadError] = []
        for email in ["ada@acme.test", "nobody@acme.test"] {
            do {
                _ = try await auth.login(email: email, password: "a wrong password here")
                Issue.record("login should fail")
            } catch let error as BulkheadError {
                errors.append(error)
            }
        }
        #expect(errors == [.invalidCredentials, .invalidCredentials])
        #expect(errors[0].message == errors[1].message)
        #expect(errors[0].exitCode == 3)
    }

    @Test func userOfSeveralOrgsPicksOneAndTheTokenHoldsOnlyThat() async throws {
        _ = try auth.addUser(email: "ada@acme.test", org: fixture.globex, role: .member, initialPassword: nil, by: fixture.op)
        await #expect(throws: BulkheadError.invalidInput("this account belongs to several organizations; choose one with --org NAME")) {
            _ = try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword)
        }
        let picker = try auth.memberships(email: "ada@acme.test", password: AuthFixture.adaPassword)
        #expect(picker.map(\.orgName) == ["Acme", "Globex"])

        let result = try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword, org: "GLOBEX")
        #expect(result.principal.orgID == fixture.globex)
        #expect(result.principal.role == .member)
        let claims = try await auth.tokens.verify(result.token)
        #expect(claims.orgID == fixture.globex)
        let payload = try #require(Base64URL.decode(result.token.split(separator: ".")[1]))
        #expect(!String(decoding: payload, as: UTF8.self).contains(fixture.acme.rawValue))
    }

    @Test func anOrgTheUserIsNotInAnswersLikeAMissingOne() async throws {
        for org in ["Globex", "Initech"] {
            await #expect(throws: BulkheadError.notFound(kind: "organization", name: org)) {
                _ = try await auth.login(email: "ben@acme.test", password: AuthFixture.benPassword, org: org)
            }
        }
    }

    @Test func memberPickerCountsTowardLockout() async throws {
        for _ in 0..<4 {
            #expect(throws: BulkheadError.invalidCredentials) { _ = try auth.memberships(email: "ben@acme.test", password: "not ben's password") }
        }
        #expect(throws: BulkheadError.lockedOut(retryAfterSeconds: 30)) {
            _ = try auth.memberships(email: "ben@acme.test", password: "not ben's password")
        }
    }

    @Test func failedLoginsAreSecurityEventsWithoutSecrets() async throws {
        await #expect(throws: BulkheadError.invalidCredentials) {
            _ = try await auth.login(email: "ben@acme.test", password: "hunter2hunter2")
        }
        await #expect(throws: BulkheadError.invalidCredentials) {
            _ = try await auth.login(email: "ghost@acme.test", password: "hunter3hunter3")
        }
        let events = try fixture.events("login_failed")
        #expect(events.count == 2)
        for event in events {
            let detail: String = event["detail"]
            #expect(!detail.contains("hunter"))
            #expect(!detail.contains("@"))
        }
        #expect(events[0]["user_id"] as String? != nil)
        #expect(events[1]["user_id"] as String? == nil)
    }

    @Test func realParametersRoundTripThroughAnAccount() async throws {
        let strong = try AuthService(workspace: fixture.workspace, control: fixture.control, clock: fixture.clock,
                                     random: SystemRandom())
        _ = try strong.addUser(email: "zoe@acme.test", org: fixture.acme, role: .member, initialPassword: "zoe's strong password", by: fixture.op)
        let stored = try fixture.strings("SELECT password_hash FROM users WHERE email = 'zoe@acme.test'").first
        #expect(stored?.hasPrefix("scrypt$17$8$1$") == true)
        let result = try await strong.login(email: "zoe@acme.test", password: "zoe's strong password")
        #expect(result.principal.role == .member)
    }
}
