/// A model service's API key, held so that it cannot be printed by accident.
///
/// The lead keeps keys in the sealed-secret store and hands one over per request; this wrapper
/// makes `print(provider)`, string interpolation and debugger dumps show `<redacted>` instead of
/// the key, so a stray log line or error message cannot carry it.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The key itself, for the one place that puts it in a header.
    let secret: String

    /// Wraps a key.
    public init(_ secret: String) {
        self.secret = secret
    }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
    /// Always `<redacted>`.
    public var debugDescription: String { "<redacted>" }
    /// A mirror with no children, so dumps show nothing of the key.
    public var customMirror: Mirror { Mirror(self, children: []) }
}
