import BulkheadCore
import BulkheadStore
import Foundation
import GRDB
import JWTKit
import Testing
@testable import BulkheadAuth

/// Token forgery end to end through `AuthService.verify`: every refusal is `notAuthenticated` and a security event.
@Suite struct TokenVerificationTests {
    let fixture: AuthFixture
    var auth: AuthService { fixture.auth }

    init() throws { fixture = try AuthFixture() }

    func refused(_ token: String, reason: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let before = try fixture.events("token_rejected").count
        await #expect(throws: BulkheadError.notAuthenticated, sourceLocation: sourceLocation) {
            _ = try await auth.verify(token: token)
        }
        let events = try fixture.events("token_rejected")
        #expect(events.count == before + 1, sourceLocation: sourceLocation)
        let detail: String = events.last?["detail"] ?? ""
        #expect(detail.contains("reason=\(reason)"), "detail was \(detail)", sourceLocation: sourceLocation)
    }

    func ben() async throws -> LoginResult {
        try await auth.login(email: "ben@acme.test", password: AuthFixture.benPassword)
    }

    @Test func algNoneIsRefused() async throws {
        let real = try await ben().token
        let parts = real.split(separator: ".").map(String.init)
        let header = Base64URL.encode(Data(#"{"alg":"none","typ":"JWT"}"#.utf8))
        try await refused("\(header).\(parts[1]).", reason: "wrong_algorithm")
    }

    @Test func hs256WithThePublicKeyAsSecretIsRefused() async throws {
        let login = try await ben()
        let claims = try await auth.tokens.verify(login.token)
        let hmac = JWTKeyCollection()
        await hmac.add(hmac: HMACKey(from: auth.tokens.publicKey.rawRepresentation), digestAlgorithm: .sha256)
        try await refused(try await hmac.sign(claims), reason: "wrong_algorithm")
    }

    @Test func tamperedPayloadIsRefused() async throws {
        let real = try await ben().token
        try await refused(try Base64URL.tamper(real) { $0["role"] = "admin" }, reason: "bad_signature")
        try await refused(try Base64URL.tamper(real) { $0["org_id"] = fixture.globex.rawValue }, reason: "bad_signature")
    }

    @Test func anotherOrgsClaimSignedWithTheRealKeyIsRefused() async throws {
        let login = try await ben()
        var claims = try await auth.tokens.verify(login.token)
        claims.orgID = fixture.globex
        // The real session belongs to Acme.
        try await refused(try await auth.tokens.sign(claims), reason: "session_mismatch")

        // Even with a matching Globex session row planted, ben is no member of Globex.
        let planted = SessionID(rawValue: "ses-planted")!
        try fixture.execute("""
            INSERT INTO sessions (id, user_id, org_id, issued_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)
            """, [planted.rawValue, claims.subject.rawValue, fixture.globex.rawValue,
                  fixture.clock.now(), fixture.clock.now().addingTimeInterval(3600)])
        claims.sessionID = planted
        try await refused(try await auth.tokens.sign(claims), reason: "not_member")
    }

    @Test func aMembersTokenCannotClaimAdmin() async throws {
        let login = try await ben()
        #expect(login.principal.role == .member)
        var claims = try await auth.tokens.verify(login.token)
        claims.role = .admin
        try await refused(try await auth.tokens.sign(claims), reason: "role_mismatch")
    }

    @Test func expiredTokenIsRefused() async throws {
        let token = try await ben().token
        fixture.clock.advance(8 * 3600)
        try await refused(token, reason: "expired")
    }

    @Test func logoutRevokesTheSession() async throws {
        let login = try await ben()
        try auth.logout(principal: login.principal)
        try await refused(login.token, reason: "revoked")
        // A fresh login works again.
        _ = try await auth.verify(token: try await ben().token)
    }

    @Test func removedMemberIsRefused() async throws {
        let benLogin = try await ben()
        let ada = try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword).principal
        try auth.removeMember(email: " BEN@acme.test", by: ada)
        try await refused(benLogin.token, reason: "revoked")
        await #expect(throws: BulkheadError.invalidInput("this account is not a member of any organization")) {
            _ = try await ben()
        }
        #expect(try fixture.events("member_removed").count == 1)
    }

    @Test func removedMemberIsRefusedEvenIfTheSessionSurvives() async throws {
        let benLogin = try await ben()
        try fixture.execute("DELETE FROM memberships WHERE user_id = ?", [benLogin.principal.userID.rawValue])
        try await refused(benLogin.token, reason: "not_member")
    }

    @Test func demotedAdminsOldTokenIsRefused() async throws {
        _ = try fixture.auth.addUser(email: "cyd@acme.test", org: fixture.acme, role: .admin, initialPassword: "cyd's long password", by: fixture.op)
        let ada = try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword)
        let cyd = try await auth.login(email: "cyd@acme.test", password: "cyd's long password")
        try auth.setRole(email: "ada@acme.test", role: .member, by: cyd.principal)
        try await refused(ada.token, reason: "role_mismatch")
        let again = try await auth.login(email: "ada@acme.test", password: AuthFixture.adaPassword)
        #expect(again.principal.role == .member)
    }

    @Test func theKeyIsMadeOnceAndKeptPrivate() async throws {
        let token = try await ben().token
        let second = try fixture.reopen()
        #expect(try await second.verify(token: token).email == "ben@acme.test")

        let keyFile = fixture.workspace.privateFileURL(AuthService.signingKeyFileName)
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // Another home has another key: its tokens do not verify here.
        let other = try AuthFixture()
        let foreign = try await other.auth.login(email: "ben@acme.test", password: AuthFixture.benPassword).token
        try await refused(foreign, reason: "bad_signature")
    }

    @Test func aKeyFileReadableByOthersIsRefused() throws {
        let keyFile = fixture.workspace.privateFileURL(AuthService.signingKeyFileName)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile.path)
        #expect(throws: BulkheadError.self) { _ = try fixture.reopen() }
    }

    @Test func processesStartingOnAFreshHomeAgreeOnOneKey() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-keyrace-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace(root: root)
        let keys = try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try TokenService.loadOrCreateSigningKey(in: workspace, random: SystemRandom()).publicKey.rawRepresentation
                }
            }
            var all: [Data] = []
            for try await key in group { all.append(key) }
            return all
        }
        #expect(keys.count == 8)
        #expect(Set(keys).count == 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".new") }
        #expect(leftovers.isEmpty)
    }
}
