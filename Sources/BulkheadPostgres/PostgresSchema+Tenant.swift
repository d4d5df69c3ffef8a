extension PostgresSchema {
    /// The tenant tables, topic by topic as in the SQLite tenant files, each as one migration.
    ///
    /// Row ids that SQLite takes from a rowid (turns, vector items) are columns the store assigns
    /// per org (`id`, `position`), never a shared sequence: a sequence shared by all orgs would let
    /// one org count another's activity from the gaps in its own ids.
    static var tenantMigrations: [PostgresMigration] {
        [
            tenantMigration(3, "tenant-core", tenantCore),
            tenantMigration(4, "tenant-engine", tenantEngine),
            tenantMigration(5, "tenant-vectors", tenantVectors),
            tenantMigration(6, "tenant-assistant", tenantAssistant, extra: [
                // The inspector's listing: the request log without its bodies. Views run with the
                // caller's rights (security_invoker), so the table's policy applies through them.
                """
                CREATE VIEW bulkhead.request_summaries WITH (security_invoker = true) AS
                    SELECT org_id, id, user_id, source, question, status, total_tokens, created_at
                    FROM bulkhead.requests
                """,
            ]),
        ]
    }

    /// Every tenant table, in creation order; the RLS tests walk this list and the catalog both.
    public static var tenantTableNames: [String] {
        (tenantCore + tenantEngine + tenantVectors + tenantAssistant + tenantAnswers).map(\.name)
    }

    private static func tenantMigration(_ version: Int, _ name: String, _ tables: [TenantTable], extra: [String] = []) -> PostgresMigration {
        PostgresMigration(version: version, name: name, statements: tables.flatMap(\.statements) + extra)
    }

    /// The org's stamp and its notes.
    static let tenantCore: [TenantTable] = [
        TenantTable(name: "tenant_meta", columns: ["created_at timestamptz NOT NULL"], primaryKey: []),
        TenantTable(name: "notes", columns: [
            "id text NOT NULL", "text text NOT NULL", "created_by text NOT NULL", "created_at timestamptz NOT NULL",
        ], primaryKey: ["id"], indexes: [["created_at"]]),
    ]

    /// The engine's sources (with the sealed credentials of network sources) and allowed folders.
    static let tenantEngine: [TenantTable] = [
        TenantTable(name: "sources", columns: [
            "id text NOT NULL", "name text NOT NULL",
            "kind text NOT NULL CHECK (kind IN ('sqlite', 'csv', 'postgres'))",
            "location text NOT NULL", "resolved_location text NOT NULL", "packaged boolean NOT NULL DEFAULT false",
            "sealed_secret text", "created_by text NOT NULL", "created_at timestamptz NOT NULL",
        ], primaryKey: ["id"], unique: [["name"]]),
        TenantTable(name: "allowed_roots", columns: [
            "path text NOT NULL", "created_by text NOT NULL", "created_at timestamptz NOT NULL",
        ], primaryKey: ["path"]),
    ]

    /// Vector collections, their items (read back in `position` order) and saved graphs.
    static let tenantVectors: [TenantTable] = [
        TenantTable(name: "vector_collections", columns: [
            "name text NOT NULL CHECK (length(name) BETWEEN 1 AND 64)", "embedder text NOT NULL",
            "dimension integer NOT NULL CHECK (dimension BETWEEN 1 AND 8192)", "created_at timestamptz NOT NULL",
        ], primaryKey: ["name"]),
        TenantTable(name: "vector_items", columns: [
            "collection text NOT NULL", "id text NOT NULL", "position bigint NOT NULL", "text text NOT NULL",
            "metadata jsonb NOT NULL DEFAULT '{}'", "vector bytea NOT NULL",
        ], primaryKey: ["collection", "id"],
        references: [.init(columns: ["collection"], table: "vector_collections", referencedColumns: ["name"])],
        indexes: [["collection", "position"]]),
        TenantTable(name: "vector_graphs", columns: [
            "collection text NOT NULL", "nodes integer NOT NULL CHECK (nodes >= 0)", "row_keys bytea NOT NULL",
            "graph bytea NOT NULL", "saved_at timestamptz NOT NULL",
        ], primaryKey: ["collection"],
        references: [.init(columns: ["collection"], table: "vector_collections", referencedColumns: ["name"])]),
    ]

    /// Conversations and turns, question-to-SQL examples, the request log and the org's settings.
    static let tenantAssistant: [TenantTable] = [
        TenantTable(name: "conversations", columns: [
            "id text NOT NULL", "user_id text NOT NULL", "created_at timestamptz NOT NULL",
        ], primaryKey: ["id"]),
        TenantTable(name: "turns", columns: [
            "id bigint NOT NULL", "conversation_id text NOT NULL", "request_id text NOT NULL", "question text NOT NULL",
            "sql text", "summary text", "created_at timestamptz NOT NULL",
        ], primaryKey: ["id"],
        references: [.init(columns: ["conversation_id"], table: "conversations", referencedColumns: ["id"])],
        indexes: [["conversation_id", "id"]]),
        TenantTable(name: "examples", columns: [
            "id text NOT NULL", "question text NOT NULL", "sql text NOT NULL", "source text", "origin text NOT NULL",
            "shared_from_org text", "created_by text NOT NULL", "created_at timestamptz NOT NULL",
        ], primaryKey: ["id"]),
        TenantTable(name: "requests", columns: [
            "id text NOT NULL", "user_id text NOT NULL", "session_id text NOT NULL", "conversation_id text", "source text",
            "question text NOT NULL", "provider text NOT NULL", "model text NOT NULL", "request_body bytea NOT NULL",
            "response text", "sql text", "summary text", "row_count bigint", "sections text NOT NULL", "dropped text NOT NULL",
            "total_tokens integer NOT NULL", "budget integer NOT NULL", "input_tokens integer NOT NULL",
            "output_tokens integer NOT NULL", "cost_usd double precision NOT NULL", "context_ms double precision NOT NULL",
            "model_ms double precision NOT NULL", "query_ms double precision NOT NULL", "firewall text NOT NULL",
            "status text NOT NULL", "feedback text", "created_at timestamptz NOT NULL",
        ], primaryKey: ["id"], indexes: [["created_at"]]),
        TenantTable(name: "settings", columns: ["key text NOT NULL", "value text NOT NULL"], primaryKey: ["key"]),
    ]
}
