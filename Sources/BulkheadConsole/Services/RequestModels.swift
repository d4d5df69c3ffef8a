/// A request in this session's list.
public struct RequestSummary: Equatable, Sendable {
    /// Id.
    public var id: String
    /// The question asked.
    public var question: String
    /// When, as the app formats it (e.g. `14:02:11`).
    public var time: String
    /// Total prompt tokens.
    public var totalTokens: Int
    /// The firewall verdict (`allowed` / `blocked`).
    public var firewallVerdict: String

    /// Makes a summary.
    public init(id: String, question: String, time: String, totalTokens: Int, firewallVerdict: String) {
        self.id = id
        self.question = question
        self.time = time
        self.totalTokens = totalTokens
        self.firewallVerdict = firewallVerdict
    }
}

/// One section of a request's prompt context, with its provenance.
public struct SectionInfo: Equatable, Sendable {
    /// `system`, `schema`, `example`, `note`, `history` or `question`.
    public var kind: String
    /// The org the fragment came from (always the requester's, or the firewall stopped it).
    public var orgID: String
    /// Record ids of the fragments (table names, note ids, example ids).
    public var ids: [String]
    /// Token count.
    public var tokens: Int
    /// The text sent.
    public var text: String

    /// Makes a section.
    public init(kind: String, orgID: String, ids: [String], tokens: Int, text: String) {
        self.kind = kind
        self.orgID = orgID
        self.ids = ids
        self.tokens = tokens
        self.text = text
    }
}

/// Timings of a request, in milliseconds.
public struct RequestTimings: Equatable, Sendable {
    /// Building the context.
    public var contextMS: Double
    /// The model call.
    public var modelMS: Double
    /// Running the SQL.
    public var queryMS: Double

    /// Makes timings.
    public init(contextMS: Double, modelMS: Double, queryMS: Double) {
        self.contextMS = contextMS
        self.modelMS = modelMS
        self.queryMS = queryMS
    }
}

/// Everything the inspector shows about one request.
public struct RequestDetail: Equatable, Sendable {
    /// Id.
    public var id: String
    /// The question.
    public var question: String
    /// Provider and model, e.g. `offline`.
    public var model: String
    /// Sections in prompt order.
    public var sections: [SectionInfo]
    /// Total tokens.
    public var totalTokens: Int
    /// The token budget.
    public var budget: Int
    /// What was dropped to fit the budget (one line each).
    public var dropped: [String]
    /// Cost estimate in US dollars.
    public var costEstimate: Double
    /// Timings.
    public var timings: RequestTimings
    /// `allowed` or `blocked` (with a reason).
    public var firewallVerdict: String
    /// The exact request body sent to the model.
    public var requestBody: String

    /// Makes a detail.
    public init(id: String, question: String, model: String, sections: [SectionInfo], totalTokens: Int, budget: Int,
                dropped: [String], costEstimate: Double, timings: RequestTimings, firewallVerdict: String,
                requestBody: String) {
        self.id = id
        self.question = question
        self.model = model
        self.sections = sections
        self.totalTokens = totalTokens
        self.budget = budget
        self.dropped = dropped
        self.costEstimate = costEstimate
        self.timings = timings
        self.firewallVerdict = firewallVerdict
        self.requestBody = requestBody
    }
}
