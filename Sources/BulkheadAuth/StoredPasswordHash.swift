import Foundation

/// One stored password hash: `scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>`.
///
/// The parameters travel with the hash so they can be raised later; verification reads them
/// from here and never assumes the current defaults.
public struct StoredPasswordHash: Sendable, Hashable {
    /// The scheme tag written first, so another scheme could be added beside it.
    public static let scheme = "scrypt"

    /// The scrypt cost the hash was made with.
    public let parameters: PasswordHasher.Parameters
    /// The random salt.
    public let salt: [UInt8]
    /// The derived key.
    public let hash: [UInt8]

    /// Assembles a stored hash from its parts.
    public init(parameters: PasswordHasher.Parameters, salt: [UInt8], hash: [UInt8]) {
        self.parameters = parameters
        self.salt = salt
        self.hash = hash
    }

    /// Parses a stored string, or nil when it is malformed or its parameters are out of bounds.
    public init?(parsing text: String) {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == Self.scheme,
              let logN = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
              let parameters = PasswordHasher.Parameters(logN: logN, r: r, p: p),
              let salt = Data(base64Encoded: String(parts[4])), salt.count >= 8, salt.count <= 64,
              let hash = Data(base64Encoded: String(parts[5])), hash.count >= 16, hash.count <= 64
        else { return nil }
        self.init(parameters: parameters, salt: [UInt8](salt), hash: [UInt8](hash))
    }

    /// The string kept in `users.password_hash`.
    public var encoded: String {
        "\(Self.scheme)$\(parameters)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    }
}
