import Foundation
import BulkheadCore
import BulkheadEngine
import BulkheadVectors

/// The org's retrievable knowledge: table descriptions, business notes and question→SQL
/// examples, each in its own collection of the org's own vector store.
///
/// Adding a source, a note or an example indexes it here; removing one removes its vectors.
/// Every call takes the principal, and the store picks the org's index from it.
public struct KnowledgeIndex: Sendable {
    /// The three collections the assistant keeps per org.
    public enum Collection: String, Sendable, CaseIterable {
        case schema = "schema"
        case notes = "notes"
        case examples = "examples"
    }

    private let vectors: VectorStore
    private let settings: EmbedderSettings?
    private let fixed: any Embedder

    /// An index whose orgs each use the embedder their settings name (the hashing embedder when
    /// none is set); without settings, every org uses `embedder`.
    public init(vectors: VectorStore, settings: EmbedderSettings? = nil, embedder: any Embedder = HashingEmbedder()) {
        self.vectors = vectors
        self.settings = settings
        self.fixed = embedder
    }

    /// The embedder of the principal's org.
    public func embedder(for principal: Principal) throws -> any Embedder {
        try settings?.embedder(for: principal) ?? fixed
    }

    /// The question's vector, computed once per request and reused for every search.
    public func embed(_ principal: Principal, _ text: String) async throws -> [Float] {
        guard let vector = try await embedder(for: principal).embed([text]).first else {
            throw BulkheadError.unavailable("the embedder returned no vector")
        }
        return vector
    }

    /// Runs `body` with the versions of the org's three collections read in one store read, so
    /// its searches (one per collection) need no version read each (see `VectorStore.withVersions`).
    public func withVersions<T: Sendable>(_ principal: Principal, _ body: @Sendable () async throws -> T) async throws -> T {
        try await vectors.withVersions(principal, collections: Collection.allCases.map(\.rawValue), body)
    }

    /// The best `k` items of one of the org's collections, optionally only those of one source.
    /// A collection the org never filled answers with nothing.
    public func search(_ principal: Principal, _ collection: Collection, vector: [Float], k: Int,
                       source: String?) async throws -> [VectorHit] {
        guard k > 0 else { return [] }
        do {
            let filter = source.map { ["source": $0] } ?? [:]
            return try await vectors.search(principal, collection: collection.rawValue, query: .vector(vector), k: k, filter: filter)
        } catch BulkheadError.notFound(kind: _, name: _) {
            return []
        }
    }

    /// Describes each table of a source in the schema collection, replacing what was there.
    public func indexSource(_ principal: Principal, source: String, schema: SourceSchema) async throws {
        try ensure(principal, .schema)
        try vectors.delete(principal, collection: Collection.schema.rawValue, matching: ["source": source])
        let items = schema.tables.map { table in
            VectorItem(id: "\(source).\(table.name)", text: Self.describe(table),
                       metadata: ["kind": "table", "source": source, "table": table.name])
        }
        for batch in stride(from: 0, to: items.count, by: 256) {
            try await vectors.add(principal, collection: Collection.schema.rawValue,
                                  items: Array(items[batch..<min(batch + 256, items.count)]), embedder: try embedder(for: principal))
        }
    }

    /// Removes a source's table descriptions and examples.
    public func removeSource(_ principal: Principal, source: String) throws {
        for collection in [Collection.schema, .examples] {
            do {
                try vectors.delete(principal, collection: collection.rawValue, matching: ["source": source])
            } catch BulkheadError.notFound(kind: _, name: _) {
                continue
            }
        }
    }

    /// Indexes one note.
    public func indexNote(_ principal: Principal, id: String, text: String) async throws {
        try ensure(principal, .notes)
        try await vectors.add(principal, collection: Collection.notes.rawValue,
                              items: [VectorItem(id: id, text: text, metadata: ["kind": "note"])], embedder: try embedder(for: principal))
    }

    /// Removes one note's vector.
    public func removeNote(_ principal: Principal, id: String) throws {
        try ensure(principal, .notes)
        try vectors.delete(principal, collection: Collection.notes.rawValue, ids: [id])
    }

    /// Removes one example's vector (a suggestion rejected, or replaced before approval).
    public func removeExample(_ principal: Principal, id: String) throws {
        try ensure(principal, .examples)
        _ = try vectors.delete(principal, collection: Collection.examples.rawValue, ids: [id])
    }

    /// Indexes one question→SQL example of a source.
    public func indexExample(_ principal: Principal, id: String, question: String, sql: String, source: String,
                             sharedFrom: String? = nil) async throws {
        try ensure(principal, .examples)
        var metadata = ["kind": "example", "source": source, "question": question, "sql": sql]
        if let sharedFrom { metadata["shared_from"] = sharedFrom }
        try await vectors.add(principal, collection: Collection.examples.rawValue,
                              items: [VectorItem(id: id, text: question, metadata: metadata)], embedder: try embedder(for: principal))
    }

    private func ensure(_ principal: Principal, _ collection: Collection) throws {
        try vectors.createCollection(principal, name: collection.rawValue, embedder: try embedder(for: principal), ifMissing: true)
    }

    /// Drops every collection of the principal's org, so the next writes make them again with the
    /// org's current embedder (vectors of two embedders are never mixed in one collection).
    public func dropAll(_ principal: Principal) throws {
        for collection in Collection.allCases {
            do {
                try vectors.deleteCollection(principal, name: collection.rawValue)
            } catch BulkheadError.notFound(kind: _, name: _) {
                continue
            }
        }
    }

    /// The text a table is retrieved by: its name, its columns and where its keys lead.
    static func describe(_ table: BulkheadEngine.TableSchema) -> String {
        let columns = table.columns.map { "\($0.name) \($0.type)".trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        let keys = table.foreignKeys.map { "\($0.columns.joined(separator: ",")) -> \($0.referencedTable)" }.joined(separator: "; ")
        return "table \(table.name) (\(columns))" + (keys.isEmpty ? "" : " references \(keys)")
    }
}
