extension PostgresSchema {
    /// The tenant tables of the answers work (the SQLite files' `v3-answers`): the value index, example
    /// review, evaluation runs; and an insertion time on the request log and the runs, which orders
    /// rows written in the same instant the way SQLite's rowid does, without a sequence.
    static var answersMigration: PostgresMigration {
        PostgresMigration(version: 8, name: "answers", statements: tenantAnswers.flatMap(\.statements) + [
            """
            ALTER TABLE bulkhead.examples ADD COLUMN status text NOT NULL DEFAULT 'approved'
                CHECK (status IN ('approved', 'pending', 'rejected'))
            """,
            "ALTER TABLE bulkhead.examples ADD COLUMN reviewed_by text",
            "ALTER TABLE bulkhead.requests ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()",
            "CREATE INDEX requests_by_user ON bulkhead.requests (org_id, user_id, created_at, recorded_at)",
        ])
    }

    /// The value index (per source, the stamp it was built at, and each value with its keys) and evaluation runs.
    static let tenantAnswers: [TenantTable] = [
        TenantTable(name: "value_index_sources", columns: [
            "source text NOT NULL", "stamp text NOT NULL", "columns integer NOT NULL", "\"values\" integer NOT NULL",
            "built_at timestamptz NOT NULL",
        ], primaryKey: ["source"]),
        TenantTable(name: "value_index", columns: [
            "source text NOT NULL", "table_name text NOT NULL", "column_name text NOT NULL", "value text NOT NULL", "norm text NOT NULL",
        ], primaryKey: [],
        references: [.init(columns: ["source"], table: "value_index_sources", referencedColumns: ["source"])],
        indexes: [["source", "norm"]], keyless: true),
        TenantTable(name: "eval_runs", columns: [
            "id text NOT NULL", "name text NOT NULL", "source text NOT NULL", "provider text NOT NULL", "model text NOT NULL",
            "total integer NOT NULL", "correct integer NOT NULL", "levels text NOT NULL", "created_by text NOT NULL",
            "created_at timestamptz NOT NULL", "recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()",
        ], primaryKey: ["id"], indexes: [["name", "source", "created_at"]]),
    ]
}
