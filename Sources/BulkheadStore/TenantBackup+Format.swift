import Crypto
import Foundation
import BulkheadCore

extension TenantBackup {
    /// What the first line of a backup file says about the payload.
    public struct Header: Codable, Sendable, Equatable {
        public let format: String
        public let orgID: String
        public let schemaVersion: String
        public let sha256: String
        public let bytes: Int
        public let createdAt: Date
        /// HMAC-SHA256 of the other fields under the installation's backup key, bound to the org.
        public let mac: String

        enum CodingKeys: String, CodingKey {
            case format, bytes, mac
            case orgID = "org_id"
            case schemaVersion = "schema_version"
            case sha256
            case createdAt = "created_at"
        }
    }

    /// The format written today; earlier formats carried no authentication and are refused.
    static let format = "bulkhead-backup-2"

    /// The single answer for a backup that is not an authentic backup of the caller's org:
    /// edited, made for another org, or made by another installation all read the same, so a
    /// refusal never says whose backup a file is.
    static let notAuthentic = BulkheadError.integrity(
        "this is not an authentic backup of your organization (it was altered, or made elsewhere)")

    /// The bytes the MAC covers. The org is the one the backup is made for or restored into, so a
    /// backup of one org never verifies as another's, and a changed header byte never verifies.
    static func signedText(org: String, schemaVersion: String, sha256: String, bytes: Int, createdAt: Date) -> Data {
        let millis = Int64((createdAt.timeIntervalSince1970 * 1000).rounded())
        return Data([format, org, schemaVersion, sha256, String(bytes), String(millis)].joined(separator: "\n").utf8)
    }

    /// The MAC of a header's fields under `key`, as lowercase hex.
    static func mac(org: String, schemaVersion: String, sha256: String, bytes: Int, createdAt: Date, key: SymmetricKey) -> String {
        hex(HMAC<SHA256>.authenticationCode(
            for: signedText(org: org, schemaVersion: schemaVersion, sha256: sha256, bytes: bytes, createdAt: createdAt), using: key))
    }

    /// Splits a backup into its header and payload, or throws `integrity` for anything else.
    ///
    /// This reads untrusted bytes (a file or standard input), so it only parses: it trusts nothing
    /// it found until ``verify(_:payload:org:)`` has checked the MAC.
    package static func parse(_ contents: Data) throws -> (Header, Data) {
        guard let newline = contents.prefix(4096).firstIndex(of: 0x0A),
              let header = try? decoder.decode(Header.self, from: contents[contents.startIndex..<newline])
        else { throw BulkheadError.integrity("this is not a Bulkhead backup file") }
        guard header.format == format else {
            throw BulkheadError.integrity("this backup was made by an older Bulkhead without authentication and cannot be restored")
        }
        return (header, Data(contents[contents.index(after: newline)...]))
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two hex strings in time that does not depend on where they differ.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}
