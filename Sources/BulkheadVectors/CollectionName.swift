import BulkheadCore

/// A validated collection name: lowercase letters, digits, `_` and `-`, 1 to 64 characters.
///
/// The name is only ever a key inside the caller's own tenant database; it never becomes a path,
/// a table name or part of SQL text. The small character set is a second wall: a name cannot
/// carry `/`, `..`, a quote or a NUL byte even if some later code were careless with it. A name
/// that happens to equal another org's id is simply a collection of that name in the caller's org.
public struct CollectionName: Hashable, Sendable, CustomStringConvertible {
    /// The validated text.
    public let rawValue: String

    /// Validates `rawValue`; throws `invalidInput` with our own sentence when it is malformed.
    public init(_ rawValue: String) throws {
        guard (1...64).contains(rawValue.utf8.count), rawValue.utf8.allSatisfy(Self.isAllowed) else {
            throw BulkheadError.invalidInput("collection names use a-z, 0-9, '_' and '-', 1 to 64 characters")
        }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
    }
}
