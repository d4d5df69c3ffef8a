import Synchronization

/// Everything each side saw during the audit: outputs, error messages and prompts.
///
/// The final logs-and-errors patterns scan it for the other org's canary, so an attack that
/// returned normally but leaked a value into some later output is still caught.
public final class AuditTranscript: Sendable {
    /// What kind of thing a side saw.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A value returned to the side (rows, lists, answers).
        case output
        /// An error message shown to the side.
        case error
        /// A request body the side's prompt sent (or would have sent).
        case prompt
    }

    /// One thing seen.
    public struct Entry: Sendable, Hashable {
        /// Who saw it.
        public let viewer: AuditSide
        /// What it was.
        public let kind: Kind
        /// Its text.
        public let text: String
    }

    private let entries = Mutex<[Entry]>([])

    /// An empty transcript.
    public init() {}

    /// Records that `viewer` saw `text`.
    public func record(_ viewer: AuditSide, _ kind: Kind, _ text: String) {
        entries.withLock { $0.append(Entry(viewer: viewer, kind: kind, text: text)) }
    }

    /// Everything `viewer` saw of `kind`.
    public func seen(by viewer: AuditSide, _ kind: Kind) -> [String] {
        entries.withLock { $0.filter { $0.viewer == viewer && $0.kind == kind }.map(\.text) }
    }

    /// How many entries were recorded.
    public var count: Int { entries.withLock { $0.count } }
}
