import BulkheadCore
import BulkheadModels

/// The whole context of one request: sections of fragments, the budget, and what was dropped.
///
/// It is built from scratch for every request from the requesting org's data only, checked by
/// the firewall, and stored in the request log as the inspector shows it.
public struct PromptContext: Sendable, Hashable, Codable {
    /// The org the context was built for.
    public let orgID: OrgID
    /// The fragments, in prompt order: system, schema, examples, notes, history, question.
    public private(set) var fragments: [ContextFragment]
    /// The token budget of the request.
    public let budget: Int
    /// What was left out to fit the budget.
    public private(set) var dropped: [DroppedFragment]

    public init(orgID: OrgID, fragments: [ContextFragment], budget: Int) {
        self.orgID = orgID
        self.fragments = fragments
        self.budget = budget
        self.dropped = []
    }

    /// The estimated tokens of every fragment kept.
    public var totalTokens: Int { fragments.reduce(0) { $0 + $1.tokens } }

    /// The fragments of one kind.
    public func fragments(_ kind: Provenance.Kind) -> [ContextFragment] {
        fragments.filter { $0.provenance.kind == kind }
    }

    /// The sections as the inspector lists them: one per kind present, with its ids and tokens.
    public var sections: [ContextSection] {
        Provenance.Kind.allCases.compactMap { kind in
            let parts = fragments(kind)
            guard !parts.isEmpty else { return nil }
            return ContextSection(kind: kind, fragments: parts)
        }
    }

    /// Drops fragments until the total fits the budget, least valuable first: the oldest turns,
    /// then the lowest-ranked notes, examples and tables. The system text and the question stay.
    public mutating func fitToBudget() {
        let order: [Provenance.Kind] = [.history, .note, .example, .schema]
        for kind in order {
            while totalTokens > budget, let index = dropIndex(of: kind) {
                let removed = fragments.remove(at: index)
                dropped.append(DroppedFragment(kind: kind, recordIDs: removed.provenance.recordIDs, tokens: removed.tokens))
            }
        }
    }

    /// History drops oldest first (the front); ranked kinds drop from the tail.
    private func dropIndex(of kind: Provenance.Kind) -> Int? {
        kind == .history ? fragments.firstIndex { $0.provenance.kind == kind } : fragments.lastIndex { $0.provenance.kind == kind }
    }

    /// Restores the dropped list of a stored context.
    mutating func restoreDropped(_ list: [DroppedFragment]) {
        dropped = list
    }

    /// Appends a fragment; used by the builder and, in tests, as the seam that injects a foreign one.
    public mutating func append(_ fragment: ContextFragment) {
        fragments.append(fragment)
    }

    /// The request the model layer receives, made from the kept fragments only.
    public var modelRequest: ModelRequest {
        var tables: [TableSchema] = []
        var examples: [ExampleContext] = []
        var notes: [String] = []
        var history: [Turn] = []
        var question = ""
        var system = PromptRenderer.defaultSystem
        for fragment in fragments {
            switch (fragment.provenance.kind, fragment.payload) {
            case let (_, .table(table)): tables.append(table)
            case let (_, .example(example)): examples.append(example)
            case let (_, .turn(turn)): history.append(turn)
            case let (.note, .text(text)): notes.append(text)
            case let (.question, .text(text)): question = text
            case let (.system, .text(text)): system = text
            default: break
            }
        }
        return ModelRequest(system: system, schema: SchemaContext(tables: tables), examples: examples,
                            notes: notes, history: history, question: question)
    }
}

/// One section of a prompt as the inspector shows it.
public struct ContextSection: Sendable, Hashable, Codable {
    public let kind: Provenance.Kind
    public let fragments: [ContextFragment]

    public init(kind: Provenance.Kind, fragments: [ContextFragment]) {
        self.kind = kind
        self.fragments = fragments
    }

    /// Every org named by the section's fragments (one, unless something is badly wrong).
    public var orgIDs: [OrgID] { Array(Set(fragments.map(\.provenance.orgID))).sorted() }
    /// Every record id the section was built from.
    public var recordIDs: [String] { fragments.flatMap(\.provenance.recordIDs) }
    /// The estimated tokens of the section.
    public var tokens: Int { fragments.reduce(0) { $0 + $1.tokens } }
    /// The section's prompt text.
    public var text: String { fragments.map(\.text).joined(separator: "\n") }
}
