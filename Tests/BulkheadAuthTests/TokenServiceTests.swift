import BulkheadCore
import Foundation
import JWTKit
import Testing
@testable import BulkheadAuth

/// Token forgery at the JWT layer: only an EdDSA signature by our own key, inside its time window, verifies.
@Suite struct TokenServiceTests {
    let clock = ManualClock()
    let service: TokenService
    let user = UserID(rawValue: "usr-1")!
    let org = OrgID(rawValue: "org-acme")!
    let session = SessionID(rawValue: "ses-1")!

    init() throws {
        service = TokenService(signingKey: try TokenService.makeSigningKey(random: SeededRandom(seed: 42)), clock: clock)
    }

    func realToken() async throws -> String {
        try await service.issue(user: user, org: org, role: .member, session: session, at: clock.now()).token
    }

    func expectRejected(_ token: String, _ reason: TokenRejection) async {
        await #expect(throws: reason) { _ = try await service.verify(token) }
    }

    @Test func aRealTokenVerifiesWithItsClaims() async throws {
        let token = try await realToken()
        let claims = try await service.verify(token)
        #expect(claims.subject == user)
        #expect(claims.orgID == org)
        #expect(claims.role == .member)
        #expect(claims.sessionID == session)
        #expect(claims.expiration.value == clock.now().addingTimeInterval(8 * 3600))
        let header = try #require(Base64URL.decode(token.split(separator: ".")[0]))
        #expect(String(decoding: header, as: UTF8.self).contains("\"EdDSA\""))
    }

    @Test func algNoneIsRefused() async throws {
        // Built by hand, as an attacker would: the real payload, alg none, empty signature.
        let real = try await realToken()
        let forged = Base64URL.withHeader(real, #"{"alg":"none","typ":"JWT"}"#)
        let unsigned = forged.split(separator: ".", omittingEmptySubsequences: false)[0...1].joined(separator: ".") + "."
        await expectRejected(unsigned, .wrongAlgorithm)
        await expectRejected(Base64URL.withHeader(real, #"{"alg":"None"}"#), .wrongAlgorithm)

        // And through jwt-kit's own unsecured signer.
        let none = JWTKeyCollection()
        await none.addUnsecuredNone()
        let claims = SessionClaims(subject: user, orgID: org, role: .admin, sessionID: session,
                                   issuedAt: clock.now(), expiresAt: clock.now().addingTimeInterval(60))
        await expectRejected(try await none.sign(claims), .wrongAlgorithm)
    }

    @Test func hs256SignedWithThePublicKeyIsRefused() async throws {
        let claims = SessionClaims(subject: user, orgID: org, role: .admin, sessionID: session,
                                   issuedAt: clock.now(), expiresAt: clock.now().addingTimeInterval(60))
        for secret in [Data(service.publicKey.rawRepresentation), Data(service.publicKey.pemRepresentation.utf8)] {
            let hmac = JWTKeyCollection()
            await hmac.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
            let forged = try await hmac.sign(claims)
            await expectRejected(forged, .wrongAlgorithm)
            // Lying about the algorithm does not help: the EdDSA-only key refuses the HMAC signature.
            await expectRejected(Base64URL.withHeader(forged, #"{"alg":"EdDSA","typ":"JWT"}"#), .badSignature)
        }
    }

    @Test func otherAlgorithmsAreRefused() async throws {
        let real = try await realToken()
        for alg in ["HS256", "RS256", "ES256", "PS256", "eddsa", "Ed25519", ""] {
            await expectRejected(Base64URL.withHeader(real, #"{"alg":"\#(alg)","typ":"JWT"}"#), .wrongAlgorithm)
        }
        await expectRejected(Base64URL.withHeader(real, #"{"typ":"JWT"}"#), .wrongAlgorithm)
    }

    @Test func tamperedPayloadIsRefused() async throws {
        let real = try await realToken()
        await expectRejected(try Base64URL.tamper(real) { $0["role"] = "admin" }, .badSignature)
        await expectRejected(try Base64URL.tamper(real) { $0["org_id"] = "org-globex" }, .badSignature)
        await expectRejected(try Base64URL.tamper(real) { $0["exp"] = 9_999_999_999 }, .badSignature)
    }

    @Test func badSignatureAndWrongKeyAreRefused() async throws {
        let real = try await realToken()
        var parts = real.split(separator: ".").map(String.init)
        var signature = try #require(Base64URL.decode(parts[2]))
        signature[0] ^= 0x01
        parts[2] = Base64URL.encode(signature)
        await expectRejected(parts.joined(separator: "."), .badSignature)
        await expectRejected(parts[0...1].joined(separator: ".") + ".", .badSignature)

        let other = TokenService(signingKey: try TokenService.makeSigningKey(random: SeededRandom(seed: 7)), clock: clock)
        let foreign = try await other.issue(user: user, org: org, role: .member, session: session, at: clock.now()).token
        await expectRejected(foreign, .badSignature)
    }

    @Test func anEmbeddedAttackerKeyIsIgnored() async throws {
        // CVE-2018-0114's shape: sign with your own key and put its public half in the header.
        let attacker = try TokenService.makeSigningKey(random: SeededRandom(seed: 99))
        let keys = JWTKeyCollection()
        await keys.add(eddsa: attacker)
        let x = Base64URL.encode(attacker.publicKey.rawRepresentation)
        let claims = SessionClaims(subject: user, orgID: org, role: .admin, sessionID: session,
                                   issuedAt: clock.now(), expiresAt: clock.now().addingTimeInterval(60))
        let forged = try await keys.sign(claims, header: [
            "alg": "EdDSA", "typ": "JWT", "kid": "attacker",
            "jwk": .object(["kty": "OKP", "crv": "Ed25519", "x": .string(x)]),
            "jku": "https://attacker.example/keys.json",
        ])
        await expectRejected(forged, .badSignature)
    }

    @Test func malformedTokensAreRefused() async {
        for junk in ["", "a.b", "a.b.c", "....", "not a token", "eyJhbGciOiJFZERTQSJ9.e30."] {
            await #expect(throws: TokenRejection.self) { _ = try await service.verify(junk) }
        }
    }

    @Test func expiredTokenIsRefused() async throws {
        let token = try await realToken()
        clock.advance(8 * 3600 - 1)
        _ = try await service.verify(token)
        clock.advance(1)
        await expectRejected(token, .expired)
    }

    @Test func notYetValidTokenIsRefused() async throws {
        let now = clock.now()
        let later = SessionClaims(subject: user, orgID: org, role: .member, sessionID: session,
                                  issuedAt: now, expiresAt: now.addingTimeInterval(3600), notBefore: now.addingTimeInterval(600))
        let token = try await service.sign(later)
        await expectRejected(token, .notYetValid)
        clock.advance(600)
        #expect(try await service.verify(token).subject == user)

        let future = SessionClaims(subject: user, orgID: org, role: .member, sessionID: session,
                                   issuedAt: clock.now().addingTimeInterval(3600), expiresAt: clock.now().addingTimeInterval(7200))
        await expectRejected(try await service.sign(future), .notYetValid)
    }

    @Test func lifetimeIsConfigurable() async throws {
        let short = TokenService(signingKey: try TokenService.makeSigningKey(random: SeededRandom(seed: 8)), clock: clock, lifetime: 60)
        let token = try await short.issue(user: user, org: org, role: .member, session: session, at: clock.now()).token
        clock.advance(59)
        _ = try await short.verify(token)
        clock.advance(1)
        await #expect(throws: TokenRejection.expired) { _ = try await short.verify(token) }
    }
}
