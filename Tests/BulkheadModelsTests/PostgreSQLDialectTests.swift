import BulkheadModels
import Testing

/// PostgreSQL's spelling of the offline planner's SQL, and the prompt it asks a model for.
@Suite struct PostgreSQLDialectTests {
    let dialect = PostgreSQLDialect()

    @Test func namesAreQuotedAndKeepTheirCaseAndSchemasAreQualified() {
        #expect(dialect.identifier("InvoiceDate") == "\"InvoiceDate\"")
        #expect(dialect.identifier("odd\"name") == "\"odd\"\"name\"")
        #expect(dialect.table("Artist") == "\"Artist\"")
        #expect(dialect.table("sales.Orders") == "\"sales\".\"Orders\"")
        #expect(SQLiteDialect().table("sales.Orders") == "\"sales.Orders\"")
    }

    @Test func datesComparisonsAndPatternsUsePostgreSQLsOwnFunctions() {
        #expect(dialect.datePart(.year, of: "\"InvoiceDate\"") == "EXTRACT(YEAR FROM (\"InvoiceDate\")::timestamp)::int")
        #expect(dialect.datePart(.month, of: "d", equals: 3) == "EXTRACT(MONTH FROM (d)::timestamp)::int = 3")
        #expect(dialect.date(year: 2024, month: 1, day: 5) == "'2024-01-05'")
        #expect(dialect.equalsIgnoringCase("\"City\"", "'prague'") == "lower(\"City\") = lower('prague')")
        #expect(dialect.like("\"Name\"", pattern: "%o'k%", negated: true) == "(\"Name\")::text NOT ILIKE '%o''k%' ESCAPE '\\'")
        #expect(dialect.divide("\"Milliseconds\"", by: 60_000) == "(\"Milliseconds\")::numeric / 60000")
        #expect(dialect.limit(5) == "LIMIT 5")
    }

    @Test func theOfflineModelAndThePromptSpeakTheSourcesDialect() {
        let schema = SchemaContext(tables: [TableSchema(name: "Track", columns: [
            ColumnSchema(name: "TrackId", type: "integer", isPrimaryKey: true), ColumnSchema(name: "Name", type: "text"),
        ])])
        let request = ModelRequest(system: PromptRenderer.defaultSystem(for: dialect), schema: schema, question: "How many tracks are there?")
        let planned = OfflineModel.plan(request, dialect: dialect)
        #expect(planned.sql == "SELECT COUNT(*) AS \"count\" FROM \"Track\"")
        #expect(PromptRenderer.defaultSystem(for: dialect).contains("read-only PostgreSQL SELECT"))
        #expect(PromptRenderer.defaultSystem(for: dialect).contains("\"schema\".\"table\""))
        #expect(PromptRenderer.defaultSystem(for: SQLiteDialect()) == PromptRenderer.defaultSystem)
    }
}
