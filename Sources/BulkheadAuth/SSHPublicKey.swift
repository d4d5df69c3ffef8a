import BulkheadCore
import Crypto
import Foundation
import NIOSSH

/// A user's SSH public key: its algorithm, its wire form, its comment and its fingerprint.
///
/// Lines are read the way `authorized_keys` and `*.pub` files write them (`ssh-ed25519 AAAA… comment`)
/// and checked by swift-nio-ssh's own parser, which decodes the key and refuses a point that is
/// not on its curve. Only plain Ed25519 and ECDSA (P-256, P-384, P-521) keys are accepted: no
/// certificates, no RSA or DSA, no security-key (`sk-`) types. The fingerprint is the one
/// `ssh-keygen -lf` prints: `SHA256:` and the unpadded base64 of the SHA-256 of the wire form.
public struct SSHPublicKey: Sendable, Hashable {
    /// The key types accepted.
    public enum Algorithm: String, Sendable, CaseIterable {
        case ed25519 = "ssh-ed25519"
        case ecdsaP256 = "ecdsa-sha2-nistp256"
        case ecdsaP384 = "ecdsa-sha2-nistp384"
        case ecdsaP521 = "ecdsa-sha2-nistp521"
    }

    /// The key type.
    public let algorithm: Algorithm
    /// The key in SSH wire form (what the fingerprint hashes).
    public let blob: Data
    /// The comment after the key, trimmed to printable text of at most 100 characters (may be empty).
    public let comment: String

    /// The longest line accepted; an ECDSA P-521 line with a long comment is well under it.
    public static let maximumLineLength = 4096

    /// Reads one OpenSSH public key line.
    ///
    /// - Throws: `invalidInput` with a sentence saying what is wrong (never echoing the line).
    public init(line: String) throws {
        let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw BulkheadError.invalidInput("no public key given: pass a file like ~/.ssh/id_ed25519.pub, or - and the line on stdin") }
        guard text.utf8.count <= Self.maximumLineLength, !text.contains("\n") else {
            throw BulkheadError.invalidInput("give exactly one public key line")
        }
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count >= 2 else { throw BulkheadError.invalidInput("that is not an OpenSSH public key line (type, key, comment)") }
        guard let algorithm = Algorithm(rawValue: fields[0]) else {
            if fields[0].contains("PRIVATE KEY") || text.hasPrefix("-----") {
                throw BulkheadError.invalidInput("that is a private key: give the public one (the .pub file), and keep the private key to yourself")
            }
            throw BulkheadError.invalidInput("only Ed25519 and ECDSA keys are accepted (ssh-ed25519, ecdsa-sha2-nistp256/384/521); make one with ssh-keygen -t ed25519")
        }
        let parsed: NIOSSHPublicKey
        do {
            parsed = try NIOSSHPublicKey(openSSHPublicKey: "\(fields[0]) \(fields[1])")
        } catch {
            throw BulkheadError.invalidInput("the public key does not decode (is the line complete?)")
        }
        try self.init(parsed, comment: fields.dropFirst(2).joined(separator: " "))
        guard self.algorithm == algorithm else { throw BulkheadError.invalidInput("the public key does not decode (is the line complete?)") }
    }

    /// The key a client authenticated with, as swift-nio-ssh hands it to the server.
    ///
    /// - Throws: `invalidInput` for a key type that is not accepted (a certificate).
    public init(_ key: NIOSSHPublicKey, comment: String = "") throws {
        let canonical = String(openSSHPublicKey: key).split(separator: " ").map(String.init)
        guard canonical.count == 2, let algorithm = Algorithm(rawValue: canonical[0]), let blob = Data(base64Encoded: canonical[1]) else {
            throw BulkheadError.invalidInput("only Ed25519 and ECDSA keys are accepted")
        }
        self.algorithm = algorithm
        self.blob = blob
        self.comment = Self.cleanComment(comment)
    }

    /// `SHA256:` and the unpadded base64 of the SHA-256 of the wire form, as `ssh-keygen -lf` prints it.
    public var fingerprint: String {
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }

    /// The key as an `authorized_keys` line without its comment: `type base64`.
    public var openSSHLine: String { "\(algorithm.rawValue) \(blob.base64EncodedString())" }

    /// True when `text` has the shape of a fingerprint (`SHA256:` and 43 base64 characters).
    public static func isFingerprint(_ text: String) -> Bool {
        guard text.hasPrefix("SHA256:") else { return false }
        let body = text.dropFirst(7)
        return body.count == 43 && body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/") }
    }

    /// Printable ASCII only, at most 100 characters: a comment is shown in listings and must not steer a terminal.
    private static func cleanComment(_ comment: String) -> String {
        String(comment.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.prefix(100).map(Character.init))
            .trimmingCharacters(in: .whitespaces)
    }
}
