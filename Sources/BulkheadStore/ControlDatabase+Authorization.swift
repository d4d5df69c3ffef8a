import GRDB

extension ControlDatabase {
    /// The control-plane tables of the operator/tenant split (issue 11).
    ///
    /// - `operators`: who may run the installation; only a SHA-256 of each operator key is kept
    ///   (the key is 256 random bits, so a fast hash loses nothing), and a revoked key stays on
    ///   record so its events still name it.
    /// - `organizations.suspended_at`: a suspended org's tokens stop verifying and its users cannot log in.
    /// - `folder_grants`: the folders the operator granted each org; a resolved path belongs to one
    ///   org at most, and no grant contains or lies inside another org's (checked on insert).
    /// - `invitations`: a tenant admin's invitation of an email into their own org, with the hash of
    ///   a one-time code when the invitee has no account yet; an existing account joins only when
    ///   its holder logs in naming that org, so no admin can push an org onto another tenant's user.
    /// - `login_failures` keyed by (email, client): failures from one terminal or address lock that
    ///   client out, never the account's real owner elsewhere.
    /// - `security_events.actor`: who caused the event (`operator:<id>`, `user:<id>`, `anonymous`).
    static func registerAuthorization(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-authorization") { db in
            try db.execute(sql: """
                ALTER TABLE security_events ADD COLUMN actor TEXT;
                ALTER TABLE organizations ADD COLUMN suspended_at DATETIME;
                CREATE TABLE operators (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    key_sha256 TEXT NOT NULL UNIQUE,
                    created_at DATETIME NOT NULL,
                    revoked_at DATETIME
                );
                CREATE TABLE folder_grants (
                    resolved_path TEXT PRIMARY KEY NOT NULL,
                    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                    granted_by TEXT NOT NULL,
                    granted_at DATETIME NOT NULL
                );
                CREATE INDEX folder_grants_org ON folder_grants(org_id);
                CREATE TABLE invitations (
                    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                    email TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
                    code_hash TEXT,
                    invited_by TEXT NOT NULL,
                    created_at DATETIME NOT NULL,
                    expires_at DATETIME NOT NULL,
                    PRIMARY KEY (org_id, email)
                );
                CREATE INDEX invitations_email ON invitations(email);
                DROP TABLE login_failures;
                CREATE TABLE login_failures (
                    email TEXT NOT NULL,
                    client TEXT NOT NULL,
                    count INTEGER NOT NULL,
                    last_failure_at DATETIME NOT NULL,
                    locked_until DATETIME,
                    PRIMARY KEY (email, client)
                );
                """)
        }
    }

    /// Claims on source files (which org connected which resolved file), moved here from the
    /// engine's own `source-claims.db` so every process and both stores keep them in the control
    /// plane; and the database hosts the operator granted each org for PostgreSQL sources
    /// (`host` is `name:port`, the name in lowercase).
    static func registerClaimsAndHosts(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-claims-and-hosts") { db in
            try db.execute(sql: """
                CREATE TABLE source_claims (
                    resolved_path TEXT PRIMARY KEY NOT NULL,
                    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                    source_id TEXT NOT NULL
                );
                CREATE INDEX source_claims_org ON source_claims(org_id);
                CREATE TABLE host_grants (
                    org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                    host TEXT NOT NULL,
                    granted_by TEXT NOT NULL,
                    granted_at DATETIME NOT NULL,
                    PRIMARY KEY (org_id, host)
                );
                """)
        }
    }
}
