import BulkheadCore
import Foundation
import JWTKit

/// Issues and verifies session tokens: JWTs signed with Ed25519 (`alg: EdDSA`) through jwt-kit.
///
/// Only one algorithm is ever accepted. Verification reads the header with jwt-kit's parser and
/// refuses any `alg` but `EdDSA` before the signature is looked at, then lets jwt-kit check the
/// signature with a key collection that holds nothing but the EdDSA key, so `alg: none` and
/// HS256 signed with the public key as an HMAC secret (key confusion) both fail twice over.
/// Time claims are checked against the injected clock. This type knows nothing about sessions or
/// memberships; ``AuthService`` checks those after a token verifies here.
package final class TokenService: Sendable {
    /// The one accepted algorithm name.
    package static let algorithm = "EdDSA"
    /// The default token lifetime, 8 hours.
    package static let defaultLifetime: TimeInterval = 8 * 3600
    /// How far `iat` may lie in the future before a token is refused (clock skew between processes).
    package static let allowedSkew: TimeInterval = 60

    private let signingKey: EdDSA.PrivateKey
    private let clock: any Clock
    /// How long a new token stays valid.
    package let lifetime: TimeInterval

    /// Makes a service that signs with `signingKey` and reads the time from `clock`.
    package init(signingKey: EdDSA.PrivateKey, clock: any Clock, lifetime: TimeInterval = TokenService.defaultLifetime) {
        self.signingKey = signingKey
        self.clock = clock
        self.lifetime = lifetime
    }

    /// The public half of the signing key.
    package var publicKey: EdDSA.PublicKey { signingKey.publicKey }

    /// Issues a token for one session in one org, valid from `now` for ``lifetime``.
    ///
    /// The caller passes `now` so the session row it writes and the token carry the same times.
    package func issue(user: UserID, org: OrgID, role: Role, session: SessionID, at now: Date) async throws -> (token: String, claims: SessionClaims) {
        let claims = SessionClaims(subject: user, orgID: org, role: role, sessionID: session,
                                   issuedAt: now, expiresAt: now.addingTimeInterval(lifetime))
        return (try await sign(claims), claims)
    }

    /// Signs any claims with the real key. Used by ``issue(user:org:role:session:at:)``, and by tests
    /// as a seam to prove that a correctly signed token is still checked against the membership.
    package func sign(_ claims: SessionClaims) async throws -> String {
        do {
            return try await keys().sign(claims, header: ["alg": .string(Self.algorithm), "typ": "JWT"])
        } catch {
            throw BulkheadError.internalFailure(code: "auth-sign")
        }
    }

    /// Verifies `token` and returns its claims, or throws a ``TokenRejection`` saying why not.
    package func verify(_ token: String) async throws(TokenRejection) -> SessionClaims {
        // The header, read with jwt-kit's own parser: only EdDSA is ever accepted.
        let header: JWTHeader
        do {
            header = try DefaultJWTParser().parse(Array(token.utf8), as: SessionClaims.self).header
        } catch {
            throw .malformed
        }
        guard header.alg == Self.algorithm else { throw .wrongAlgorithm }

        let claims: SessionClaims
        do {
            claims = try await keys().verify(token, as: SessionClaims.self)
        } catch {
            throw .badSignature
        }

        let now = clock.now()
        do {
            try claims.expiration.verifyNotExpired(currentDate: now)
        } catch {
            throw .expired
        }
        if let notBefore = claims.notBefore, now < notBefore.value { throw .notYetValid }
        guard claims.issuedAt.value <= now.addingTimeInterval(Self.allowedSkew) else { throw .notYetValid }
        guard claims.issuedAt.value < claims.expiration.value else { throw .malformed }
        return claims
    }

    /// A key collection holding only the EdDSA key. It is made per call because jwt-kit's
    /// collection is an actor that can only be filled asynchronously; making one costs microseconds.
    private func keys() async -> JWTKeyCollection {
        let keys = JWTKeyCollection()
        await keys.add(eddsa: signingKey)
        return keys
    }
}

/// Why a token was refused. It goes into security events and logs as ``code``; the caller only
/// ever sees `BulkheadError.notAuthenticated`.
package enum TokenRejection: Error, Sendable, Equatable {
    /// Not three base64url parts of JSON, or a claim failed to decode.
    case malformed
    /// The header names an algorithm other than EdDSA (including `none` and HS256).
    case wrongAlgorithm
    /// The signature does not verify with our key (tampered, or signed with another key).
    case badSignature
    /// `exp` has passed.
    case expired
    /// `nbf` or `iat` lies in the future.
    case notYetValid

    /// A short code for security events and logs.
    package var code: String {
        switch self {
        case .malformed: return "malformed"
        case .wrongAlgorithm: return "wrong_algorithm"
        case .badSignature: return "bad_signature"
        case .expired: return "expired"
        case .notYetValid: return "not_yet_valid"
        }
    }
}
