import BulkheadCore

/// The rules for a source name: 1 to 64 of letters, digits, `_` and `-`, starting with a letter or digit.
///
/// A name is the tenant's own text and appears in messages and in the CSV cache's table name;
/// the small character set keeps quotes, separators and control characters out of all of them.
/// A name may not look like a `SourceID`, so the two ways of naming a source never collide.
public enum SourceName {
    /// Returns `name` when it is valid, else throws `invalidInput` with the rule.
    public static func validate(_ name: String) throws -> String {
        let scalars = name.unicodeScalars
        let valid = (1...64).contains(scalars.count)
            && scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
            && scalars.first.map { $0 != "_" && $0 != "-" } == true
            && !SourceID.looksLikeSourceID(name)
        guard valid else {
            throw BulkheadError.invalidInput("a source name is 1 to 64 letters, digits, '_' or '-', starting with a letter or digit")
        }
        return name
    }
}
