import BulkheadModels
import Foundation
import Testing

/// Words the offline model reads through general English rather than the schema: adverbs that
/// spell a stored title, and the unknown nouns that must still refuse beside the words it now
/// accepts (generic head nouns, empty phrases).
@Suite struct OfflineModelWordTests {
    static func reply(_ question: String) async throws -> ModelReply {
        let database = try SQLiteFile.copy(of: OfflineModelChinookTests.chinook)
        let schema = try SchemaIntrospection.context(of: database, question: question)
        let model = OfflineModel()
        let request = ModelRequest(schema: schema, question: question)
        return try await model.complete(request, body: try model.requestBody(for: request))
    }

    /// Chinook stores tracks named 'Once' and 'Again' and one named 'Still': "only once" says how
    /// often, so no condition on a track's name may come from it.
    @Test(arguments: ["Which customers ordered only once?", "Which customers bought Rock tracks again?",
                      "Which customers still have no support rep?"])
    func anAdverbIsNeverAStoredTitle(_ question: String) async throws {
        let reply = try await Self.reply(question)
        for title in ["'Once'", "'Again'", "'Still'"] {
            #expect(!(reply.sql ?? "").contains(title), "read an adverb as a title: \(reply.sql ?? "-")")
        }
    }

    /// A generic noun or an empty phrase beside an unknown noun asked for still refuses.
    @Test(arguments: ["Which people earn the highest wages?", "What profit did the staff members make across the whole range?",
                      "Show each employee next to their phone extension.", "What is the average loyalty rating of customers?"])
    func theThingAskedForMustStillBeKnown(_ question: String) async throws {
        let reply = try await Self.reply(question)
        #expect(reply.refused, "answered with \(reply.sql ?? "-")")
        #expect(reply.sql == nil)
    }
}
