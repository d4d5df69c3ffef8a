import BulkheadAuth
import BulkheadCore
import Foundation
import JWTKit

/// Session tokens through `TokenService.verify`: jwt-kit's parser, the EdDSA-only check, the
/// signature and the time claims.
///
/// The key is fixed (the private scalar is the bytes 0 to 31) and so is the clock
/// (1,800,000,000 s after 1970), so the seed corpus holds tokens that really verify, and
/// mutations of them reach every check. Property: a token that verifies carries claims inside
/// their time window; anything else is a `TokenRejection`, never a crash.
enum TokenVerificationFuzz {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static let service: TokenService? = {
        let seed = Data((0..<32).map { UInt8($0) }).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        guard let key = try? EdDSA.PrivateKey(d: seed, curve: .ed25519) else { return nil }
        return TokenService(signingKey: key, clock: ManualClock(now))
    }()

    static func run(_ data: Data) async {
        guard let service else { preconditionFailure("the fuzz signing key could not be made") }
        let token = String(decoding: data, as: UTF8.self)
        do {
            let claims = try await service.verify(token)
            precondition(claims.expiration.value > now, "an expired token verified")
            precondition(claims.issuedAt.value <= now.addingTimeInterval(TokenService.allowedSkew), "a token from the future verified")
        } catch {
            // A TokenRejection: the only error `verify` can throw.
        }
    }
}
