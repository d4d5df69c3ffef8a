import Foundation

/// base64url helpers for the forgery tests, which must build tokens that no honest signer would.
enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: some StringProtocol) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    /// Replaces the payload of `token` with `edit` applied to its JSON object, keeping header and signature.
    static func tamper(_ token: String, _ edit: (inout [String: Any]) -> Void) throws -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let payload = decode(parts[1]),
              var object = try JSONSerialization.jsonObject(with: payload) as? [String: Any]
        else { throw CocoaError(.coderReadCorrupt) }
        edit(&object)
        let edited = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return [parts[0], encode(edited), parts[2]].joined(separator: ".")
    }

    /// Replaces the header of `token` with the given JSON, keeping payload and signature.
    static func withHeader(_ token: String, _ headerJSON: String) -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        return [encode(Data(headerJSON.utf8)), parts[1], parts[2]].joined(separator: ".")
    }
}
