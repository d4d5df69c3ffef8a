import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Foundation
import PostgresNIO

extension PostgresTenantRows: ValueIndexStore {
    func lookupValues(_ principal: Principal, source: String, stamp: String, keys: [String]) throws -> (indexed: String?, hits: [StoredValueHit]) {
        let org = principal.orgID
        let found = try tenant(principal, "values-read", .read) { connection -> ValueLookup in
            let indexed = try await fetch(connection, "SELECT stamp FROM bulkhead.value_index_sources WHERE source = \(source)").first?
                .decode(String.self)
            guard indexed == stamp, !keys.isEmpty else { return ValueLookup(indexed: indexed, hits: []) }
            // One index probe per key, on all of (org_id, source, norm): a freshly rebuilt index has no
            // statistics yet (the server role may not ANALYZE), and the planner would then read
            // `norm = ANY(…)` as a filter over every value of the source. `OFFSET 0` keeps the probe
            // a subquery of its own, planned with the key as an equality.
            let hits = try await fetch(connection, """
                SELECT v.org_id, v.table_name, v.column_name, v.value
                FROM (SELECT DISTINCT unnest(\(keys)::text[]) AS norm) k
                CROSS JOIN LATERAL (SELECT org_id, table_name, column_name, value FROM bulkhead.value_index
                                    WHERE source = \(source) AND norm = k.norm OFFSET 0) v
                ORDER BY v.table_name, v.column_name, v.value
                """).map { row in
                let (rowOrg, table, column, value) = try row.decode((String, String, String, String).self)
                return StoredValueHit(table: table, column: column, value: value, orgID: Self.org(rowOrg, org))
            }
            return ValueLookup(indexed: indexed, hits: hits)
        }
        return (found.indexed, found.hits)
    }

    /// Replaces the source's values with one statement per column batch (arrays unnested), not one per value.
    func replaceValues(_ principal: Principal, source: String, stamp: String, columns: Int, values: [IndexedValue], at: Date) throws {
        var tables: [String] = [], columnNames: [String] = [], texts: [String] = [], norms: [String] = []
        for value in values {
            for key in value.keys {
                tables.append(value.table)
                columnNames.append(value.column)
                texts.append(value.value)
                norms.append(key)
            }
        }
        let count = values.count
        let (tableList, columnList, valueList, normList) = (tables, columnNames, texts, norms)
        _ = try tenant(principal, "values-write") { connection in
            try await fetch(connection, "DELETE FROM bulkhead.value_index WHERE source = \(source)")
            try await fetch(connection, "DELETE FROM bulkhead.value_index_sources WHERE source = \(source)")
            try await fetch(connection, """
                INSERT INTO bulkhead.value_index_sources (source, stamp, columns, "values", built_at)
                VALUES (\(source), \(stamp), \(columns), \(count), \(at))
                """)
            try await fetch(connection, """
                INSERT INTO bulkhead.value_index (source, table_name, column_name, value, norm)
                SELECT \(source), t, c, v, n FROM unnest(\(tableList)::text[], \(columnList)::text[], \(valueList)::text[], \(normList)::text[]) AS u(t, c, v, n)
                """)
            return true
        }
    }

    func removeValues(_ principal: Principal, source: String) throws {
        _ = try tenant(principal, "values-write") { connection in
            try await fetch(connection, "DELETE FROM bulkhead.value_index WHERE source = \(source)")
            return try await fetch(connection, "DELETE FROM bulkhead.value_index_sources WHERE source = \(source)")
        }
    }
}

extension PostgresTenantRows: EvalRunStore {
    func insertEvalRun(_ principal: Principal, _ run: StoredEvalRun) throws {
        _ = try tenant(principal, "eval-write") { connection in
            try await fetch(connection, """
                INSERT INTO bulkhead.eval_runs (id, name, source, provider, model, total, correct, levels, created_by, created_at)
                VALUES (\(run.id), \(run.name), \(run.source), \(run.provider), \(run.model), \(run.total), \(run.correct), \(run.levels),
                        \(run.createdBy), \(run.createdAt))
                """)
        }
    }

    func lastEvalRun(_ principal: Principal, name: String, source: String) throws -> StoredEvalRun? {
        try tenant(principal, "eval-read", .read) { connection in
            try await fetch(connection, """
                SELECT id, name, source, provider, model, total, correct, levels, created_by, created_at FROM bulkhead.eval_runs
                WHERE name = \(name) AND source = \(source) ORDER BY created_at DESC, recorded_at DESC LIMIT 1
                """).first.map { row in
                let (id, name, source, provider, model, total, correct, levels, createdBy, created) =
                    try row.decode((String, String, String, String, String, Int, Int, String, String, Date).self)
                return StoredEvalRun(id: id, name: name, source: source, provider: provider, model: model, total: total, correct: correct,
                                     levels: levels, createdBy: createdBy, createdAt: created)
            }
        }
    }
}

extension PostgresTenantRows: ProvenanceStore {
    /// The org of the stamp row the claims let this transaction see: the principal's, or nothing.
    ///
    /// Once seen, an org's stamp row is remembered for this process (keyed by the org, like every
    /// cache here): it never changes while the org exists, and a deleted org's rows are gone anyway.
    func stampedOrg(_ principal: Principal) throws -> OrgID {
        if stamps.contains(principal.orgID) { return principal.orgID }
        let stamped = try tenant(principal, "provenance-read", .read) { connection in
            try await fetch(connection, "SELECT org_id FROM bulkhead.tenant_meta").first?.decode(String.self)
        }
        guard let stamped, let org = OrgID(rawValue: stamped) else {
            throw BulkheadError.notFound(kind: "organization database", name: principal.orgID.rawValue)
        }
        if org == principal.orgID { stamps.insert(org) }
        return org
    }

    func notesWithVectors(_ principal: Principal, ids: [String], collection: String) throws
        -> (notes: [String: StoredNote], vectorOrgs: [String: OrgID]) {
        guard !ids.isEmpty else { return ([:], [:]) }
        let org = principal.orgID
        let found = try tenant(principal, "provenance-read", .read) { connection -> ProvenanceRows<StoredNote> in
            let notes = try await fetch(connection, "SELECT id, org_id, text, created_at FROM bulkhead.notes WHERE id = ANY(\(ids))")
                .map { try Self.note($0, org) }
            return ProvenanceRows(rows: notes, vectorOrgs: try await Self.vectorOrgs(connection, collection, ids, org))
        }
        return (Dictionary(found.rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }), found.vectorOrgs)
    }

    func examplesWithVectors(_ principal: Principal, ids: [String], collection: String) throws
        -> (examples: [String: StoredExample], vectorOrgs: [String: OrgID]) {
        guard !ids.isEmpty else { return ([:], [:]) }
        let org = principal.orgID
        let found = try tenant(principal, "provenance-read", .read) { connection -> ProvenanceRows<StoredExample> in
            let examples = try await fetch(connection, "SELECT \(unescaped: Self.exampleColumns) FROM bulkhead.examples WHERE id = ANY(\(ids))")
                .map { try Self.example($0, org) }
            return ProvenanceRows(rows: examples, vectorOrgs: try await Self.vectorOrgs(connection, collection, ids, org))
        }
        return (Dictionary(found.rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }), found.vectorOrgs)
    }

    private static func vectorOrgs(_ connection: PostgresConnection, _ collection: String, _ ids: [String],
                                   _ fallback: OrgID) async throws -> [String: OrgID] {
        var found: [String: OrgID] = [:]
        for row in try await fetch(connection, """
            SELECT id, org_id FROM bulkhead.vector_items WHERE collection = \(collection) AND id = ANY(\(ids))
            """) {
            let (id, org) = try row.decode((String, String).self)
            found[id] = Self.org(org, fallback)
        }
        return found
    }
}

/// What one value-index read found, as a value that crosses from the runtime.
private struct ValueLookup: Sendable {
    let indexed: String?
    let hits: [StoredValueHit]
}

/// Rows and the orgs of their vector items, read in one transaction.
private struct ProvenanceRows<Row: Sendable>: Sendable {
    let rows: [Row]
    let vectorOrgs: [String: OrgID]
}
