import BulkheadModels
import Testing

/// One question for the offline model and the hand-written SQL whose rows it must match.
struct QuestionCase: Sendable, CustomTestStringConvertible {
    let question: String
    let expected: String
    /// Whether row order matters (top-N); otherwise rows are compared as multisets.
    let ordered: Bool
    /// Whether the schema's samples include values matching the question's phrases (as a
    /// retrieving context layer gives), or only each column's most frequent values.
    let questionSamples: Bool

    init(_ question: String, _ expected: String, ordered: Bool = false, questionSamples: Bool = true) {
        self.question = question
        self.expected = expected
        self.ordered = ordered
        self.questionSamples = questionSamples
    }

    var testDescription: String { questionSamples ? question : question + " (frequent samples only)" }

    /// Asks the offline model over `database`'s introspected schema and compares rows.
    func check(on database: SQLiteFile) async throws {
        let schema = try SchemaIntrospection.context(of: database, question: questionSamples ? question : "")
        let model = OfflineModel()
        let request = ModelRequest(schema: schema, question: question)
        let reply = try await model.complete(request, body: try model.requestBody(for: request))
        let sql = try #require(reply.sql, "refused: \(reply.explanation)")
        #expect(!reply.refused)
        #expect(!reply.explanation.isEmpty)
        let got = try database.rows(sql)
        let want = try database.rows(expected)
        #expect(!want.isEmpty, "the hand-written SQL must return rows")
        if ordered {
            #expect(got == want, "SQL: \(sql)")
        } else {
            #expect(got.sorted { $0.lexicographicallyPrecedes($1) } == want.sorted { $0.lexicographicallyPrecedes($1) }, "SQL: \(sql)")
        }
        // Deterministic: the same request gives the same SQL.
        let again = try await model.complete(request, body: try model.requestBody(for: request))
        #expect(again.sql == sql)
    }
}
