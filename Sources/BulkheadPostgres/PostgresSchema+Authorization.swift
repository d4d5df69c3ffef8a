extension PostgresSchema {
    /// The control plane of the operator/tenant split, source claims, host grants, and the vector
    /// cache's version stamp (the same tables as `control.db`'s `v2-authorization` and
    /// `v4-claims-and-hosts`, and the tenant files' `v4-vector-version`).
    ///
    /// - `operators`, `login_failures` (now per email and client) and `source_claims` are the
    ///   services' alone.
    /// - `folder_grants` and `host_grants`: the operator writes them; a tenant reads its own org's.
    /// - `invitations`: an org's admins manage their own org's; the authentication service all.
    /// - `sessions`: an org's admins may revoke the sessions of their own org's members.
    /// - `memberships`: an org's admins may change and remove their own org's, never add one.
    /// - `security_events.recorded_at` orders events without a sequence (a sequence shared by all
    ///   orgs would let one org count another's events from the gaps).
    /// - `vector_collections.version` changes with every write to a collection, so a server's
    ///   in-process index, built from the rows, is rebuilt when another server changed them;
    ///   `tenant_meta.next_vector_position` hands out the order rows are read back in, unique in
    ///   the org (so a backup's payload can keep it as each row's SQLite rowid).
    static let authorization = PostgresMigration(version: 7, name: "authorization", statements: [
        "ALTER TABLE bulkhead.organizations ADD COLUMN suspended_at timestamptz",
        "ALTER TABLE bulkhead.security_events ADD COLUMN actor text",
        "ALTER TABLE bulkhead.security_events ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()",
        "CREATE INDEX security_events_recorded ON bulkhead.security_events (recorded_at)",
        "DROP TABLE bulkhead.login_failures",
        """
        CREATE TABLE bulkhead.login_failures (
            email text NOT NULL,
            client text NOT NULL,
            count integer NOT NULL,
            last_failure_at timestamptz NOT NULL,
            locked_until timestamptz,
            PRIMARY KEY (email, client)
        )
        """,
        """
        CREATE TABLE bulkhead.operators (
            id text PRIMARY KEY,
            name text NOT NULL,
            key_sha256 text NOT NULL UNIQUE,
            created_at timestamptz NOT NULL,
            revoked_at timestamptz
        )
        """,
        """
        CREATE TABLE bulkhead.folder_grants (
            resolved_path text PRIMARY KEY,
            org_id text NOT NULL REFERENCES bulkhead.organizations (id) ON DELETE CASCADE,
            granted_by text NOT NULL,
            granted_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX folder_grants_org ON bulkhead.folder_grants (org_id)",
        """
        CREATE TABLE bulkhead.invitations (
            org_id text NOT NULL REFERENCES bulkhead.organizations (id) ON DELETE CASCADE,
            email text NOT NULL,
            role text NOT NULL CHECK (role IN ('admin', 'member')),
            code_hash text,
            invited_by text NOT NULL,
            created_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            PRIMARY KEY (org_id, email)
        )
        """,
        "CREATE INDEX invitations_email ON bulkhead.invitations (email)",
        """
        CREATE TABLE bulkhead.source_claims (
            resolved_path text PRIMARY KEY,
            org_id text NOT NULL REFERENCES bulkhead.organizations (id) ON DELETE CASCADE,
            source_id text NOT NULL
        )
        """,
        "CREATE INDEX source_claims_org ON bulkhead.source_claims (org_id)",
        """
        CREATE TABLE bulkhead.host_grants (
            org_id text NOT NULL REFERENCES bulkhead.organizations (id) ON DELETE CASCADE,
            host text NOT NULL,
            granted_by text NOT NULL,
            granted_at timestamptz NOT NULL,
            PRIMARY KEY (org_id, host)
        )
        """,
        "ALTER TABLE bulkhead.vector_collections ADD COLUMN version bigint NOT NULL DEFAULT 0",
        "ALTER TABLE bulkhead.tenant_meta ADD COLUMN next_vector_position bigint NOT NULL DEFAULT 1",
    ]
    + ["login_failures", "operators", "folder_grants", "invitations", "source_claims", "host_grants"].flatMap(rowSecurity)
    + ["login_failures", "operators", "folder_grants", "invitations", "source_claims", "host_grants"].map(servicePolicy)
    + [
        "CREATE POLICY own_org ON bulkhead.folder_grants FOR SELECT USING (org_id = (select bulkhead.current_org()))",
        "CREATE POLICY own_org ON bulkhead.host_grants FOR SELECT USING (org_id = (select bulkhead.current_org()))",
        """
        CREATE POLICY org_admin ON bulkhead.invitations
            USING (org_id = (select bulkhead.current_org()) AND (select bulkhead.claim_role()) = 'admin')
            WITH CHECK (org_id = (select bulkhead.current_org()) AND (select bulkhead.claim_role()) = 'admin')
        """,
        // An org's admins change and remove their org's memberships but never add one: people join
        // through the authentication service (an invitation accepted at login), so no admin can push
        // their org onto another tenant's user even with SQL of their own under their claims.
        "DROP POLICY org_admin ON bulkhead.memberships",
        """
        CREATE POLICY org_admin_update ON bulkhead.memberships FOR UPDATE
            USING (org_id = (select bulkhead.current_org()) AND (select bulkhead.claim_role()) = 'admin')
            WITH CHECK (org_id = (select bulkhead.current_org()) AND (select bulkhead.claim_role()) = 'admin')
        """,
        """
        CREATE POLICY org_admin_delete ON bulkhead.memberships FOR DELETE
            USING (org_id = (select bulkhead.current_org()) AND (select bulkhead.claim_role()) = 'admin')
        """,
        """
        CREATE POLICY org_admin_revoke ON bulkhead.sessions FOR UPDATE
            USING (org_id = (select bulkhead.current_org()) AND (select bulkhead.claim_role()) = 'admin')
            WITH CHECK (org_id = (select bulkhead.current_org()) AND (select bulkhead.claim_role()) = 'admin')
        """,
    ])

    /// The policy that lets the authentication service and the operator reach every row of `table`.
    static func servicePolicy(_ table: String) -> String {
        "CREATE POLICY service ON bulkhead.\(table) USING ((select bulkhead.acts_as_service())) WITH CHECK ((select bulkhead.acts_as_service()))"
    }
}
