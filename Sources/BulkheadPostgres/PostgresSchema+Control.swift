extension PostgresSchema {
    /// The control plane: organizations, users, memberships, sessions, login failures, SSH keys, security events.
    ///
    /// Its policies: the authentication service (claims role `auth`) and operators see and write
    /// everything they need before or above any one org; a tenant request sees its own org, the
    /// users and memberships of its org, its own sessions and keys, and (admins) its org's events.
    static let control = PostgresMigration(version: 2, name: "control", statements: [
        """
        CREATE TABLE bulkhead.organizations (
            id text PRIMARY KEY,
            name text NOT NULL,
            created_at timestamptz NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX organizations_name ON bulkhead.organizations (lower(name))",
        """
        CREATE TABLE bulkhead.users (
            id text PRIMARY KEY,
            email text NOT NULL UNIQUE,
            password_hash text NOT NULL,
            created_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE bulkhead.memberships (
            org_id text NOT NULL REFERENCES bulkhead.organizations (id) ON DELETE CASCADE,
            user_id text NOT NULL REFERENCES bulkhead.users (id) ON DELETE CASCADE,
            role text NOT NULL CHECK (role IN ('admin', 'member')),
            created_at timestamptz NOT NULL,
            PRIMARY KEY (org_id, user_id)
        )
        """,
        "CREATE INDEX memberships_user ON bulkhead.memberships (user_id)",
        """
        CREATE TABLE bulkhead.sessions (
            id text PRIMARY KEY,
            org_id text NOT NULL REFERENCES bulkhead.organizations (id) ON DELETE CASCADE,
            user_id text NOT NULL REFERENCES bulkhead.users (id) ON DELETE CASCADE,
            issued_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            revoked_at timestamptz
        )
        """,
        "CREATE INDEX sessions_org_user ON bulkhead.sessions (org_id, user_id)",
        "CREATE INDEX sessions_user ON bulkhead.sessions (user_id)",
        """
        CREATE TABLE bulkhead.login_failures (
            email text PRIMARY KEY,
            count integer NOT NULL,
            last_failure_at timestamptz NOT NULL,
            locked_until timestamptz
        )
        """,
        """
        CREATE TABLE bulkhead.ssh_keys (
            id text PRIMARY KEY,
            user_id text NOT NULL REFERENCES bulkhead.users (id) ON DELETE CASCADE,
            fingerprint text NOT NULL UNIQUE,
            public_key text NOT NULL,
            created_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX ssh_keys_user ON bulkhead.ssh_keys (user_id)",
        """
        CREATE TABLE bulkhead.security_events (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            at timestamptz NOT NULL,
            kind text NOT NULL,
            org_id text,
            user_id text,
            detail text NOT NULL
        )
        """,
        "CREATE INDEX security_events_org ON bulkhead.security_events (org_id, at)",
        "CREATE INDEX security_events_kind ON bulkhead.security_events (kind, at)",
    ]
    + ["organizations", "users", "memberships", "sessions", "login_failures", "ssh_keys", "security_events"].flatMap(rowSecurity)
    + controlPolicies)

    /// The control plane's policies (permissive: a row is reachable when any one of them says so).
    static let controlPolicies: [String] = [
        "CREATE POLICY service ON bulkhead.organizations USING ((select bulkhead.acts_as_service())) WITH CHECK ((select bulkhead.acts_as_service()))",
        "CREATE POLICY own_org ON bulkhead.organizations FOR SELECT USING (id = (select bulkhead.current_org()))",

        "CREATE POLICY service ON bulkhead.users USING ((select bulkhead.acts_as_service())) WITH CHECK ((select bulkhead.acts_as_service()))",
        "CREATE POLICY self ON bulkhead.users FOR SELECT USING (id = (select bulkhead.current_user_id()))",
        """
        CREATE POLICY self_update ON bulkhead.users FOR UPDATE
            USING (id = (select bulkhead.current_user_id())) WITH CHECK (id = (select bulkhead.current_user_id()))
        """,
        """
        CREATE POLICY org_members ON bulkhead.users FOR SELECT USING (EXISTS (
            SELECT 1 FROM bulkhead.memberships m WHERE m.user_id = users.id AND m.org_id = (select bulkhead.current_org())))
        """,

        "CREATE POLICY service ON bulkhead.memberships USING ((select bulkhead.acts_as_service())) WITH CHECK ((select bulkhead.acts_as_service()))",
        "CREATE POLICY own_org ON bulkhead.memberships FOR SELECT USING (org_id = (select bulkhead.current_org()))",
        """
        CREATE POLICY org_admin ON bulkhead.memberships
            USING (org_id = (select bulkhead.current_org()) AND (select bulkhead.claim_role()) = 'admin')
            WITH CHECK (org_id = (select bulkhead.current_org()) AND (select bulkhead.claim_role()) = 'admin')
        """,

        "CREATE POLICY service ON bulkhead.sessions USING ((select bulkhead.acts_as_service())) WITH CHECK ((select bulkhead.acts_as_service()))",
        """
        CREATE POLICY own_sessions ON bulkhead.sessions
            USING (org_id = (select bulkhead.current_org()) AND user_id = (select bulkhead.current_user_id()))
            WITH CHECK (org_id = (select bulkhead.current_org()) AND user_id = (select bulkhead.current_user_id()))
        """,

        "CREATE POLICY service ON bulkhead.login_failures USING ((select bulkhead.acts_as_service())) WITH CHECK ((select bulkhead.acts_as_service()))",

        "CREATE POLICY service ON bulkhead.ssh_keys USING ((select bulkhead.acts_as_service())) WITH CHECK ((select bulkhead.acts_as_service()))",
        """
        CREATE POLICY own_keys ON bulkhead.ssh_keys
            USING (user_id = (select bulkhead.current_user_id())) WITH CHECK (user_id = (select bulkhead.current_user_id()))
        """,

        "CREATE POLICY service ON bulkhead.security_events USING ((select bulkhead.acts_as_service())) WITH CHECK ((select bulkhead.acts_as_service()))",
        "CREATE POLICY org_records ON bulkhead.security_events FOR INSERT WITH CHECK (org_id = (select bulkhead.current_org()))",
        """
        CREATE POLICY org_admin_reads ON bulkhead.security_events FOR SELECT
            USING (org_id = (select bulkhead.current_org()) AND (select bulkhead.claim_role()) = 'admin')
        """,
    ]
}
