import BulkheadCore
import Foundation
import Testing
@testable import BulkheadAuth

/// Lockout and exponential backoff on the injected clock, counted per normalized email.
@Suite struct LockoutTests {
    let fixture: AuthFixture
    var auth: AuthService { fixture.auth }
    var clock: ManualClock { fixture.clock }

    init() throws { fixture = try AuthFixture() }

    func fail(_ email: String, expecting error: BulkheadError) async {
        await #expect(throws: error) { _ = try await auth.login(email: email, password: "definitely not it") }
    }

    @Test func sixthAttemptIsLockedEvenWithTheRightPasswordUntilTheBackoffPasses() async throws {
        for _ in 0..<4 { await fail("ada@acme.test", expecting: .invalidCredentials) }
        await fail("ada@acme.test", expecting: .lockedOut(retryAfterSeconds: 30))

        await #expect(throws: BulkheadError.lockedOut(retryAfterSeconds: 30)) {
            _ = try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword)
        }
        clock.advance(29)
        await #expect(throws: BulkheadError.lockedOut(retryAfterSeconds: 1)) {
            _ = try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword)
        }
        #expect(BulkheadError.lockedOut(retryAfterSeconds: 1).message.contains("try again in 1 s"))
        clock.advance(1)
        let result = try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword)
        #expect(result.principal.email == "ada@acme.test")

        // Success cleared the count: four more failures do not lock.
        for _ in 0..<4 { await fail("ada@acme.test", expecting: .invalidCredentials) }
        _ = try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword)
        #expect(try fixture.events("login_locked").count == 2)
    }

    @Test func backoffDoublesAndIsCapped() async throws {
        for _ in 0..<4 { await fail("ben@acme.test", expecting: .invalidCredentials) }
        var expected = 30
        for _ in 0..<9 {
            await fail("ben@acme.test", expecting: .lockedOut(retryAfterSeconds: expected))
            clock.advance(TimeInterval(expected))
            expected = min(expected * 2, 3600)
        }
        #expect(expected == 3600)
        await fail("ben@acme.test", expecting: .lockedOut(retryAfterSeconds: 3600))
        #expect(LockoutPolicy.standard.lockDuration(afterFailures: 4) == nil)
        #expect(LockoutPolicy.standard.lockDuration(afterFailures: 5) == 30)
        #expect(LockoutPolicy.standard.lockDuration(afterFailures: 6) == 60)
        #expect(LockoutPolicy.standard.lockDuration(afterFailures: 500) == 3600)
    }

    @Test func caseAndWhitespaceVariantsCountTowardOneLockout() async throws {
        let variants = ["ADA@ACME.TEST", "  ada@acme.test ", "Ada@Acme.Test\n", "\tada@ACME.test", "ada@acme.test"]
        for variant in variants.dropLast() { await fail(variant, expecting: .invalidCredentials) }
        await fail(variants.last!, expecting: .lockedOut(retryAfterSeconds: 30))
        for variant in variants {
            await #expect(throws: BulkheadError.lockedOut(retryAfterSeconds: 30)) {
                _ = try await auth.login(email: variant, password: AuthFixture.adaPassword)
            }
        }
        // Another account is not affected.
        _ = try await auth.login(email: "ben@acme.test", password: AuthFixture.benPassword)
    }

    @Test func unknownEmailsLockExactlyLikeRealOnes() async throws {
        var real: [BulkheadError] = []
        var ghost: [BulkheadError] = []
        for _ in 0..<6 {
            for (email, into) in [("ada@acme.test", 0), ("ghost@acme.test", 1)] {
                do {
                    _ = try await auth.login(email: email, password: "definitely not it")
                } catch let error as BulkheadError {
                    if into == 0 { real.append(error) } else { ghost.append(error) }
                }
            }
        }
        #expect(real == ghost)
        #expect(real.last == .lockedOut(retryAfterSeconds: 30))
    }

    @Test func oldFailuresAreForgottenAfterAQuietDay() async throws {
        for _ in 0..<4 { await fail("ben@acme.test", expecting: .invalidCredentials) }
        clock.advance(86_400 + 1)
        // The count starts again: four more failures do not lock.
        for _ in 0..<4 { await fail("ben@acme.test", expecting: .invalidCredentials) }
        await fail("ben@acme.test", expecting: .lockedOut(retryAfterSeconds: 30))
        // Stale rows of other emails are purged on the way.
        await fail("ghost@acme.test", expecting: .invalidCredentials)
        clock.advance(86_400 + 1)
        await fail("ben@acme.test", expecting: .invalidCredentials)
        #expect(try fixture.strings("SELECT email FROM login_failures") == ["ben@acme.test"])
    }

    @Test func parallelGuessesCannotSlipPastTheThreshold() async throws {
        let auth = self.auth
        let outcomes = await withTaskGroup(of: BulkheadError?.self) { group in
            for index in 0..<12 {
                group.addTask {
                    do {
                        _ = try await auth.login(email: index.isMultiple(of: 2) ? "ADA@acme.test" : "ada@acme.test ",
                                                 password: "guess number \(index)")
                        return nil
                    } catch {
                        return error as? BulkheadError
                    }
                }
            }
            var all: [BulkheadError?] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.count == 12)
        #expect(outcomes.filter { $0 == .invalidCredentials }.count == 4)
        #expect(outcomes.filter { $0 == .lockedOut(retryAfterSeconds: 30) }.count == 8)
        #expect(try fixture.events("login_failed").count == 4)
        #expect(try fixture.events("login_lockout").count == 1)
        #expect(try fixture.events("login_locked").count == 7)
    }

    @Test func aLockoutFromOneClientDoesNotLockTheOwnerOutElsewhere() async throws {
        let attacker = LoginClient.ssh(address: "198.51.100.23")
        for _ in 0..<5 {
            _ = try? await auth.login(email: "gus@globex.test", password: "wrong guess!!", client: attacker)
        }
        await #expect(throws: BulkheadError.lockedOut(retryAfterSeconds: 30)) {
            _ = try await auth.login(email: "gus@globex.test", password: AuthFixture.gusPassword, client: attacker)
        }
        let owner = try await auth.login(email: "gus@globex.test", password: AuthFixture.gusPassword, client: .terminal("/dev/pts/7"))
        #expect(owner.principal.orgID == fixture.globex)
        // The attacker's backoff keeps doubling, and each lock is an event naming the client's kind.
        fixture.clock.advance(31)
        _ = try? await auth.login(email: "gus@globex.test", password: "wrong again!!", client: attacker)
        await #expect(throws: BulkheadError.lockedOut(retryAfterSeconds: 60)) {
            _ = try await auth.login(email: "gus@globex.test", password: AuthFixture.gusPassword, client: attacker)
        }
        #expect(try fixture.events("login_lockout").map { $0["detail"] as String }.allSatisfy { $0.contains("client=ssh") })
        #expect(try fixture.events("login_lockout").count == 2)
    }
}
