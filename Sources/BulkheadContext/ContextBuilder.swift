import Foundation
import BulkheadCore
import BulkheadEngine
import BulkheadModels
import BulkheadStore
import BulkheadVectors

/// Builds the prompt context of one request, from scratch, from the requesting org's data only.
///
/// Every read goes through the principal: the source's schema through the engine, the notes,
/// examples and table descriptions through the org's own vector collections, the history through
/// the org's own database after checking the conversation is the caller's. Nothing is cached
/// here, so no state can carry one org's context into another's.
public struct ContextBuilder: Sendable {
    /// How much of each kind to retrieve.
    public struct Limits: Sendable, Hashable {
        public var budget: Int
        public var examples: Int
        public var notes: Int
        public var historyTurns: Int
        /// Sources with at most this many tables put every table in the prompt; larger ones retrieve.
        public var allTablesUpTo: Int
        public var retrievedTables: Int

        public init(budget: Int = 8_000, examples: Int = 4, notes: Int = 3, historyTurns: Int = 6,
                    allTablesUpTo: Int = 16, retrievedTables: Int = 8) {
            self.budget = budget
            self.examples = examples
            self.notes = notes
            self.historyTurns = historyTurns
            self.allTablesUpTo = allTablesUpTo
            self.retrievedTables = retrievedTables
        }
    }

    private let engine: QueryEngine
    private let knowledge: KnowledgeIndex
    private let conversations: Conversations
    private let limits: Limits

    public init(engine: QueryEngine, knowledge: KnowledgeIndex, conversations: Conversations, limits: Limits = Limits()) {
        self.engine = engine
        self.knowledge = knowledge
        self.conversations = conversations
        self.limits = limits
    }

    /// The context for `question` about `source`, fitted to the budget.
    public func build(_ principal: Principal, question: String, source: String, conversation: ConversationID?,
                      requestID: RequestID) async throws -> PromptContext {
        let org = principal.orgID
        var context = PromptContext(orgID: org, fragments: [], budget: limits.budget)
        context.append(ContextFragment(provenance: Provenance(orgID: org, kind: .system, recordIDs: ["system-v1"]),
                                       payload: .text(PromptRenderer.defaultSystem)))

        let queryVector = try await knowledge.embed(question)
        let schema = try engine.schema(principal, source: source)
        for table in try await rankedTables(principal, schema: schema, source: source, vector: queryVector) {
            context.append(ContextFragment(
                provenance: Provenance(orgID: org, kind: .schema, container: source, recordIDs: ["\(source).\(table.name)"]),
                payload: .table(table)))
        }
        for hit in try await knowledge.search(principal, .examples, vector: queryVector, k: limits.examples, source: source) {
            guard let sql = hit.metadata["sql"], let asked = hit.metadata["question"] else { continue }
            let container = hit.metadata["shared_from"].map { "examples (shared by \($0))" } ?? "examples"
            context.append(ContextFragment(
                provenance: Provenance(orgID: org, kind: .example, container: container, recordIDs: [hit.id]),
                payload: .example(ExampleContext(question: asked, sql: sql))))
        }
        for hit in try await knowledge.search(principal, .notes, vector: queryVector, k: limits.notes, source: nil) {
            context.append(ContextFragment(
                provenance: Provenance(orgID: org, kind: .note, container: "notes", recordIDs: [hit.id]),
                payload: .text(hit.text)))
        }
        if let conversation {
            for turn in try conversations.turns(principal, conversation, limit: limits.historyTurns) {
                context.append(ContextFragment(
                    provenance: Provenance(orgID: org, kind: .history, container: conversation.rawValue, recordIDs: [turn.id]),
                    payload: .turn(turn.turn)))
            }
        }
        context.append(ContextFragment(provenance: Provenance(orgID: org, kind: .question, recordIDs: [requestID.rawValue]),
                                       payload: .text(question)))
        context.fitToBudget()
        return context
    }

    /// The tables to describe: all of a small source; for a large one, the best matches by their
    /// descriptions plus the tables their foreign keys reach, so joins stay possible.
    private func rankedTables(_ principal: Principal, schema: SourceSchema, source: String,
                              vector: [Float]) async throws -> [BulkheadModels.TableSchema] {
        let tables = schema.tables.filter { !$0.isView }
        guard tables.count > limits.allTablesUpTo else { return tables.map(Self.describe) }
        let hits = try await knowledge.search(principal, .schema, vector: vector, k: limits.retrievedTables, source: source)
        var chosen: [String] = []
        for hit in hits {
            if let name = hit.metadata["table"], !chosen.contains(name) { chosen.append(name) }
        }
        for name in chosen {
            for key in schema.table(named: name)?.foreignKeys ?? [] where !chosen.contains(key.referencedTable) {
                chosen.append(key.referencedTable)
            }
        }
        return chosen.compactMap { schema.table(named: $0) }.map(Self.describe)
    }

    /// The model layer's description of an engine table: columns, keys, row count and sample values.
    package static func describe(_ table: BulkheadEngine.TableSchema) -> BulkheadModels.TableSchema {
        var references: [String: ColumnReference] = [:]
        for key in table.foreignKeys {
            for (offset, column) in key.columns.enumerated() {
                let target = offset < key.referencedColumns.count ? key.referencedColumns[offset] : "id"
                references[column.lowercased()] = ColumnReference(table: key.referencedTable, column: target)
            }
        }
        let columns = table.columns.map { column in
            BulkheadModels.ColumnSchema(name: column.name, type: column.type, isPrimaryKey: column.primaryKeyPosition > 0,
                                        references: references[column.name.lowercased()])
        }
        var samples: [String: [String]] = table.textValues
        for (index, column) in table.columns.enumerated() where samples[column.name] == nil {
            var seen: [String] = []
            for row in table.sampleRows where index < row.count {
                if case let .text(value) = row[index], !seen.contains(value), value.count <= 60 { seen.append(value) }
            }
            if !seen.isEmpty { samples[column.name] = seen }
        }
        return BulkheadModels.TableSchema(name: table.name, columns: columns, sampleValues: samples, rowCount: table.rowCount)
    }
}
