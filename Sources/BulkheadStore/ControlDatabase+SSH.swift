import GRDB

extension ControlDatabase {
    /// The control-plane tables of SSH access and of limits shared across processes (issue 12).
    ///
    /// - `ssh_keys` gains the key's algorithm, its comment, who added it (`user:<id>`), when it was
    ///   last used, and `org_id`: a key an org admin added for a member opens sessions in that org
    ///   only (so no admin can give themselves a way into a member's other orgs); a key the user
    ///   added themself has none and serves every org of theirs. A fingerprint stays unique.
    /// - `sessions` gains `kind` (`password` or `ssh`) and, for SSH, the key's fingerprint and the
    ///   client's address, so `session list` can say where a session came from and removing a key
    ///   revokes the sessions it opened.
    /// - `ssh_host_keys`: the fingerprints of the server's host keys; only the holder of a
    ///   registered host key may open a session for a public key.
    /// - `ssh_failures`: failed SSH authentications per (subject, client), subject being a key's
    ///   fingerprint or `*` for every key from one address.
    /// - `limit_buckets`, `limit_slots`, `org_limits`: ``ControlPlaneLimits``.
    static func registerSSH(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-ssh") { db in
            try db.execute(sql: """
                ALTER TABLE ssh_keys ADD COLUMN algorithm TEXT NOT NULL DEFAULT '';
                ALTER TABLE ssh_keys ADD COLUMN comment TEXT NOT NULL DEFAULT '';
                ALTER TABLE ssh_keys ADD COLUMN added_by TEXT NOT NULL DEFAULT '';
                ALTER TABLE ssh_keys ADD COLUMN last_used_at DATETIME;
                ALTER TABLE ssh_keys ADD COLUMN org_id TEXT REFERENCES organizations(id) ON DELETE CASCADE;
                CREATE INDEX ssh_keys_user ON ssh_keys(user_id);
                ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'password' CHECK (kind IN ('password', 'ssh'));
                ALTER TABLE sessions ADD COLUMN key_fingerprint TEXT;
                ALTER TABLE sessions ADD COLUMN client TEXT NOT NULL DEFAULT '';
                CREATE INDEX sessions_key ON sessions(key_fingerprint);
                CREATE TABLE ssh_host_keys (
                    fingerprint TEXT PRIMARY KEY NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE ssh_failures (
                    subject TEXT NOT NULL,
                    client TEXT NOT NULL,
                    count INTEGER NOT NULL,
                    last_failure_at DATETIME NOT NULL,
                    locked_until DATETIME,
                    PRIMARY KEY (subject, client)
                );
                CREATE TABLE limit_buckets (
                    org_id TEXT NOT NULL,
                    bucket TEXT NOT NULL,
                    tokens REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    PRIMARY KEY (org_id, bucket)
                );
                CREATE TABLE limit_slots (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    slot TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    holder TEXT NOT NULL,
                    acquired_at REAL NOT NULL
                );
                CREATE INDEX limit_slots_scope ON limit_slots(slot, scope);
                CREATE TABLE org_limits (
                    org_id TEXT PRIMARY KEY NOT NULL,
                    limits TEXT NOT NULL
                );
                """)
        }
    }
}
