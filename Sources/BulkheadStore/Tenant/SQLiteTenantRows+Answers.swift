import BulkheadCore
import Foundation
import GRDB

extension SQLiteTenantRows: ValueIndexStore {
    public func lookupValues(_ principal: Principal, source: String, stamp: String, keys: [String]) throws
        -> (indexed: String?, hits: [StoredValueHit]) {
        try tenants.read(principal, "values-read") { db in
            // Cached statements: a context build looks values up on every ask, and preparing (with
            // GRDB's authorizer) cost more than running. The keys (some dozens: every run of a
            // question's words) are bound one per placeholder, in lists padded with NULL (which
            // matches nothing) to a power of two, so a handful of statements serve every question;
            // encoding them as one JSON array for `json_each` cost more than the lookup itself.
            let indexed = try String.fetchOne(db.cachedStatement(sql: "SELECT stamp FROM value_index_sources WHERE source = ?"),
                                              arguments: [source])
            guard indexed == stamp, !keys.isEmpty else { return (indexed, []) }
            var hits: [StoredValueHit] = []
            for start in stride(from: 0, to: keys.count, by: Self.keysPerLookup) {
                let part = keys[start..<min(keys.count, start + Self.keysPerLookup)]
                var size = 8
                while size < part.count { size *= 2 }
                let placeholders = Array(repeating: "?", count: size).joined(separator: ", ")
                var arguments = StatementArguments([source])
                arguments += StatementArguments(Array(part) + Array(repeating: String?.none, count: size - part.count))
                hits += try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT org_id, table_name, column_name, value FROM value_index
                    WHERE source = ? AND norm IN (\(placeholders))
                    """), arguments: arguments).map { row in
                    StoredValueHit(table: row["table_name"], column: row["column_name"], value: row["value"],
                                   orgID: Self.org(row, file: principal.orgID))
                }
            }
            // The order SQLite's BINARY collation gives: by the bytes of the table, column and value.
            hits.sort { a, b in
                if a.table != b.table { return a.table.utf8.lexicographicallyPrecedes(b.table.utf8) }
                if a.column != b.column { return a.column.utf8.lexicographicallyPrecedes(b.column.utf8) }
                return a.value.utf8.lexicographicallyPrecedes(b.value.utf8)
            }
            return (indexed, hits)
        }
    }

    /// The most keys bound to one lookup statement (SQLite allows 32,766 variables; this keeps the
    /// statements few and small).
    static let keysPerLookup = 256

    /// Strings as one JSON array, for `json_each`: one bound argument instead of a placeholder each.
    static func jsonArray(_ strings: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(strings), as: UTF8.self)
    }

    public func replaceValues(_ principal: Principal, source: String, stamp: String, columns: Int, values: [IndexedValue], at: Date) throws {
        try tenants.write(principal, "values-write") { db in
            try db.execute(sql: "DELETE FROM value_index_sources WHERE source = ?", arguments: [source])
            try db.execute(sql: "DELETE FROM value_index WHERE source = ?", arguments: [source])
            try db.execute(sql: """
                INSERT INTO value_index_sources (source, stamp, columns, "values", built_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [source, stamp, columns, values.count, at])
            let statement = try db.makeStatement(sql: "INSERT INTO value_index (source, table_name, column_name, value, norm) VALUES (?, ?, ?, ?, ?)")
            for value in values {
                for key in value.keys { try statement.execute(arguments: [source, value.table, value.column, value.value, key]) }
            }
        }
    }

    public func removeValues(_ principal: Principal, source: String) throws {
        try tenants.write(principal, "values-write") { db in
            try db.execute(sql: "DELETE FROM value_index WHERE source = ?", arguments: [source])
            try db.execute(sql: "DELETE FROM value_index_sources WHERE source = ?", arguments: [source])
        }
    }
}

extension SQLiteTenantRows: EvalRunStore {
    public func insertEvalRun(_ principal: Principal, _ run: StoredEvalRun) throws {
        try tenants.write(principal, "eval-write") { db in
            try db.execute(sql: """
                INSERT INTO eval_runs (id, name, source, provider, model, total, correct, levels, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run.id, run.name, run.source, run.provider, run.model, run.total, run.correct, run.levels,
                                 run.createdBy, run.createdAt])
        }
    }

    public func lastEvalRun(_ principal: Principal, name: String, source: String) throws -> StoredEvalRun? {
        try tenants.read(principal, "eval-read") { db in
            try Row.fetchOne(db, sql: """
                SELECT * FROM eval_runs WHERE name = ? AND source = ? ORDER BY created_at DESC, rowid DESC LIMIT 1
                """, arguments: [name, source]).map { row in
                StoredEvalRun(id: row["id"], name: row["name"], source: row["source"], provider: row["provider"], model: row["model"],
                              total: row["total"], correct: row["correct"], levels: row["levels"], createdBy: row["created_by"],
                              createdAt: row["created_at"])
            }
        }
    }
}

extension SQLiteTenantRows: ProvenanceStore {
    public func stampedOrg(_ principal: Principal) throws -> OrgID {
        try tenants.database(for: principal).orgID
    }

    public func notesWithVectors(_ principal: Principal, ids: [String], collection: String) throws
        -> (notes: [String: StoredNote], vectorOrgs: [String: OrgID]) {
        guard !ids.isEmpty else { return ([:], [:]) }
        let file = try stampedOrg(principal)
        return try tenants.read(principal, "provenance-read") { db in
            let notes = try Self.rows(db, sql: "SELECT id, org_id, text, created_at FROM notes WHERE id IN", ids: ids)
                .mapValues { Self.note($0, file: file) }
            return (notes, try Self.vectorOrgs(db, collection: collection, ids: ids, file: file))
        }
    }

    public func examplesWithVectors(_ principal: Principal, ids: [String], collection: String) throws
        -> (examples: [String: StoredExample], vectorOrgs: [String: OrgID]) {
        guard !ids.isEmpty else { return ([:], [:]) }
        let file = try stampedOrg(principal)
        return try tenants.read(principal, "provenance-read") { db in
            let examples = try Self.rows(db, sql: "SELECT * FROM examples WHERE id IN", ids: ids).mapValues { Self.example($0, file: file) }
            return (examples, try Self.vectorOrgs(db, collection: collection, ids: ids, file: file))
        }
    }

    /// The rows of `sql … WHERE id IN` for the ids, by id; the ids travel as one JSON array, so the
    /// statement is prepared once per connection, not once per context build.
    private static func rows(_ db: Database, sql: String, ids: [String]) throws -> [String: Row] {
        var found: [String: Row] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: sql + " (SELECT value FROM json_each(?))"), arguments: [jsonArray(ids)]) {
            found[row["id"]] = row
        }
        return found
    }

    private static func vectorOrgs(_ db: Database, collection: String, ids: [String], file: OrgID) throws -> [String: OrgID] {
        var found: [String: OrgID] = [:]
        let statement = try db.cachedStatement(sql: "SELECT id, org_id FROM vector_items WHERE collection = ? AND id IN (SELECT value FROM json_each(?))")
        for row in try Row.fetchAll(statement, arguments: [collection, jsonArray(ids)]) {
            found[row["id"]] = org(row, file: file)
        }
        return found
    }
}
