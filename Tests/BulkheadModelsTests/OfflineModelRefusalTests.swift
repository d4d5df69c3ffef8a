import BulkheadCore
import BulkheadModels
import Foundation
import Testing

/// Questions the offline model must refuse rather than guess, and the behaviour around them.
@Suite struct OfflineModelRefusalTests {
    struct Refusal: Sendable, CustomTestStringConvertible {
        let question: String
        let database: String
        var testDescription: String { "\(database): \(question)" }
    }

    static let refusals: [Refusal] = [
        Refusal(question: "What is the weather in Paris?", database: "chinook"),
        Refusal(question: "Average salary by department", database: "chinook"),
        Refusal(question: "How many tracks per weather?", database: "chinook"),
        Refusal(question: "How many customers in Atlantis?", database: "chinook"),
        Refusal(question: "Delete all tracks", database: "chinook"),
        Refusal(question: "List the prescriptions of patients", database: "clinic"),
        Refusal(question: "How many employees are there?", database: "retail"),
        Refusal(question: "Total revenue per sales region", database: "retail"),
        Refusal(question: "How many customers have a loyalty score above 10?", database: "retail"),
        Refusal(question: "Show the albums of Led Zeppelin", database: "chinook-frequent-samples"),
        Refusal(question: "What is the average age of doctors?", database: "clinic"),
        Refusal(question: "How many invoices are unpaid?", database: "clinic"),
        Refusal(question: "Total invoice amount per doctor department", database: "clinic"),
    ]

    static func open(_ name: String) throws -> SQLiteFile {
        switch name {
        case "retail": return try DemoSchemas.retail()
        case "clinic": return try DemoSchemas.clinic()
        default: return try SQLiteFile.copy(of: OfflineModelChinookTests.chinook)
        }
    }

    @Test(arguments: refusals)
    func refusesRatherThanGuesses(_ refusal: Refusal) async throws {
        let database = try Self.open(refusal.database)
        let frequentOnly = refusal.database.hasSuffix("frequent-samples")
        let schema = try SchemaIntrospection.context(of: database, question: frequentOnly ? "" : refusal.question)
        let model = OfflineModel()
        let request = ModelRequest(schema: schema, question: refusal.question)
        let reply = try await model.complete(request, body: try model.requestBody(for: request))
        #expect(reply.refused, "answered with \(reply.sql ?? "-")")
        #expect(reply.sql == nil)
        #expect(reply.explanation.hasPrefix("I can't answer that from this schema"))
    }

    @Test func oddInputNeverCrashesAndStaysDeterministic() async throws {
        let database = try SQLiteFile.copy(of: OfflineModelChinookTests.chinook)
        let inputs = ["", "?", "'", "\"unbalanced", "tracks tracks tracks", "top", "top 0 tracks", "between 1 and",
                      "how many", "per", "ÁÉÍ 日本語 🎵", String(repeating: "track ", count: 60), "'' \"\"",
                      "list tracks named", "containing", "more than", "in 2021", "Rock", "by by by"]
        let model = OfflineModel()
        for input in inputs {
            let schema = try SchemaIntrospection.context(of: database, question: input)
            let request = ModelRequest(schema: schema, question: input)
            let first = try await model.complete(request, body: try model.requestBody(for: request))
            let second = try await model.complete(request, body: try model.requestBody(for: request))
            #expect(first.sql == second.sql)
            if let sql = first.sql { _ = try database.rows(sql) }
        }
    }

    @Test func anEmptySchemaIsRefused() async throws {
        let model = OfflineModel()
        let request = ModelRequest(schema: SchemaContext(tables: []), question: "How many tracks are there?")
        let reply = try await model.complete(request, body: try model.requestBody(for: request))
        #expect(reply.refused)
    }

    @Test func reusesTheOrgsExampleForTheSameQuestion() async throws {
        let database = try SQLiteFile.copy(of: OfflineModelChinookTests.chinook)
        let question = "How many tracks are there?"
        let schema = try SchemaIntrospection.context(of: database, question: question)
        let corrected = "SELECT COUNT(*) AS \"tracks\" FROM \"Track\" WHERE \"Track\".\"Milliseconds\" > 0"
        let request = ModelRequest(schema: schema, examples: [ExampleContext(question: "how many tracks are there", sql: corrected)],
                                   question: question)
        let model = OfflineModel()
        let reply = try await model.complete(request, body: try model.requestBody(for: request))
        #expect(reply.sql == corrected)
        #expect(reply.explanation.contains("example"))
    }

    @Test func explainsItsChoices() async throws {
        let database = try SQLiteFile.copy(of: OfflineModelChinookTests.chinook)
        let question = "How many tracks are in the genre Rock?"
        let schema = try SchemaIntrospection.context(of: database, question: question)
        let model = OfflineModel()
        let request = ModelRequest(schema: schema, question: question)
        let reply = try await model.complete(request, body: try model.requestBody(for: request))
        #expect(reply.explanation.contains("Track"))
        #expect(reply.explanation.contains("Genre.Name"))
        #expect(reply.explanation.contains("Track.GenreId → Genre.GenreId"))
        #expect(reply.usage.inputTokens > 0)
        #expect(ModelPricing.lookup(provider: model.name, model: model.model).cost(reply.usage) == 0)
    }

    @Test func quotesIdentifiersAndValues() async throws {
        let schema = SchemaContext(tables: [
            TableSchema(name: "Order", columns: [
                ColumnSchema(name: "id", type: "INTEGER", isPrimaryKey: true),
                ColumnSchema(name: "customer name", type: "TEXT"),
            ], sampleValues: ["customer name": ["O'Brien", "Smith"]]),
        ])
        let model = OfflineModel()
        let request = ModelRequest(schema: schema, question: "List the orders of O'Brien")
        let reply = try await model.complete(request, body: try model.requestBody(for: request))
        let sql = try #require(reply.sql)
        #expect(sql == #"SELECT "Order".* FROM "Order" WHERE "Order"."customer name" = 'O''Brien'"#)
        let database = try SQLiteFile.temporary(named: "quoted.sqlite")
        try database.execute(#"CREATE TABLE "Order" (id INTEGER PRIMARY KEY, "customer name" TEXT); INSERT INTO "Order" VALUES (1, 'O''Brien'), (2, 'Smith');"#)
        #expect(try database.rows(sql) == [["1", "O'Brien"]])
    }
}
