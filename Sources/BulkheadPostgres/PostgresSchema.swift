/// The PostgreSQL schema of Bulkhead: every table of the SQLite control database and of the
/// per-org tenant files, in one `bulkhead` schema under row-level security.
///
/// Tenant tables carry `org_id` and one policy keyed on the request's claims
/// (`(select bulkhead.current_org())`, which reads `request.jwt.claims`); control-plane tables
/// have policies of their own. Every table has ENABLE and FORCE ROW LEVEL SECURITY, so the
/// owner role is held to the policies too, and every view is `security_invoker`.
/// Adding a table later is one more migration: a `TenantTable` declaration, or a control-plane
/// table written with `rowSecurity` and its policies.
public enum PostgresSchema {
    /// The schema every Bulkhead object lives in.
    public static let name = "bulkhead"

    /// Every migration, in version order.
    public static let migrations: [PostgresMigration] =
        [security, control] + tenantMigrations + [authorization, answersMigration, ssh]

    /// The newest version: what a server requires before it starts.
    public static var latestVersion: Int { migrations.last!.version }

    /// ENABLE and FORCE row-level security on `table` (in the `bulkhead` schema).
    static func rowSecurity(_ table: String) -> [String] {
        [
            "ALTER TABLE bulkhead.\(table) ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE bulkhead.\(table) FORCE ROW LEVEL SECURITY",
        ]
    }

    /// The schema, the migrations ledger and the functions that read the request's claims.
    ///
    /// The claims are JSON set per transaction with `set_config('request.jwt.claims', $1, true)`:
    /// `org_id` (the tenant), `sub` (the user), `role` (`member`, `admin`, `auth` for the
    /// authentication service, `operator`) and `sid`. Outside such a transaction the setting is
    /// empty and every function answers NULL, so no policy matches and nothing is visible. The
    /// functions are plain SQL, not SECURITY DEFINER, and only the server role may call them.
    static let security = PostgresMigration(version: 1, name: "security", statements: [
        "CREATE SCHEMA bulkhead",
        "REVOKE ALL ON SCHEMA bulkhead FROM PUBLIC",
        """
        CREATE TABLE bulkhead.schema_migrations (
            version integer PRIMARY KEY,
            name text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """,
    ] + rowSecurity("schema_migrations") + [
        "CREATE POLICY readable ON bulkhead.schema_migrations FOR SELECT USING (true)",
        // Only the schema's owner records a migration (the server role has no INSERT right either).
        """
        CREATE POLICY owner_records ON bulkhead.schema_migrations FOR INSERT WITH CHECK (
            pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = 'bulkhead'), 'USAGE'))
        """,
        """
        CREATE FUNCTION bulkhead.request_claims() RETURNS jsonb LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT nullif(current_setting('request.jwt.claims', true), '')::jsonb $$
        """,
        """
        CREATE FUNCTION bulkhead.current_org() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT bulkhead.request_claims() ->> 'org_id' $$
        """,
        """
        CREATE FUNCTION bulkhead.current_user_id() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT bulkhead.request_claims() ->> 'sub' $$
        """,
        """
        CREATE FUNCTION bulkhead.claim_role() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT bulkhead.request_claims() ->> 'role' $$
        """,
        """
        CREATE FUNCTION bulkhead.acts_as_service() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT coalesce(bulkhead.claim_role() IN ('auth', 'operator'), false) $$
        """,
        "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA bulkhead FROM PUBLIC",
    ])
}
