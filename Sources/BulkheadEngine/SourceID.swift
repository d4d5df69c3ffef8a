import BulkheadCore

/// The stable id of a connected source, unique across every org (`src-` and 24 hex digits).
///
/// The pool, the schema cache and the ownership map are keyed by it, always together with the
/// owning org; a caller may name a source by this id or by its name within their org.
public struct SourceID: Identifier {
    public let rawValue: String
    public init?(rawValue: String) {
        guard Self.isWellFormed(rawValue), Self.looksLikeSourceID(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// True for text of the `src-<24 hex>` form, which source names may not take.
    static func looksLikeSourceID(_ text: String) -> Bool {
        guard text.hasPrefix("src-") else { return false }
        let hex = text.dropFirst(4)
        return hex.count == 24 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
