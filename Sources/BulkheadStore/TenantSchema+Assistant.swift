import BulkheadCore

extension TenantSchema {
    /// The assistant's tables: conversations and their turns, question→SQL examples, and the
    /// request log the inspector reads. The request body is stored as the exact bytes sent.
    static func assistantMigrations(_ org: OrgID) -> [TenantMigration] {
        [
            TenantMigration(id: "v1-assistant", sql: """
                CREATE TABLE conversations (
                    id TEXT PRIMARY KEY NOT NULL,
                    \(orgColumn(org)),
                    user_id TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE turns (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    \(orgColumn(org)),
                    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                    request_id TEXT NOT NULL,
                    question TEXT NOT NULL,
                    sql TEXT,
                    summary TEXT,
                    created_at DATETIME NOT NULL
                );
                CREATE INDEX turns_conversation ON turns(conversation_id, id);
                CREATE TABLE examples (
                    id TEXT PRIMARY KEY NOT NULL,
                    \(orgColumn(org)),
                    question TEXT NOT NULL,
                    sql TEXT NOT NULL,
                    source TEXT,
                    origin TEXT NOT NULL,
                    shared_from_org TEXT,
                    created_by TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE requests (
                    id TEXT PRIMARY KEY NOT NULL,
                    \(orgColumn(org)),
                    user_id TEXT NOT NULL,
                    session_id TEXT NOT NULL,
                    conversation_id TEXT,
                    source TEXT,
                    question TEXT NOT NULL,
                    provider TEXT NOT NULL,
                    model TEXT NOT NULL,
                    request_body BLOB NOT NULL,
                    response TEXT,
                    sql TEXT,
                    summary TEXT,
                    row_count INTEGER,
                    sections TEXT NOT NULL,
                    dropped TEXT NOT NULL,
                    total_tokens INTEGER NOT NULL,
                    budget INTEGER NOT NULL,
                    input_tokens INTEGER NOT NULL,
                    output_tokens INTEGER NOT NULL,
                    cost_usd REAL NOT NULL,
                    context_ms REAL NOT NULL,
                    model_ms REAL NOT NULL,
                    query_ms REAL NOT NULL,
                    firewall TEXT NOT NULL,
                    status TEXT NOT NULL,
                    feedback TEXT,
                    created_at DATETIME NOT NULL
                );
                CREATE INDEX requests_created ON requests(created_at);
                """),
            TenantMigration(id: "v2-assistant-settings", sql: """
                CREATE TABLE settings (
                    key TEXT PRIMARY KEY NOT NULL,
                    \(orgColumn(org)),
                    value TEXT NOT NULL
                );
                """),
        ]
    }
}

extension TenantSchema {
    /// Added for trustworthy answers (issue 14), after every earlier topic so existing files
    /// migrate in order:
    /// - `value_index`: the distinct values of each source's low- and medium-cardinality text
    ///   columns, matched against a question's phrases (`norm` is the value's lowercased words);
    ///   `value_index_sources` records which sources are indexed and from which file state;
    /// - `examples.status`: a member's corrected SQL waits as `pending` until an admin approves it;
    /// - `eval_runs`: each `bulkhead eval` run's accuracy, so the next run can show the change.
    static func answersMigrations(_ org: OrgID) -> [TenantMigration] {
        [
            TenantMigration(id: "v3-answers", sql: """
                CREATE TABLE value_index_sources (
                    source TEXT PRIMARY KEY NOT NULL,
                    \(orgColumn(org)),
                    stamp TEXT NOT NULL,
                    columns INTEGER NOT NULL,
                    "values" INTEGER NOT NULL,
                    built_at DATETIME NOT NULL
                );
                CREATE TABLE value_index (
                    source TEXT NOT NULL REFERENCES value_index_sources(source) ON DELETE CASCADE,
                    \(orgColumn(org)),
                    table_name TEXT NOT NULL,
                    column_name TEXT NOT NULL,
                    value TEXT NOT NULL,
                    norm TEXT NOT NULL
                );
                CREATE INDEX value_index_lookup ON value_index(source, norm);
                ALTER TABLE examples ADD COLUMN status TEXT NOT NULL DEFAULT 'approved'
                    CHECK (status IN ('approved', 'pending', 'rejected'));
                ALTER TABLE examples ADD COLUMN reviewed_by TEXT;
                CREATE TABLE eval_runs (
                    id TEXT PRIMARY KEY NOT NULL,
                    \(orgColumn(org)),
                    name TEXT NOT NULL,
                    source TEXT NOT NULL,
                    provider TEXT NOT NULL,
                    model TEXT NOT NULL,
                    total INTEGER NOT NULL,
                    correct INTEGER NOT NULL,
                    levels TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE INDEX eval_runs_name ON eval_runs(name, source, created_at);
                """),
        ]
    }
}
