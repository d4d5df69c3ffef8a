import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Foundation
import PostgresNIO

extension PostgresTenantRows: ValueIndexStore {
    func lookupValues(_ principal: Principal, source: String, stamp: String, keys: [String]) throws -> (indexed: String?, hits: [StoredValueHit]) {
        let org = principal.orgID
        let found = try tenant(principal, "values-read", .read) { connection -> ValueLookup in
            // The stamp the index was built for and, only when it is `stamp`, the hits: one statement.
            // One index probe per key, on all of (org_id, source, norm): a freshly rebuilt index has no
            // statistics yet (the server role may not ANALYZE), and the planner would then read
            // `norm = ANY(…)` as a filter over every value of the source. `OFFSET 0` keeps the probe
            // a subquery of its own, planned with the key as an equality.
            var indexed: String?
            var hits: [StoredValueHit] = []
            for row in try await ValueLookupRead.rows(on: connection, source, stamp, keys) {
                let (rowStamp, rowOrg, table, column, value) = try row.decode((String, String?, String?, String?, String?).self)
                indexed = indexed ?? rowStamp
                if let rowOrg, let table, let column, let value {
                    hits.append(StoredValueHit(table: table, column: column, value: value, orgID: Self.org(rowOrg, org)))
                }
            }
            return ValueLookup(indexed: indexed, hits: indexed == stamp ? hits : [])
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

    /// The notes and the orgs of their vector items, in one statement (one round trip).
    func notesWithVectors(_ principal: Principal, ids: [String], collection: String) throws
        -> (notes: [String: StoredNote], vectorOrgs: [String: OrgID]) {
        guard !ids.isEmpty else { return ([:], [:]) }
        let org = principal.orgID
        let found = try tenant(principal, "provenance-read", .read) { connection -> ProvenanceRows<StoredNote> in
            var read = ProvenanceRows<StoredNote>()
            for row in try await NotesWithVectorOrgs.rows(on: connection, ids, collection) {
                let (isVector, id, rowOrg, text, created) = try row.decode((Bool, String, String, String?, Date?).self)
                if isVector {
                    read.vectorOrgs[id] = Self.org(rowOrg, org)
                } else if let text, let created {
                    read.rows.append(StoredNote(id: id, text: text, createdAt: created, orgID: Self.org(rowOrg, org)))
                }
            }
            return read
        }
        return (Dictionary(found.rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }), found.vectorOrgs)
    }

    /// The examples and the orgs of their vector items, in one statement (one round trip).
    func examplesWithVectors(_ principal: Principal, ids: [String], collection: String) throws
        -> (examples: [String: StoredExample], vectorOrgs: [String: OrgID]) {
        guard !ids.isEmpty else { return ([:], [:]) }
        let org = principal.orgID
        let found = try tenant(principal, "provenance-read", .read) { connection -> ProvenanceRows<StoredExample> in
            var read = ProvenanceRows<StoredExample>()
            for row in try await ExamplesWithVectorOrgs.rows(on: connection, ids, collection) {
                let (isVector, id, rowOrg, question, sql, source, origin, status, shared, createdBy, created) =
                    try row.decode((Bool, String, String, String?, String?, String?, String?, String?, String?, String?, Date?).self)
                if isVector {
                    read.vectorOrgs[id] = Self.org(rowOrg, org)
                } else if let question, let sql, let origin, let status, let createdBy, let created {
                    read.rows.append(StoredExample(id: id, question: question, sql: sql, source: source, origin: origin, status: status,
                                                   sharedFromOrg: shared, createdBy: createdBy, createdAt: created,
                                                   orgID: Self.org(rowOrg, org)))
                }
            }
            return read
        }
        return (Dictionary(found.rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }), found.vectorOrgs)
    }
}

/// What one value-index read found, as a value that crosses from the runtime.
private struct ValueLookup: Sendable {
    let indexed: String?
    let hits: [StoredValueHit]
}

/// Rows and the orgs of their vector items, read in one statement.
private struct ProvenanceRows<Row: Sendable>: Sendable {
    var rows: [Row] = []
    var vectorOrgs: [String: OrgID] = [:]
}

/// The stamp of a source's value index and, when it is the given stamp, the values of the given
/// keys: read by every context (prepared, see ``HotStatement``).
private enum ValueLookupRead: HotStatement {
    static let sql = """
        SELECT s.stamp, v.org_id, v.table_name, v.column_name, v.value
        FROM bulkhead.value_index_sources s
        LEFT JOIN LATERAL (
            SELECT p.org_id, p.table_name, p.column_name, p.value
            FROM (SELECT DISTINCT unnest($3::text[]) AS norm) k
            CROSS JOIN LATERAL (SELECT org_id, table_name, column_name, value FROM bulkhead.value_index
                                WHERE source = $1 AND norm = k.norm OFFSET 0) p
            WHERE s.stamp = $2) v ON true
        WHERE s.source = $1
        ORDER BY v.table_name, v.column_name, v.value
        """
}

/// Notes by id, and the orgs of their vector items: read by every context (prepared, see ``HotStatement``).
private enum NotesWithVectorOrgs: HotStatement {
    static let sql = """
        SELECT false, id, org_id, text, created_at FROM bulkhead.notes WHERE id = ANY($1)
        UNION ALL
        SELECT true, id, org_id, NULL, NULL FROM bulkhead.vector_items WHERE collection = $2 AND id = ANY($1)
        """
}

/// Examples by id, and the orgs of their vector items: read by every context (prepared, see ``HotStatement``).
private enum ExamplesWithVectorOrgs: HotStatement {
    static let sql = """
        SELECT false, \(PostgresTenantRows.exampleColumns) FROM bulkhead.examples WHERE id = ANY($1)
        UNION ALL
        SELECT true, id, org_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM bulkhead.vector_items WHERE collection = $2 AND id = ANY($1)
        """
}
