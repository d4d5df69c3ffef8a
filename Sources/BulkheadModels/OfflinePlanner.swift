/// The offline model's planner: reads a question against the schema section of a request and
/// decides on one query, or refuses.
///
/// It only reads the `ModelRequest` (no database, no network, no clock), so the same request
/// always yields the same SQL. It prefers refusing to guessing: a table it cannot find, a
/// grouping or a measure it cannot place, or a capitalised word that no sample value explains
/// all end in "I can't answer that from this schema".
struct OfflinePlanner {
    /// The planner's answer.
    struct Plan: Equatable {
        let sql: String?
        let explanation: String
        var refused: Bool { sql == nil }
    }

    let index: SchemaIndex
    let reader: QuestionReader
    var tokens: [QuestionReader.Token] { reader.tokens }

    /// Words allowed before a leading "total" for it to mean SUM rather than a column.
    static let leadWords: Set<String> = ["what", "whats", "is", "was", "the", "show", "me", "give", "find", "get", "list",
                                         "tell", "compute", "calculate", "s", "what's", "overall"]
    /// Words skipped when looking for the word next to another.
    static let fillers: Set<String> = ["the", "a", "an", "is", "are", "was", "were", "with", "whose", "has", "have", "had",
                                       "of", "its", "their", "that", "which", "where", "equal", "equals", "to", "as", "in"]

    init(schema: SchemaContext, question: String) {
        index = SchemaIndex(schema)
        reader = QuestionReader(question: question, index: index)
    }

    /// Plans the question.
    func plan() -> Plan {
        do {
            var state = try ParseState(planner: self)
            let spec = try state.build()
            guard let written = spec.sql(index) else {
                throw Refusal("the tables it needs are not linked by foreign keys in this schema")
            }
            return Plan(sql: written.sql, explanation: state.explain(spec, joins: written.joins))
        } catch let refusal as Refusal {
            return Plan(sql: nil, explanation: ReplyText.refusal + ": " + refusal.reason + ".")
        } catch {
            return Plan(sql: nil, explanation: ReplyText.refusal + ".")
        }
    }

    /// Why the planner declined.
    struct Refusal: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
