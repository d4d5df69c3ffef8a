import BulkheadCore
import BulkheadModels

/// One piece of prompt context and where it came from.
///
/// The payload keeps its structure (a table, an example, a turn) so the model layer can use it,
/// and `text` is exactly what the fragment contributes to the prompt, so the token count and
/// the inspector describe the same bytes.
public struct ContextFragment: Sendable, Hashable, Codable {
    /// What the fragment carries.
    public enum Payload: Sendable, Hashable, Codable {
        case text(String)
        case table(TableSchema)
        case example(ExampleContext)
        case turn(Turn)
    }

    /// The org, kind, container and record ids the fragment was built from.
    public let provenance: Provenance
    /// The structured content.
    public let payload: Payload
    /// The prompt text of the fragment.
    public let text: String
    /// The estimated tokens of `text` (see `TokenEstimate`).
    public let tokens: Int

    public init(provenance: Provenance, payload: Payload) {
        self.provenance = provenance
        self.payload = payload
        switch payload {
        case let .text(value): text = value
        case let .table(table): text = PromptRenderer.table(table)
        case let .example(example): text = "Q: \(example.question)\nSQL: \(example.sql)"
        case let .turn(turn): text = "Q: \(turn.question)" + (turn.sql.map { "\nSQL: \($0)" } ?? "") + (turn.summary.map { "\nA: \($0)" } ?? "")
        }
        tokens = TokenEstimate.count(text)
    }
}

/// A fragment left out to fit the budget: recorded and shown, never silent.
public struct DroppedFragment: Sendable, Hashable, Codable {
    public let kind: Provenance.Kind
    public let recordIDs: [String]
    public let tokens: Int

    public init(kind: Provenance.Kind, recordIDs: [String], tokens: Int) {
        self.kind = kind
        self.recordIDs = recordIDs
        self.tokens = tokens
    }
}
