import Foundation
import BulkheadCore
import BulkheadPostgres
import BulkheadPostgresKit
import BulkheadVectors
import PostgresNIO

/// The row-level security layer's checks (PostgreSQL only).
extension AuditWorld {
    /// The control plane's tables.
    var controlTables: [String] {
        ["organizations", "users", "memberships", "sessions", "login_failures", "ssh_keys", "security_events", "operators",
         "folder_grants", "invitations", "source_claims", "host_grants"] + PostgresSchema.sshTables
    }

    /// Under `claims`, no tenant table shows a row of any org but `me`'s, and `me`'s own rows are visible.
    func requireOnlyOwnRows(_ me: AuditTenant, claims: RequestClaims) throws {
        let own = AuditWorld.literal(me.orgID.rawValue)
        var seen = 0
        for table in PostgresSchema.tenantTableNames {
            let counts = try rawRows(claims, """
                SELECT count(*) FILTER (WHERE org_id = \(own))::text || ' ' || count(*) FILTER (WHERE org_id <> \(own))::text FROM bulkhead.\(table)
                """).first?.split(separator: " ").compactMap { Int($0) } ?? []
            try require(counts.count == 2, "\(table) could not be counted")
            try require(counts[1] == 0, "\(table) shows another org's rows under \(me.side.rawValue)'s claims")
            seen += counts[0]
        }
        try require(seen > 0, "no row of the org itself was visible, so the count proved nothing")
    }

    /// RLS-03: claims set for a whole session on the only pooled connection of a pool reach no later transaction.
    func leftoverClaims(_ me: AuditTenant) throws {
        guard let url = postgresURL else { throw AuditBreach("this attack needs the PostgreSQL store") }
        let runtime = try rawStore().client.runtime
        let single = try runtime.wait { try await PostgresStore.open(url: url, runtime: runtime, maximumConnections: 1) }
        defer { single.close() }
        let leftover = RequestClaims.tenant(me.admin).json
        try runtime.wait {
            try await single.client.withConnection { connection in
                _ = try await connection.query("SELECT set_config('request.jwt.claims', \(leftover), false)", logger: PostgresLog.quiet)
            }
        }
        let victim = self.victim(of: me)
        let own = AuditWorld.literal(me.orgID.rawValue)
        for table in PostgresSchema.tenantTableNames {
            let sql = PostgresQuery(unsafeSQL: "SELECT count(*) FILTER (WHERE org_id = \(own)), count(*) FROM bulkhead.\(table)")
            let asVictim = try single.waitTransaction(.tenant(victim.admin)) { connection in
                try await connection.query(sql, logger: PostgresLog.quiet).collect().first?.decode((Int, Int).self) ?? (-1, -1)
            }
            try require(asVictim.0 == 0, "\(table): the leftover session claims showed \(me.side.rawValue)'s rows to the other org")
            let asService = try single.waitTransaction(.authService) { connection in
                try await connection.query(sql, logger: PostgresLog.quiet).collect().first?.decode((Int, Int).self) ?? (-1, -1)
            }
            try require(asService.1 == 0, "\(table): the leftover session claims reached a transaction without an org")
        }
    }

    /// RLS-16: the control plane as `me`'s admin: its own org only, and no write into the other org's.
    func controlUnderTenantClaims(_ me: AuditTenant) throws {
        let victim = self.victim(of: me)
        let mine = claims(me), other = AuditWorld.literal(victim.orgID.rawValue)
        try require(try rawRows(mine, "SELECT id FROM bulkhead.organizations") == [me.orgID.rawValue], "other organizations are visible")
        try require(try rawRows(mine, "SELECT DISTINCT org_id FROM bulkhead.memberships") == [me.orgID.rawValue], "other orgs' memberships are visible")
        try require(!(try rawRows(mine, "SELECT email FROM bulkhead.users")).contains(victim.adminEmail), "the other org's users are visible")
        try require(try rawRows(mine, "SELECT DISTINCT coalesce(org_id, '-') FROM bulkhead.security_events").allSatisfy { $0 == me.orgID.rawValue },
                    "security events of other orgs (or of none) are visible")
        try requireRefused(mine, """
            INSERT INTO bulkhead.memberships (org_id, user_id, role, created_at) VALUES (\(other), \(AuditWorld.literal(me.admin.userID.rawValue)), 'admin', now())
            """, "joining the other org as its admin")
        try requireRefused(mine, """
            INSERT INTO bulkhead.memberships (org_id, user_id, role, created_at) VALUES (\(AuditWorld.literal(me.orgID.rawValue)),
                \(AuditWorld.literal(victim.admin.userID.rawValue)), 'member', now())
            """, "pushing its org onto the other org's admin")
        try requireRefused(mine, """
            INSERT INTO bulkhead.invitations (org_id, email, role, invited_by, created_at, expires_at)
            VALUES (\(other), 'x@audit.test', 'admin', 'x', now(), now() + interval '1 day')
            """, "inviting someone into the other org")
        let revoked = try rawRows(mine, "UPDATE bulkhead.sessions SET revoked_at = now() WHERE org_id = \(other) RETURNING id")
        try require(revoked.isEmpty, "the other org's sessions could be revoked")
        let raised = try rawRows(.tenant(me.member), "UPDATE bulkhead.memberships SET role = 'admin' RETURNING user_id")
        try require(raised.isEmpty, "a member raised a role under member claims")
    }

    /// RLS-19: every tenant table's indexes and foreign keys lead with `org_id`.
    func requireOrgLeadingKeys() throws {
        let tables = PostgresSchema.tenantTableNames.map { "'\($0)'" }.joined(separator: ", ")
        let indexes = try rawRows(.operator, """
            SELECT i.relname::text FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
            WHERE n.nspname = 'bulkhead' AND t.relname IN (\(tables)) AND a.attname <> 'org_id'
            """)
        try require(indexes.isEmpty, "tenant indexes that do not lead with org_id: \(indexes)")
        let keys = try rawRows(.operator, """
            SELECT k.conname::text FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.conkey[1]
            WHERE n.nspname = 'bulkhead' AND t.relname IN (\(tables)) AND k.contype IN ('f', 'p', 'u') AND a.attname <> 'org_id'
            """)
        try require(keys.isEmpty, "tenant keys that do not lead with org_id: \(keys)")
    }

    /// RLS-20: another server (a store with its own cache over the same rows) adds an item; this
    /// server's cached index serves it at once, and the other org's searches never do.
    func cacheFollowsRows(_ me: AuditTenant) async throws {
        let victim = self.victim(of: me)
        let collection = me.sharedCollection
        _ = try await services.vectors.search(me.admin, collection: collection, query: .text("quarterly revenue"), k: 5, embedder: Self.embedder)
        let other = VectorStore(rows: services.stores.vectors, clock: services.clock)
        let id = missingID(prefix: "\(me.side.rawValue)-elsewhere")
        let text = "written by another server \(id)"
        try await other.add(me.admin, collection: collection, items: [VectorItem(id: id, text: text, metadata: ["owner": me.canary])],
                            embedder: Self.embedder)
        defer { _ = try? other.delete(me.admin, collection: collection, ids: [id]) }
        let mine = try await services.vectors.search(me.admin, collection: collection, query: .text(text), k: 3, embedder: Self.embedder)
        try observe(me, mine, "search after another server's write")
        try require(mine.first?.id == id, "this server served its cached index without the item another server added")
        for store in [services.vectors, other] {
            let theirs = try await store.search(victim.admin, collection: collection, query: .text(text), k: 10, embedder: Self.embedder)
            try observe(victim, theirs, "the other org's search after the write")
            try require(!theirs.contains { $0.id == id }, "the other org's search served the item")
        }
    }
}
