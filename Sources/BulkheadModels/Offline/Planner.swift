/// The offline model's planner: reads a question against the schema section, the org's notes
/// and the conversation, and decides on one query, or refuses.
///
/// It reads only the `ModelRequest` (no database, no network, no clock), so the same request
/// always yields the same SQL. It prefers refusing to guessing: every word that carries meaning
/// must name a table, a column, a stored value or a term of the notes, or be one of the words
/// that shape a query (counts, aggregates, superlatives, groupings, comparisons, dates,
/// negations); anything else ends in "I can't answer that from this schema" rather than in a
/// query that quietly ignores part of the question.
struct Planner {
    /// The planner's answer.
    struct Outcome: Equatable {
        let sql: String?
        let explanation: String
        var refused: Bool { sql == nil }
    }

    /// Why the planner declined.
    struct Refusal: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    let graph: SchemaGraph
    let terms: BusinessTerms
    let dialect: any SQLDialect

    init(schema: SchemaContext, notes: [String], dialect: any SQLDialect) {
        graph = SchemaGraph(schema)
        terms = BusinessTerms(notes: notes, graph: graph)
        self.dialect = dialect
    }

    /// Plans `question`, reading an elliptical follow-up ("and in 2024?") against the earlier turns.
    func plan(_ question: String, history: [Turn] = []) -> Outcome {
        do {
            guard !graph.tables.isEmpty else { throw Refusal("the schema has no tables") }
            let tokens = QuestionText(question).tokens
            var state: Reading
            if let previous = FollowUp.previousQuestion(for: tokens, history: history, planner: self) {
                state = try FollowUp.merge(tokens, into: previous, planner: self)
            } else {
                state = try Reading(tokens: tokens, planner: self)
            }
            let plan = try state.buildPlan()
            if let (child, parent) = plan.guessedJoin(graph) {
                throw Refusal("it cannot tell by which key of \(graph.tables[child].name) the question reaches \(graph.tables[parent].name)")
            }
            guard let written = plan.render(graph, dialect: dialect) else {
                throw Refusal("the tables it needs are not linked by foreign keys in this schema")
            }
            return Outcome(sql: written.sql, explanation: state.explain(joins: written.joins))
        } catch let refusal as Refusal {
            return Outcome(sql: nil, explanation: ReplyText.refusal + ": " + refusal.reason + ".")
        } catch {
            return Outcome(sql: nil, explanation: ReplyText.refusal + ".")
        }
    }
}
