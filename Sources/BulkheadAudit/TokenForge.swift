import Crypto
import Foundation
import JWTKit
import BulkheadAuth
import BulkheadCore
import BulkheadStore

/// Forges session tokens the way an attacker would: by editing a real token's JSON by hand,
/// by signing with a key of their own, or (to test the layer under the signature) with the
/// home's own signing key, as if it had been stolen.
struct TokenForge {
    let workspace: Workspace

    /// The header and payload of `token` as JSON objects, and its signature segment.
    func open(_ token: String) throws -> (header: [String: Any], payload: [String: Any], signature: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let header = Self.json(parts[0]), let payload = Self.json(parts[1]) else {
            throw AuditBreach("the token of the audit's own login is not a JWT")
        }
        return (header, payload, parts[2])
    }

    /// A token made of `header` and `payload`, with `signature` as is.
    func assemble(header: [String: Any], payload: [String: Any], signature: String) throws -> String {
        "\(try Self.segment(header)).\(try Self.segment(payload)).\(signature)"
    }

    /// `payload` under an HS256 header, signed with HMAC-SHA256 keyed by `key` (the key-confusion attack).
    func hs256(payload: [String: Any], key: Data) throws -> String {
        let signingInput = "\(try Self.segment(["alg": "HS256", "typ": "JWT"])).\(try Self.segment(payload))"
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: SymmetricKey(data: key))
        return "\(signingInput).\(Self.base64URL(Data(mac)))"
    }

    /// The home's public verification key, which an attacker may know.
    func publicKey() throws -> EdDSA.PublicKey {
        try TokenService.loadOrCreateSigningKey(in: workspace, random: SystemRandom()).publicKey
    }

    /// Signs `claims` with the home's own key: the "stolen key" attacks of the layer below the signature.
    func signWithHomeKey(_ claims: SessionClaims) async throws -> String {
        let key = try TokenService.loadOrCreateSigningKey(in: workspace, random: SystemRandom())
        return try await TokenService(signingKey: key, clock: SystemClock()).sign(claims)
    }

    /// Signs `claims` with a fresh EdDSA key of the attacker's own, under the expected `alg`.
    func signWithOwnKey(_ claims: SessionClaims) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(eddsa: try EdDSA.PrivateKey())
        return try await keys.sign(claims, header: ["alg": "EdDSA", "typ": "JWT"])
    }

    /// Signs `claims` with jwt-kit's HMAC signer keyed by `key`.
    func signHMAC(_ claims: SessionClaims, key: Data) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: key), digestAlgorithm: .sha256)
        return try await keys.sign(claims)
    }

    static func segment(_ object: [String: Any]) throws -> String {
        base64URL(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func json(_ segment: String) -> [String: Any]? {
        var text = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
