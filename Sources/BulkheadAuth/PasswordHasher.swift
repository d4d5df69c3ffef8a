import BulkheadCore
import COpenSSL
import Foundation

/// Hashes and verifies passwords with scrypt from OpenSSL (`EVP_PBE_scrypt`).
///
/// scrypt is memory-hard, so a stolen `control.db` costs an attacker real memory per guess, not
/// just a cheap GPU cycle. Each hash is stored as a self-describing string
/// (`scrypt$<log2 N>$<r>$<p>$<salt b64>$<hash b64>`, see ``StoredPasswordHash``), so the cost can
/// be raised later without breaking existing accounts: verification always uses the parameters
/// stored beside the hash, and ``needsRehash(_:)`` tells the caller when to upgrade one.
public struct PasswordHasher: Sendable {
    /// The shortest password accepted, in characters.
    public static let minimumPasswordLength = 12
    /// The longest password accepted, in UTF-8 bytes; a bound so no one can make us hash a megabyte.
    public static let maximumPasswordBytes = 1024
    /// The salt length in bytes; every hash gets a fresh random salt.
    public static let saltLength = 16
    /// The derived key length in bytes.
    public static let keyLength = 32

    /// The scrypt cost used for new hashes.
    public let parameters: Parameters
    private let random: any RandomSource

    /// Makes a hasher that salts from `random` and hashes new passwords with `parameters`.
    ///
    /// Production uses ``Parameters/standard``; tests pass small parameters so they run fast.
    public init(parameters: Parameters = .standard, random: any RandomSource) {
        self.parameters = parameters
        self.random = random
    }

    /// Checks the password policy and hashes `password` with a fresh salt.
    ///
    /// - Throws: `BulkheadError.invalidInput` when the password breaks the policy.
    public func hash(_ password: String) throws -> String {
        try Self.checkPolicy(password)
        let salt = random.bytes(count: Self.saltLength)
        let key = try Self.scrypt(password: Self.bytes(of: password), salt: salt,
                                  n: parameters.n, r: UInt64(parameters.r), p: UInt64(parameters.p),
                                  length: Self.keyLength)
        return StoredPasswordHash(parameters: parameters, salt: salt, hash: key).encoded
    }

    /// True when `password` matches `stored`; the comparison runs in constant time.
    ///
    /// A stored string that does not parse, or that names parameters out of bounds, never matches.
    public func verify(_ password: String, against stored: String) -> Bool {
        guard let parsed = StoredPasswordHash(parsing: stored),
              password.utf8.count <= Self.maximumPasswordBytes,
              let key = try? Self.scrypt(password: Self.bytes(of: password), salt: parsed.salt,
                                         n: parsed.parameters.n, r: UInt64(parsed.parameters.r),
                                         p: UInt64(parsed.parameters.p), length: parsed.hash.count)
        else { return false }
        return Self.constantTimeEqual(key, parsed.hash)
    }

    /// Does the same scrypt work as a verification, against nothing.
    ///
    /// Login calls it for an email that has no account, so a failed login takes as long whether
    /// or not the email exists and timing cannot tell an attacker which accounts are real.
    public func simulateVerification(_ password: String) {
        let bytes = Array(Self.bytes(of: password).prefix(Self.maximumPasswordBytes))
        _ = try? Self.scrypt(password: bytes, salt: [UInt8](repeating: 0, count: Self.saltLength),
                             n: parameters.n, r: UInt64(parameters.r), p: UInt64(parameters.p),
                             length: Self.keyLength)
    }

    /// True when `stored` was made with other parameters than this hasher's, so it should be re-hashed
    /// at the next successful login.
    public func needsRehash(_ stored: String) -> Bool {
        StoredPasswordHash(parsing: stored)?.parameters != parameters
    }

    /// Throws `invalidInput` unless `password` satisfies the policy: at least 12 characters, at most 1024 bytes.
    public static func checkPolicy(_ password: String) throws {
        guard password.count >= minimumPasswordLength else {
            throw BulkheadError.invalidInput("the password must be at least \(minimumPasswordLength) characters long")
        }
        guard password.utf8.count <= maximumPasswordBytes else {
            throw BulkheadError.invalidInput("the password must be at most \(maximumPasswordBytes) bytes long")
        }
    }

    /// Raw scrypt (RFC 7914) through OpenSSL's `EVP_PBE_scrypt`.
    ///
    /// Exposed so the RFC's test vectors can be checked byte for byte. `maxmem` is set to twice
    /// what the parameters need (128·r·N bytes for V plus 128·r·p for B), since OpenSSL's default
    /// of 32 MiB would refuse N=2^17, r=8.
    ///
    /// - Throws: `BulkheadError.internalFailure` when OpenSSL refuses the parameters.
    public static func scrypt(password: [UInt8], salt: [UInt8], n: UInt64, r: UInt64, p: UInt64, length: Int) throws -> [UInt8] {
        let needed = 128 &* r &* (n &+ p &+ 2)
        let maxmem = max(needed &* 2, 32 << 20)
        var key = [UInt8](repeating: 0, count: length)
        let ok = password.withUnsafeBufferPointer { pass in
            salt.withUnsafeBufferPointer { saltBuffer in
                key.withUnsafeMutableBufferPointer { out in
                    pass.withMemoryRebound(to: CChar.self) { passChars in
                        // OpenSSL treats a NULL password or salt as empty, which RFC 7914's first vector needs.
                        EVP_PBE_scrypt(passChars.baseAddress, passChars.count,
                                       saltBuffer.baseAddress, saltBuffer.count,
                                       n, r, p, maxmem, out.baseAddress, out.count)
                    }
                }
            }
        }
        guard ok == 1 else {
            ERR_clear_error()
            throw BulkheadError.internalFailure(code: "auth-scrypt")
        }
        return key
    }

    /// Compares two byte strings in time that depends only on their length (`CRYPTO_memcmp`).
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count, !a.isEmpty else { return false }
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, x.count) == 0 }
        }
    }

    /// The bytes hashed for a password: its UTF-8 after Unicode canonical composition (NFC), so the
    /// same password typed on two keyboards that compose accents differently still matches.
    static func bytes(of password: String) -> [UInt8] {
        Array(password.precomposedStringWithCanonicalMapping.utf8)
    }
}
