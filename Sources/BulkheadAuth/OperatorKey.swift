import BulkheadCore
import Crypto
import Foundation

/// The operator's credential: one line naming the operator and carrying 256 random bits.
///
/// It is made when a home is initialized and written to `operator.key` in the home (0600), and
/// presented explicitly to every operator command (`--operator-key FILE`,
/// `BULKHEAD_OPERATOR_KEY=FILE`); nothing picks it up on its own, so having a shell on the
/// machine is not the same as running the installation. The control plane keeps only the
/// SHA-256 of the secret, so a copy of `control.db` does not hand out operator power.
/// The text form is `bulkhead-operator-1 <operator id> <base64url secret>` after a comment line.
public struct OperatorKey: Sendable, Hashable {
    /// The file name in the home where a new key is written.
    public static let fileName = "operator.key"
    static let marker = "bulkhead-operator-1"

    /// The operator the key belongs to.
    public let operatorID: OperatorID
    /// The secret's bytes.
    let secret: [UInt8]

    /// A fresh key for a new operator; ids from `random`, secret bytes from the system's generator.
    static func make(random: any RandomSource) -> OperatorKey {
        var generator = SystemRandomNumberGenerator()
        return OperatorKey(operatorID: OperatorID.random(prefix: "opr", using: random),
                           secret: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Reads a key from its text form; nil for anything else (the caller answers `operatorRequired`).
    public init?(text: String) {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty && !$0.hasPrefix("#") }
        guard let fields = line?.split(separator: " ").map(String.init), fields.count == 3, fields[0] == Self.marker,
              let id = OperatorID(rawValue: fields[1]), let secret = Self.decode(fields[2]), secret.count == 32
        else { return nil }
        self.init(operatorID: id, secret: secret)
    }

    private init(operatorID: OperatorID, secret: [UInt8]) {
        self.operatorID = operatorID
        self.secret = secret
    }

    /// The text written to the key file.
    var text: String {
        """
        # Bulkhead operator key. Whoever holds this file runs this installation: keep it private (0600),
        # or move it somewhere safer; operator commands take it with --operator-key FILE or BULKHEAD_OPERATOR_KEY.
        \(Self.marker) \(operatorID.rawValue) \(Data(secret).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: ""))

        """
    }

    /// The stored fingerprint of the secret.
    var digest: String {
        SHA256.hash(data: secret).map { String(format: "%02x", $0) }.joined()
    }

    private static func decode(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }
}
