import Foundation

/// A validated identifier: lowercase letters, digits and `-`, 1 to 64 characters.
///
/// Identifiers name files (`tenants/<org-id>.db`) and appear in logs, so the character set is
/// small on purpose: no identifier can carry a path separator, a quote or a NUL byte.
public protocol Identifier: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// The validated text of the identifier.
    var rawValue: String { get }
    /// Makes an identifier when `rawValue` is well formed, and nil otherwise.
    init?(rawValue: String)
}

extension Identifier {
    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// True when `text` is a well-formed identifier.
    public static func isWellFormed(_ text: String) -> Bool {
        guard (1...64).contains(text.utf8.count) else { return false }
        return text.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
        }
    }

    /// Makes a fresh random identifier with a short prefix, so ids of different kinds are told apart in logs.
    public static func random(prefix: String, using random: any RandomSource) -> Self {
        let hex = random.bytes(count: 12).map { String(format: "%02x", $0) }.joined()
        guard let made = Self(rawValue: "\(prefix)-\(hex)") else {
            preconditionFailure("identifier prefix must be lowercase letters or digits")
        }
        return made
    }
}

/// Shared decoding for identifiers, so a malformed id in stored JSON fails loudly instead of passing.
extension Identifier {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "malformed identifier"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The id of an organization (a tenant). It names the tenant's database file.
public struct OrgID: Identifier {
    public let rawValue: String
    public init?(rawValue: String) {
        guard Self.isWellFormed(rawValue) else { return nil }
        self.rawValue = rawValue
    }
}

/// The id of a user account; one user may belong to several organizations.
public struct UserID: Identifier {
    public let rawValue: String
    public init?(rawValue: String) {
        guard Self.isWellFormed(rawValue) else { return nil }
        self.rawValue = rawValue
    }
}

/// The id of a login session, carried in the token as `sid` so that logout can revoke it.
public struct SessionID: Identifier {
    public let rawValue: String
    public init?(rawValue: String) {
        guard Self.isWellFormed(rawValue) else { return nil }
        self.rawValue = rawValue
    }
}

/// The id of one ask request, the key of the request log and the inspector.
public struct RequestID: Identifier {
    public let rawValue: String
    public init?(rawValue: String) {
        guard Self.isWellFormed(rawValue) else { return nil }
        self.rawValue = rawValue
    }
}

/// The id of a conversation: a sequence of asks by one user in one org.
public struct ConversationID: Identifier {
    public let rawValue: String
    public init?(rawValue: String) {
        guard Self.isWellFormed(rawValue) else { return nil }
        self.rawValue = rawValue
    }
}

/// The id of an operator: a person who runs the installation rather than working inside an org.
public struct OperatorID: Identifier {
    public let rawValue: String
    public init?(rawValue: String) {
        guard Self.isWellFormed(rawValue) else { return nil }
        self.rawValue = rawValue
    }
}
