import BulkheadCore
import BulkheadStore
import Foundation
import JWTKit

extension TokenService {
    /// Loads the home's signing key, or makes and stores one on first run.
    ///
    /// The key lives in `workspace.privateFileURL("signing-ed25519.key")` as PEM, mode 0600. A new
    /// key is written to a private staging file first and then hard-linked into place, which fails
    /// if the file already exists: when two processes start on a fresh home at once, one key wins
    /// and both use it, instead of the second silently replacing the first's key (which would void
    /// every token the first had issued). A key file that others may read is refused rather than
    /// used: whoever can read it can mint tokens for every org.
    ///
    /// - Throws: `integrity` when the file exists but is not private or does not hold an Ed25519 key.
    package static func loadOrCreateSigningKey(in workspace: Workspace, random: any RandomSource) throws -> EdDSA.PrivateKey {
        let url = workspace.privateFileURL(AuthService.signingKeyFileName)
        if FileManager.default.fileExists(atPath: url.path) {
            return try loadSigningKey(at: url)
        }
        let key = try makeSigningKey(random: random)
        let staging = workspace.privateFileURL(".\(AuthService.signingKeyFileName).\(UUID().uuidString).new")
        do {
            try workspace.writePrivateFile(Data(key.pemRepresentation.utf8), to: staging)
        } catch {
            throw BulkheadError.safe(error, code: "auth-key-write")
        }
        defer { unlink(staging.path) }
        guard link(staging.path, url.path) == 0 else {
            guard errno == EEXIST else { throw BulkheadError.internalFailure(code: "auth-key-link") }
            return try loadSigningKey(at: url)
        }
        return key
    }

    /// Reads the key file, refusing one that is not private to its owner or does not parse.
    private static func loadSigningKey(at url: URL) throws -> EdDSA.PrivateKey {
        let files = FileManager.default
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
}
