import BulkheadCore
import BulkheadStore
import Foundation
import JWTKit

extension TokenService {
    /// Loads the home's signing key, or makes and stores one on first run.
    ///
    /// The key lives in `workspace.privateFileURL("signing-ed25519.key")` as PEM, mode 0600, made
    /// and guarded by ``PrivateKeyFile`` (one key wins a race on a fresh home; a key file others can
    /// read is refused, because whoever reads it can mint tokens for every org).
    ///
    /// - Throws: `integrity` when the file exists but is not private or does not hold an Ed25519 key.
    package static func loadOrCreateSigningKey(in workspace: Workspace, random: any RandomSource) throws -> EdDSA.PrivateKey {
        try PrivateKeyFile.loadOrCreate(
            at: workspace.privateFileURL(AuthService.signingKeyFileName), in: workspace, purpose: "signing key",
            make: {
                let key = try makeSigningKey(random: random)
                return (Data(key.pemRepresentation.utf8), key)
            },
            decode: { try? EdDSA.PrivateKey(pem: String(decoding: $0, as: UTF8.self)) }
        ).key
    }
}
