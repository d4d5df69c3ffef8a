extension PostgresSchema {
    /// SSH access and the limits shared by every server (the same tables as `control.db`'s `v3-ssh`).
    ///
    /// - `ssh_keys` gains the key's algorithm, comment, who added it, when it was last used, and the
    ///   org an admin-added key is limited to (removed with that org).
    /// - `sessions` gains `kind` (`password` or `ssh`), the key's fingerprint and the client's address.
    /// - `ssh_host_keys` and `ssh_failures` are the authentication service's alone.
    /// - `limit_buckets`, `limit_slots` and `org_limits` hold the per-org token buckets, the held
    ///   slots (connections, statements, SSH sessions) and the operator's overrides, so every server
    ///   takes from one allowance per org. They are the services' alone: a tenant's claims see none
    ///   of them, not even its own org's. Slots have a random id, not a sequence (a shared sequence
    ///   would let one org count another's work from the gaps).
    static let ssh = PostgresMigration(version: 9, name: "ssh-and-shared-limits", statements: [
        "ALTER TABLE bulkhead.ssh_keys ADD COLUMN algorithm text NOT NULL DEFAULT ''",
        "ALTER TABLE bulkhead.ssh_keys ADD COLUMN comment text NOT NULL DEFAULT ''",
        "ALTER TABLE bulkhead.ssh_keys ADD COLUMN added_by text NOT NULL DEFAULT ''",
        "ALTER TABLE bulkhead.ssh_keys ADD COLUMN last_used_at timestamptz",
        "ALTER TABLE bulkhead.ssh_keys ADD COLUMN org_id text REFERENCES bulkhead.organizations (id) ON DELETE CASCADE",
        "CREATE INDEX ssh_keys_org ON bulkhead.ssh_keys (org_id)",
        "ALTER TABLE bulkhead.sessions ADD COLUMN kind text NOT NULL DEFAULT 'password' CHECK (kind IN ('password', 'ssh'))",
        "ALTER TABLE bulkhead.sessions ADD COLUMN key_fingerprint text",
        "ALTER TABLE bulkhead.sessions ADD COLUMN client text NOT NULL DEFAULT ''",
        "CREATE INDEX sessions_key ON bulkhead.sessions (key_fingerprint)",
        """
        CREATE TABLE bulkhead.ssh_host_keys (
            fingerprint text PRIMARY KEY,
            created_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE bulkhead.ssh_failures (
            subject text NOT NULL,
            client text NOT NULL,
            count integer NOT NULL,
            last_failure_at timestamptz NOT NULL,
            locked_until timestamptz,
            PRIMARY KEY (subject, client)
        )
        """,
        """
        CREATE TABLE bulkhead.limit_buckets (
            org_id text NOT NULL REFERENCES bulkhead.organizations (id) ON DELETE CASCADE,
            bucket text NOT NULL,
            tokens double precision NOT NULL,
            updated_at double precision NOT NULL,
            PRIMARY KEY (org_id, bucket)
        )
        """,
        """
        CREATE TABLE bulkhead.limit_slots (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            slot text NOT NULL,
            scope text NOT NULL,
            holder text NOT NULL,
            acquired_at double precision NOT NULL,
            inserted_at timestamptz NOT NULL DEFAULT clock_timestamp()
        )
        """,
        "CREATE INDEX limit_slots_scope ON bulkhead.limit_slots (slot, scope)",
        """
        CREATE TABLE bulkhead.org_limits (
            org_id text PRIMARY KEY REFERENCES bulkhead.organizations (id) ON DELETE CASCADE,
            limits text NOT NULL
        )
        """,
    ]
    + sshTables.flatMap(rowSecurity)
    + sshTables.map(servicePolicy))

    /// The tables this migration adds (control-plane tables the services alone may reach).
    public static let sshTables = ["ssh_host_keys", "ssh_failures", "limit_buckets", "limit_slots", "org_limits"]
}
