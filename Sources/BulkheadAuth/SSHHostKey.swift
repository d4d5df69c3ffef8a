import BulkheadCore
import BulkheadStore
import Crypto
import Foundation
import NIOSSH

/// The SSH server's Ed25519 host key, kept in `ssh-host-ed25519.key` in the home (0600).
///
/// It is made on the first `bulkhead serve` and reused on every later start, so clients that
/// accepted its fingerprint once keep trusting the same server. A key file that others may read
/// is refused rather than used. The file holds one line, `bulkhead-ssh-host-ed25519 <base64 seed>`.
public struct SSHHostKey: Sendable {
    /// The file name in the home.
    public static let fileName = "ssh-host-ed25519.key"
    static let marker = "bulkhead-ssh-host-ed25519"

    let privateKey: Curve25519.Signing.PrivateKey

    /// The key as swift-nio-ssh uses it for the server's handshake.
    public var serverKey: NIOSSHPrivateKey { NIOSSHPrivateKey(ed25519Key: privateKey) }

    /// The public half, as a client sees it.
    public var publicKey: SSHPublicKey {
        // An Ed25519 public key always converts; `try!` documents that this cannot fail.
        try! SSHPublicKey(serverKey.publicKey)
    }

    /// The fingerprint OpenSSH shows for this host (`SHA256:…`).
    public var fingerprint: String { publicKey.fingerprint }

    /// Loads the home's host key, or makes and stores one on the first start.
    ///
    /// - Returns: the key, and whether this call created it.
    /// - Throws: `integrity` when the file exists but is readable by others or does not decode.
    static func loadOrCreate(in workspace: Workspace) throws -> (key: SSHHostKey, created: Bool) {
        try PrivateKeyFile.loadOrCreate(
            at: workspace.privateFileURL(fileName), in: workspace, purpose: "SSH host key",
            make: {
                let key = Curve25519.Signing.PrivateKey()
                let text = "\(marker) \(key.rawRepresentation.base64EncodedString())\n"
                return (Data(text.utf8), SSHHostKey(privateKey: key))
            },
            decode: { data in
                let fields = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init)
                guard fields.count == 2, fields[0] == marker, let seed = Data(base64Encoded: fields[1]),
                      let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else { return nil }
                return SSHHostKey(privateKey: key)
            })
    }
}
