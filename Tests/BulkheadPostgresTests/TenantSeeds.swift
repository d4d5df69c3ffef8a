import BulkheadCore
import PostgresNIO

/// One row for a tenant table, inserted with an explicit `org_id` so the same row can be tried for another org.
struct TenantSeed: Sendable {
    let table: String
    let columns: [String]
    let values: [String]

    /// The INSERT of this row for `org` (the org is bound as $1).
    func insert(org: OrgID) -> PostgresQuery {
        var bindings = PostgresBindings()
        bindings.append(org.rawValue)
        return PostgresQuery(
            unsafeSQL: "INSERT INTO bulkhead.\(table) (org_id, \(columns.joined(separator: ", "))) VALUES ($1, \(values.joined(separator: ", ")))",
            binds: bindings)
    }
}

/// A row of every tenant table. `TenantRowSecurityTests` checks that this covers every table
/// with an `org_id` in the catalog, so a table added without a seed fails the suite.
enum TenantSeeds {
    static let all: [TenantSeed] = [
        TenantSeed(table: "tenant_meta", columns: ["created_at"], values: ["now()"]),
        TenantSeed(table: "notes", columns: ["id", "text", "created_by", "created_at"], values: ["'n-1'", "'a note'", "'u'", "now()"]),
        TenantSeed(table: "sources", columns: ["id", "name", "kind", "location", "resolved_location", "created_by", "created_at"],
                   values: ["'s-1'", "'sales'", "'sqlite'", "'/data/sales.db'", "'/data/sales.db'", "'u'", "now()"]),
        TenantSeed(table: "allowed_roots", columns: ["path", "created_by", "created_at"], values: ["'/data'", "'u'", "now()"]),
        TenantSeed(table: "vector_collections", columns: ["name", "embedder", "dimension", "created_at"],
                   values: ["'notes'", "'hashing'", "4", "now()"]),
        TenantSeed(table: "vector_items", columns: ["collection", "id", "position", "text", "vector"],
                   values: ["'notes'", "'i-1'", "1", "'a note'", "'\\x0000803f'::bytea"]),
        TenantSeed(table: "vector_graphs", columns: ["collection", "nodes", "row_keys", "graph", "saved_at"],
                   values: ["'notes'", "0", "''::bytea", "''::bytea", "now()"]),
        TenantSeed(table: "conversations", columns: ["id", "user_id", "created_at"], values: ["'c-1'", "'u'", "now()"]),
        TenantSeed(table: "turns", columns: ["id", "conversation_id", "request_id", "question", "created_at"],
                   values: ["1", "'c-1'", "'r-1'", "'how many?'", "now()"]),
        TenantSeed(table: "examples", columns: ["id", "question", "sql", "origin", "created_by", "created_at"],
                   values: ["'e-1'", "'how many?'", "'SELECT 1'", "'manual'", "'u'", "now()"]),
        TenantSeed(table: "requests", columns: [
            "id", "user_id", "session_id", "question", "provider", "model", "request_body", "sections", "dropped",
            "total_tokens", "budget", "input_tokens", "output_tokens", "cost_usd", "context_ms", "model_ms", "query_ms",
            "firewall", "status", "created_at",
        ], values: [
            "'r-1'", "'u'", "'s'", "'how many?'", "'offline'", "'offline'", "'\\x7b7d'::bytea", "'[]'", "'[]'",
            "1", "1", "1", "1", "0", "0", "0", "0", "'passed'", "'answered'", "now()",
        ]),
        TenantSeed(table: "settings", columns: ["key", "value"], values: ["'model'", "'offline'"]),
        TenantSeed(table: "value_index_sources", columns: ["source", "stamp", "columns", "\"values\"", "built_at"],
                   values: ["'sales'", "'s1'", "1", "1", "now()"]),
        TenantSeed(table: "value_index", columns: ["source", "table_name", "column_name", "value", "norm"],
                   values: ["'sales'", "'customers'", "'city'", "'Lisbon'", "'lisbon'"]),
        TenantSeed(table: "eval_runs", columns: ["id", "name", "source", "provider", "model", "total", "correct", "levels", "created_by",
                                                 "created_at"],
                   values: ["'run-1'", "'retail'", "'sales'", "'offline'", "'offline'", "1", "1", "'{}'", "'u'", "now()"]),
    ]
}
