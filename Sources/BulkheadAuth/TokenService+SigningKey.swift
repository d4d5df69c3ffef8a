import BulkheadCore
import Foundation
import JWTKit

extension TokenService {
    /// Makes a fresh Ed25519 signing key from 32 bytes of `random`.
    package static func makeSigningKey(random: any RandomSource) throws -> EdDSA.PrivateKey {
        let seed = Data(random.bytes(count: 32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        do {
            return try EdDSA.PrivateKey(d: seed, curve: .ed25519)
        } catch {
            throw BulkheadError.internalFailure(code: "auth-keygen")
        }
    }
}
