import Foundation
import BulkheadCore
import BulkheadPostgres
import BulkheadPostgresKit

extension AuditRunner {
    /// Row-level security attacked below the application (PostgreSQL only): statements sent as the
    /// server role, as a bug in the application would send them, with the wrong claims, none, or
    /// stale ones, and the catalog checked for anything that would let the role step around the policies.
    static var rowSecurityPatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list.append(.oneWay("RLS-01", .rowSecurity, "no claims, no rows",
                            tried: "reads every tenant and control-plane table as the server role without setting any claims") { world, _ in
            for table in PostgresSchema.tenantTableNames + world.controlTables {
                let rows = try world.rawRows(nil, "SELECT count(*)::text FROM bulkhead.\(table)")
                try world.require(rows == ["0"], "\(table) shows rows to a transaction without claims")
            }
        })
        list += AuditPattern.twoWay("RLS-02", .rowSecurity, "the other org's rows under its own claims",
                                    tried: "counts, in every tenant table, the rows of any other org visible under its own claims") { world, me in
            try world.requireOnlyOwnRows(me, claims: world.claims(me))
        }
        list.append(.oneWay("RLS-03", .rowSecurity, "claims left over on a pooled connection",
                            tried: "sets its claims for the whole session of the only pooled connection, then reads as the other org and as no org") { world, me in
            try world.leftoverClaims(me)
        })
        list.append(.oneWay("RLS-04", .rowSecurity, "a server role that can step around the policies",
                            tried: "checks that the server role is no superuser, lacks BYPASSRLS, cannot become a role that has it, and owns nothing") { world, _ in
            let store = try world.rawStore()
            let problems = try store.client.runtime.wait { try await store.client.withConnection { try await ServerRoleCheck.problems(on: $0) } }
            try world.require(problems.isEmpty, "the server role could step around row-level security: \(problems.map(\.rawValue))")
        })
        list.append(.oneWay("RLS-05", .rowSecurity, "a table without forced row-level security",
                            tried: "reads the catalog for a table of the schema without ENABLE and FORCE ROW LEVEL SECURITY") { world, _ in
            let loose = try world.rawRows(.operator, """
                SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'bulkhead' AND c.relkind IN ('r', 'p') AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
                """)
            try world.require(loose.isEmpty, "tables without forced row-level security: \(loose)")
        })
        list.append(.oneWay("RLS-06", .rowSecurity, "SECURITY DEFINER functions",
                            tried: "reads the catalog for functions of the schema that run with their owner's rights") { world, _ in
            let definers = try world.rawRows(.operator, """
                SELECT p.proname::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'bulkhead' AND p.prosecdef
                """)
            try world.require(definers.isEmpty, "SECURITY DEFINER functions: \(definers)")
        })
        list.append(.oneWay("RLS-07", .rowSecurity, "views without security_invoker",
                            tried: "reads the catalog for views of the schema that would run with their owner's rights") { world, _ in
            let views = try world.rawRows(.operator, """
                SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'bulkhead' AND c.relkind IN ('v', 'm')
                AND NOT coalesce('security_invoker=true' = ANY(c.reloptions) OR 'security_invoker=on' = ANY(c.reloptions), false)
                """)
            try world.require(views.isEmpty, "views without security_invoker: \(views)")
        })
        list.append(.oneWay("RLS-08", .rowSecurity, "COPY around the policies",
                            tried: "copies a tenant table to a server file and to a program, and from a server file, under its own claims") { world, me in
            for (sql, what) in [
                ("COPY bulkhead.notes TO '/tmp/bulkhead-audit-notes.csv'", "COPY of a tenant table to a server file"),
                ("COPY (SELECT * FROM bulkhead.notes) TO PROGRAM 'cat'", "COPY of tenant rows to a program"),
                ("COPY bulkhead.notes FROM '/etc/hostname'", "COPY into a tenant table from a server file"),
            ] {
                try world.requireRefused(world.claims(me), sql, what)
            }
        })
        list.append(.oneWay("RLS-09", .rowSecurity, "sequences counting every org's rows",
                            tried: "reads the catalog for sequences and identity columns in the schema, whose values would count other orgs' rows") { world, _ in
            let counters = try world.rawRows(.operator, """
                SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'bulkhead' AND c.relkind = 'S'
                UNION ALL SELECT table_name::text || '.' || column_name::text FROM information_schema.columns
                WHERE table_schema = 'bulkhead' AND (is_identity = 'YES' OR column_default LIKE 'nextval%')
                """)
            try world.require(counters.isEmpty, "sequences or identity columns: \(counters)")
        })
        list += AuditPattern.twoWay("RLS-10", .rowSecurity, "statistics showing the other org's values",
                                    tried: "reads the planner's statistics (pg_stats, pg_statistic) of every tenant table as the server role") { world, me in
            let tables = PostgresSchema.tenantTableNames.map { "'\($0)'" }.joined(separator: ", ")
            let visible = try world.rawRows(world.claims(me), """
                SELECT tablename::text || '.' || attname::text FROM pg_stats WHERE schemaname = 'bulkhead' AND tablename IN (\(tables))
                """)
            try world.require(visible.isEmpty, "statistics of tenant tables are visible: \(visible.prefix(5))")
            try world.requireRefused(world.claims(me), "SELECT count(*) FROM pg_statistic", "reading pg_statistic")
        }
        list.append(contentsOf: rowSecurityWritePatterns)
        return list
    }

    /// Writes that would go around the policies, or change them.
    static var rowSecurityWritePatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list.append(.oneWay("RLS-11", .rowSecurity, "TRUNCATE, which ignores row-level security",
                            tried: "truncates tenant tables under its own claims (TRUNCATE skips every policy)") { world, me in
            for table in ["notes", "requests", "vector_items"] {
                try world.requireRefused(world.claims(me), "TRUNCATE bulkhead.\(table)", "TRUNCATE of \(table)")
            }
        })
        list.append(.oneWay("RLS-12", .rowSecurity, "policies switched off by the server role", as: .b,
                            tried: "disables row-level security, turns FORCE off, drops and replaces a policy on a tenant table") { world, me in
            for (sql, what) in [
                ("ALTER TABLE bulkhead.notes DISABLE ROW LEVEL SECURITY", "disabling row-level security"),
                ("ALTER TABLE bulkhead.notes NO FORCE ROW LEVEL SECURITY", "turning FORCE off"),
                ("DROP POLICY tenant_isolation ON bulkhead.notes", "dropping the policy"),
                ("CREATE POLICY everything ON bulkhead.notes USING (true)", "adding a permissive policy"),
            ] {
                try world.requireRefused(world.claims(me), sql, what)
            }
        })
        list.append(.oneWay("RLS-13", .rowSecurity, "new objects in the schema",
                            tried: "creates a table, a function and a view in the store's schema as the server role") { world, me in
            for (sql, what) in [
                ("CREATE TABLE bulkhead.audit_loot (x text)", "a table in the schema"),
                ("CREATE FUNCTION bulkhead.audit_org() RETURNS text LANGUAGE sql SECURITY DEFINER AS 'SELECT 1::text'", "a definer function"),
                ("CREATE VIEW bulkhead.audit_all AS SELECT * FROM bulkhead.notes", "a view in the schema"),
            ] {
                try world.requireRefused(world.claims(me), sql, what)
            }
        })
        list.append(.oneWay("RLS-14", .rowSecurity, "server files and programs",
                            tried: "reads a server file, imports one as a large object and lists a server folder, under its own claims") { world, me in
            for (sql, what) in [
                ("SELECT pg_read_file('/etc/hostname')", "pg_read_file"),
                ("SELECT lo_import('/etc/hostname')", "lo_import"),
                ("SELECT pg_ls_dir('.')", "pg_ls_dir"),
            ] {
                try world.requireRefused(world.claims(me), sql, what)
            }
        })
        list += AuditPattern.twoWay("RLS-15", .rowSecurity, "a row of its own pointing at the other org's",
                                    tried: "adds a conversation turn and a vector item of its own that reference the other org's conversation and collection") { world, me in
            let victim = world.victim(of: me)
            try world.requireRefused(world.claims(me), """
                INSERT INTO bulkhead.turns (id, conversation_id, request_id, question, created_at)
                VALUES (424242, \(AuditWorld.literal(victim.conversation.rawValue)), 'r', 'q', now())
                """, "a turn referencing the other org's conversation")
            try world.requireRefused(world.claims(me), """
                INSERT INTO bulkhead.vector_items (collection, id, position, text, vector)
                VALUES (\(AuditWorld.literal(victim.privateCollection)), 'x', 424242, 'x', '\\x00'::bytea)
                """, "a vector item in the other org's collection")
        }
        list += AuditPattern.twoWay("RLS-16", .rowSecurity, "the control plane under its own claims",
                                    tried: "reads organizations, users, memberships and events, and writes the other org's memberships and sessions, as its admin") { world, me in
            try world.controlUnderTenantClaims(me)
        }
        list.append(.oneWay("RLS-17", .rowSecurity, "the services' claims reading tenant rows",
                            tried: "reads every tenant table under the authentication service's and the operator's claims") { world, _ in
            for claims in [RequestClaims.authService, .operator] {
                for table in PostgresSchema.tenantTableNames {
                    let rows = try world.rawRows(claims, "SELECT count(*)::text FROM bulkhead.\(table)")
                    try world.require(rows == ["0"], "\(table) shows tenant rows to the \(claims.role.rawValue) claims")
                }
            }
        })
        list.append(.oneWay("RLS-18", .rowSecurity, "the migrations ledger", as: .b,
                            tried: "writes, changes and deletes the schema's migration records as the server role") { world, me in
            for sql in ["INSERT INTO bulkhead.schema_migrations (version, name) VALUES (9999, 'forged')",
                        "UPDATE bulkhead.schema_migrations SET name = 'forged'", "DELETE FROM bulkhead.schema_migrations"] {
                try world.requireRefused(world.claims(me), sql, "a change to the migrations ledger")
            }
        })
        list.append(.oneWay("RLS-19", .rowSecurity, "tenant indexes and keys that do not lead with the org",
                            tried: "reads the catalog for a tenant table's index or foreign key whose first column is not org_id") { world, _ in
            try world.requireOrgLeadingKeys()
        })
        list.append(.oneWay("RLS-21", .rowSecurity, "a temporary table carrying rows across transactions",
                            tried: "copies its rows into a temporary table (which row-level security does not cover and which outlives the transaction on its pooled connection)") { world, me in
            try world.requireRefused(world.claims(me), "CREATE TEMP TABLE stash AS SELECT * FROM bulkhead.notes", "a temporary table of tenant rows")
            try world.requireRefused(world.claims(me), "CREATE TEMP TABLE stash (x text)", "a temporary table")
        })
        list += AuditPattern.twoWay("RLS-20", .rowSecurity, "a cached index after rows changed below it",
                                    tried: "adds a vector item straight into its own collection below a server's cache, then searches as itself and as the other org") { world, me in
            try await world.cacheFollowsRows(me)
        }
        return list
    }
}
