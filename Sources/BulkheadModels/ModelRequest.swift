/// Everything a model is told for one question, assembled by the context layer from the
/// requesting org's data only.
///
/// The model layer never reaches for more: providers render exactly this into their request
/// body, and the offline planner reads nothing else, so what the inspector shows is the whole
/// of what the model knew.
public struct ModelRequest: Sendable, Hashable, Codable {
    /// The system instructions (see `PromptRenderer.defaultSystem` for a ready-made text).
    public var system: String
    /// The tables and columns relevant to the question, with keys and sample values.
    public var schema: SchemaContext
    /// Question→SQL pairs of the org, most relevant first.
    public var examples: [ExampleContext]
    /// The org's business notes, most relevant first.
    public var notes: [String]
    /// The earlier turns of this conversation, oldest first.
    public var history: [Turn]
    /// The question to answer.
    public var question: String

    /// Makes a request; every section but the question may be empty.
    public init(
        system: String = PromptRenderer.defaultSystem,
        schema: SchemaContext,
        examples: [ExampleContext] = [],
        notes: [String] = [],
        history: [Turn] = [],
        question: String
    ) {
        self.system = system
        self.schema = schema
        self.examples = examples
        self.notes = notes
        self.history = history
        self.question = question
    }
}

/// One question→SQL example of the org, learned from feedback or written by an admin.
public struct ExampleContext: Sendable, Hashable, Codable {
    /// The question as it was asked.
    public var question: String
    /// The SQL that answers it.
    public var sql: String

    /// Makes an example.
    public init(question: String, sql: String) {
        self.question = question
        self.sql = sql
    }
}

/// One earlier turn of a conversation, so a model can resolve follow-up questions.
public struct Turn: Sendable, Hashable, Codable {
    /// The question of that turn.
    public var question: String
    /// The SQL that was run, when there was one.
    public var sql: String?
    /// The one-line summary of the answer, when there was one.
    public var summary: String?

    /// Makes a turn.
    public init(question: String, sql: String? = nil, summary: String? = nil) {
        self.question = question
        self.sql = sql
        self.summary = summary
    }
}
