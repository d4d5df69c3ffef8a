import Foundation
import BulkheadCore
import BulkheadEngine
import BulkheadModels
import BulkheadStore
import BulkheadVectors

/// Builds the prompt context of one request, from scratch, from the requesting org's data only.
///
/// Every read goes through the principal: the source's schema through the engine, its values
/// through the org's value index, the notes and examples through the org's own vector
/// collections and tables, the history through the org's own database after checking the
/// conversation is the caller's. Nothing is cached here, so no state can carry one org's context
/// into another's.
///
/// Each fragment's org is read from where its bytes came from, never copied from the caller: a
/// schema fragment carries the engine's ownership record of the source (and the `org_id` of any
/// value-index row it includes), a note or an example the `org_id` of its row and of its vector
/// row, a turn the `org_id` of its row (see `StoredProvenance`). The firewall then compares
/// those with the caller, so a row a bug or a bad restore put in the wrong file is caught.
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
    private let values: ValueIndex
    private let stored: StoredProvenance
    private let scopes: any RequestScopes
    private let limits: Limits

    public init(engine: QueryEngine, knowledge: KnowledgeIndex, conversations: Conversations, stores: Stores,
                clock: any Clock, limits: Limits = Limits()) {
        self.engine = engine
        self.knowledge = knowledge
        self.conversations = conversations
        self.values = ValueIndex(engine: engine, store: stores.values, clock: clock)
        self.stored = StoredProvenance(store: stores.provenance)
        self.scopes = stores.scopes
        self.limits = limits
    }

    /// The context for `question` about `source`, fitted to the budget.
    ///
    /// Its reads share one request scope of the store (one transaction under the principal's
    /// claims on PostgreSQL), so a context costs one round of transaction set-up, not one per read,
    /// and the versions of the org's three collections are read in one statement, not one per search.
    public func build(_ principal: Principal, question: String, source: String, conversation: ConversationID?,
                      requestID: RequestID) async throws -> PromptContext {
        try await scopes.scoped(principal) {
            try await knowledge.withVersions(principal) {
                try await assemble(principal, question: question, source: source, conversation: conversation, requestID: requestID)
            }
        }
    }

    private func assemble(_ principal: Principal, question: String, source: String, conversation: ConversationID?,
                          requestID: RequestID) async throws -> PromptContext {
        let fileOrg = try stored.fileOrg(principal)
        var context = PromptContext(orgID: principal.orgID, fragments: [], budget: limits.budget)
        context.append(ContextFragment(provenance: Provenance(orgID: fileOrg, kind: .system, recordIDs: ["system-v1"]),
                                       payload: .text(PromptRenderer.defaultSystem(for: Self.dialect(of: try engine.kind(principal, source: source))))))

        let queryVector = try await knowledge.embed(principal, question)
        let schema = try engine.schema(principal, source: source)
        let owner = try engine.owner(principal, source: source)
        let turns = try conversation.map { try conversations.turns(principal, $0, limit: limits.historyTurns) } ?? []
        // "and in 2010?": the values of the turn it continues are looked up as well, so the model can read them again.
        let lookup = ([question] + turns.suffix(1).map(\.turn.question)).joined(separator: "\n")
        let hits = try values.lookup(principal, source: source, question: lookup)
        for table in try await rankedTables(principal, schema: schema, source: source, vector: queryVector) {
            let found = hits.filter { $0.table.caseInsensitiveCompare(table.name) == .orderedSame }
            var described = Self.describe(table)
            for hit in found where !(described.sampleValues[hit.column]?.contains(hit.value) ?? false) {
                described.sampleValues[hit.column, default: []].append(hit.value)
            }
            let org = StoredProvenance.org(of: [owner] + found.map(\.orgID), file: fileOrg)
            context.append(ContextFragment(
                provenance: Provenance(orgID: org, kind: .schema, container: source, recordIDs: ["\(source).\(table.name)"]),
                payload: .table(described)))
        }
        let exampleHits = try await knowledge.search(principal, .examples, vector: queryVector, k: limits.examples, source: source)
        for example in try stored.examples(principal, hits: exampleHits, file: fileOrg) {
            let container = example.sharedFrom.map { "examples (shared by \($0))" } ?? "examples"
            context.append(ContextFragment(
                provenance: Provenance(orgID: example.orgID, kind: .example, container: container, recordIDs: [example.id]),
                payload: .example(ExampleContext(question: example.question, sql: example.sql))))
        }
        let noteHits = try await knowledge.search(principal, .notes, vector: queryVector, k: limits.notes, source: nil)
        for note in try stored.notes(principal, hits: noteHits, file: fileOrg) {
            context.append(ContextFragment(
                provenance: Provenance(orgID: note.orgID, kind: .note, container: "notes", recordIDs: [note.id]),
                payload: .text(note.text)))
        }
        if let conversation {
            for turn in turns {
                context.append(ContextFragment(
                    provenance: Provenance(orgID: turn.orgID, kind: .history, container: conversation.rawValue, recordIDs: [turn.id]),
                    payload: .turn(turn.turn)))
            }
        }
        context.append(ContextFragment(provenance: Provenance(orgID: fileOrg, kind: .question, recordIDs: [requestID.rawValue]),
                                       payload: .text(question)))
        context.fitToBudget()
        return context
    }

    /// The tables to describe: all of a small source; for a large one, the best matches by their
    /// descriptions plus the tables their foreign keys reach, so joins stay possible.
    private func rankedTables(_ principal: Principal, schema: SourceSchema, source: String,
                              vector: [Float]) async throws -> [BulkheadEngine.TableSchema] {
        let tables = schema.tables.filter { !$0.isView }
        guard tables.count > limits.allTablesUpTo else { return tables }
        let hits = try await knowledge.search(principal, .schema, vector: vector, k: limits.retrievedTables, source: source)
        // One lookup table per build: SQLite names compare without case.
        var byName: [String: BulkheadEngine.TableSchema] = [:]
        for table in tables { byName[table.name.lowercased()] = byName[table.name.lowercased()] ?? table }
        var chosen: [String] = []
        for hit in hits {
            if let name = hit.metadata["table"]?.lowercased(), byName[name] != nil, !chosen.contains(name) { chosen.append(name) }
        }
        for name in chosen {
            for key in byName[name]?.foreignKeys ?? [] where !chosen.contains(key.referencedTable.lowercased()) {
                chosen.append(key.referencedTable.lowercased())
            }
        }
        return chosen.compactMap { byName[$0] }
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

    /// The SQL a source of `kind` speaks: what the prompt asks for and the offline model writes.
    public static func dialect(of kind: SourceKind) -> any SQLDialect {
        kind == .postgres ? PostgreSQLDialect() : SQLiteDialect()
    }
}
