import BulkheadCore
import BulkheadStore
import Foundation
import JWTKit

extension TokenService {
    /// Loads the home's signing key, or makes and stores one on first run.
    ///
    /// The key lives in `workspace.privateFileURL("signing-ed25519.key")` as PEM, written
    /// atomically with mode 0600. A key file that others may read is refused rather than used:
    /// whoever can read it can mint tokens for every org.
    ///
    /// - Throws: `integrity` when the file exists but is not private or does not hold an Ed25519 key.
    package static func loadOrCreateSigningKey(in workspace: Workspace, random: any RandomSource) throws -> EdDSA.PrivateKey {
        let url = workspace.privateFileURL(AuthService.signingKeyFileName)
        let files = FileManager.default
        if files.fileExists(atPath: url.path) {
            let mode = (try? files.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? 0o777
            guard mode & 0o077 == 0 else {
                throw BulkheadError.integrity("the signing key file must be private to its owner (mode 0600)")
            }
            guard let data = files.contents(atPath: url.path),
                  let key = try? EdDSA.PrivateKey(pem: String(decoding: data, as: UTF8.self))
            else {
                throw BulkheadError.integrity("the signing key file is unreadable")
            }
            return key
        }
        let key = try makeSigningKey(random: random)
        do {
            try workspace.writePrivateFile(Data(key.pemRepresentation.utf8), to: url)
        } catch {
            throw BulkheadError.safe(error, code: "auth-key-write")
        }
        return key
    }
}
