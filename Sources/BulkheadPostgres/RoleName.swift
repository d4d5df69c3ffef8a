import BulkheadCore

/// A PostgreSQL role name Bulkhead creates or grants to: lowercase letters, digits and `_`, starting with a letter.
///
/// Role names go into DDL (through the server's own `format('%I')` quoting as well), so the
/// set is kept small enough to need no quoting at all.
public struct RoleName: Sendable, Hashable, CustomStringConvertible {
    /// The validated name.
    public let rawValue: String

    /// Validates `text`; throws a safe error when it is not a plain role name.
    public init(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count), let first = bytes.first, (0x61...0x7A).contains(first),
              bytes.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }) else {
            throw BulkheadError.invalidInput("a role name is lowercase letters, digits and _, starting with a letter")
        }
        rawValue = text
    }

    public var description: String { rawValue }
}
