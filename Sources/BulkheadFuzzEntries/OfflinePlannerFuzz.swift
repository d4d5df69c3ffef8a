import BulkheadContext
import BulkheadDemo
import BulkheadEngine
import BulkheadModels
import Foundation

/// Questions through the offline planner over the demo's schemas (retail, then clinic): the first
/// byte picks the schema, the rest is the question.
///
/// Properties: the planner either refuses with an explanation or writes SQL that the sandbox
/// accepts as one read-only statement on that very database.
enum OfflinePlannerFuzz {
    /// Each demo org's schema as the context layer describes it, with a sandboxed connection to its file.
    static let schemas: [(schema: SchemaContext, connection: SandboxedConnection)] = {
        let catalog = DemoCatalog()
        return catalog.orgs.compactMap { org in
            let url = FuzzScratch.folder.appendingPathComponent("planner-\(org.sourceName).sqlite")
            guard (try? catalog.writeSource(for: org, to: url)) != nil,
                  let connection = try? SandboxedConnection(path: url.path),
                  let schema = try? SchemaIntrospector.read(connection, timeLimit: 60) else { return nil }
            return (SchemaContext(tables: schema.tables.map(ContextBuilder.describe)), connection)
        }
    }()

    static func run(_ data: Data) {
        let schemas = Self.schemas
        guard let first = data.first, !schemas.isEmpty else { return }
        let (schema, connection) = schemas[Int(first) % schemas.count]
        let question = String(decoding: data.dropFirst(), as: UTF8.self)
        let plan = OfflineModel.plan(ModelRequest(schema: schema, question: question))
        guard let sql = plan.sql else {
            precondition(plan.refused && !plan.explanation.isEmpty, "a refusal without an explanation")
            return
        }
        precondition(!plan.refused, "SQL and a refusal at once")
        do {
            _ = try connection.prepare(sql)
        } catch {
            preconditionFailure("the planner wrote SQL the sandbox refuses: \(error)")
        }
    }
}
