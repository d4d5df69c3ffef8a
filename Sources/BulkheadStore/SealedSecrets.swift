import BulkheadCore
import Crypto
import Foundation
import Synchronization

/// Secrets sealed at rest with AES-256-GCM: network source credentials and model API keys.
///
/// The keys live in one file in the home (`secrets.key`, 0600), made on first use. Each sealed
/// secret has its own random 96-bit nonce and names the key that sealed it, so keys can rotate:
/// `rotate()` adds a new current key and keeps the old ones for opening what they sealed. The
/// caller's `context` (for example `org:acme/provider:anthropic`) is bound in as additional
/// authenticated data, so a sealed blob moved to another org or another use does not open.
/// The sealed form is text: `bh1:<key id>:<base64 of nonce, ciphertext and tag>`.
public final class SealedSecrets: Sendable {
    private struct KeyRing: Codable {
        var current: String
        var keys: [String: String]
    }

    private let workspace: Workspace
    private let random: any RandomSource
    private let ring = Mutex<KeyRing?>(nil)
    private static let prefix = "bh1"

    /// Uses the key file of `workspace`; key ids come from `random`, key bytes from the system's generator.
    public init(workspace: Workspace, random: any RandomSource = SystemRandom()) {
        self.workspace = workspace
        self.random = random
    }

    /// The key file's location.
    public var keyFileURL: URL { workspace.privateFileURL("secrets.key") }

    /// The id of the key new secrets are sealed with.
    public func currentKeyID() throws -> String {
        try withRing { $0.current }
    }

    /// Seals `plaintext` for `context` with the current key.
    public func seal(_ plaintext: Data, context: String) throws -> String {
        let (keyID, key) = try withRing { ring -> (String, SymmetricKey) in
            (ring.current, try Self.key(ring, ring.current))
        }
        do {
            let box = try AES.GCM.seal(plaintext, using: key, nonce: AES.GCM.Nonce(), authenticating: Data(context.utf8))
            guard let combined = box.combined else { throw BulkheadError.internalFailure(code: "seal") }
            return "\(Self.prefix):\(keyID):\(combined.base64EncodedString())"
        } catch let error as BulkheadError {
            throw error
        } catch {
            throw BulkheadError.internalFailure(code: "seal")
        }
    }

    /// Seals a text secret (an API key, a password).
    public func seal(_ plaintext: String, context: String) throws -> String {
        try seal(Data(plaintext.utf8), context: context)
    }

    /// Opens a sealed secret; throws `integrity` when it was tampered with, sealed for another context, or by an unknown key.
    public func open(_ sealed: String, context: String) throws -> Data {
        let parts = sealed.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == Self.prefix, let combined = Data(base64Encoded: String(parts[2])) else {
            throw BulkheadError.integrity("the sealed secret is malformed")
        }
        let keyID = String(parts[1])
        let key = try withRing { ring -> SymmetricKey in
            guard ring.keys[keyID] != nil else {
                throw BulkheadError.integrity("the secret was sealed with a key this installation does not have")
            }
            return try Self.key(ring, keyID)
        }
        do {
            let box = try AES.GCM.SealedBox(combined: combined)
            return try AES.GCM.open(box, using: key, authenticating: Data(context.utf8))
        } catch {
            throw BulkheadError.integrity("the sealed secret does not verify")
        }
    }

    /// Opens a sealed text secret.
    public func openString(_ sealed: String, context: String) throws -> String {
        let data = try open(sealed, context: context)
        guard let text = String(data: data, encoding: .utf8) else { throw BulkheadError.integrity("the sealed secret is not text") }
        return text
    }

    /// Makes a new current key (old keys stay, so what they sealed still opens) and returns its id.
    @discardableResult
    public func rotate() throws -> String {
        try withRing { ring -> String in
            let id = Self.newKeyID(random)
            var updated = ring
            updated.keys[id] = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
            updated.current = id
            try save(updated)
            ring = updated
            return id
        }
    }

    private func withRing<T: Sendable>(_ body: (inout KeyRing) throws -> T) throws -> T {
        try ring.withLock { cached -> T in
            var loaded = try cached ?? loadOrCreate()
            defer { cached = loaded }
            return try body(&loaded)
        }
    }

    private func loadOrCreate() throws -> KeyRing {
        let url = keyFileURL
        if FileManager.default.fileExists(atPath: url.path) {
            chmod(url.path, 0o600)
            guard let data = try? Data(contentsOf: url), let ring = try? JSONDecoder().decode(KeyRing.self, from: data),
                  ring.keys[ring.current] != nil else {
                throw BulkheadError.integrity("the secrets key file is damaged")
            }
            return ring
        }
        let id = Self.newKeyID(random)
        let ring = KeyRing(current: id, keys: [id: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }])
        try save(ring)
        return ring
    }

    private func save(_ ring: KeyRing) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(ring) else { throw BulkheadError.internalFailure(code: "secrets-key-encode") }
        try workspace.writePrivateFile(data, to: keyFileURL)
    }

    private static func key(_ ring: KeyRing, _ id: String) throws -> SymmetricKey {
        guard let encoded = ring.keys[id], let bytes = Data(base64Encoded: encoded), bytes.count == 32 else {
            throw BulkheadError.integrity("the secrets key file is damaged")
        }
        return SymmetricKey(data: bytes)
    }

    private static func newKeyID(_ random: any RandomSource) -> String {
        "k-" + random.bytes(count: 8).map { String(format: "%02x", $0) }.joined()
    }
}
