import Foundation
import BulkheadAssistant
import BulkheadCore
import BulkheadPostgres

/// The tenant-data attacks on PostgreSQL, where an org's data is rows under row-level security
/// rather than a file of its own: each is what the SQLite attack of the same id becomes there.
extension AuditWorld {
    /// TD-01..04: the other org's rows put in place of the spare org's (copied in, moved over,
    /// reached through a view, linked by a key), then read as the spare org.
    func rowSwap(_ verb: String, _ me: AuditTenant) async throws {
        let victim = self.victim(of: me)
        let spareClaims = RequestClaims.tenant(spare.admin)
        let other = Self.literal(victim.orgID.rawValue), canary = Self.literal(victim.canary)
        switch verb {
        case "copied":
            try requireRefused(spareClaims, """
                INSERT INTO bulkhead.notes (org_id, id, text, created_by, created_at) VALUES (\(other), 'copied', \(canary), 'x', now())
                """, "a row of the other org copied into the spare org")
        case "renamed":
            try rawRows(spareClaims, "INSERT INTO bulkhead.notes (id, text, created_by, created_at) VALUES ('moved', 'spare note', 'x', now())")
            try requireRefused(spareClaims, "UPDATE bulkhead.notes SET org_id = \(other)", "the spare org's rows moved to the other org")
        case "symlinked":
            try requireRefused(spareClaims, "CREATE VIEW bulkhead.spare_view AS SELECT * FROM bulkhead.notes",
                               "a view made in the store's schema")
            try requireRefused(spareClaims, "CREATE TEMP VIEW spare_view AS SELECT * FROM bulkhead.notes WHERE org_id = \(other)",
                               "a temporary view over the other org's rows")
        default:
            try requireRefused(spareClaims, """
                INSERT INTO bulkhead.turns (id, conversation_id, request_id, question, created_at)
                VALUES (1, \(Self.literal(victim.conversation.rawValue)), 'r', 'linked', now())
                """, "a turn of the spare org linked to the other org's conversation")
        }
        let notes = try observe(me, try services.notes.list(spare.admin), "the spare org's notes after the attack")
        try require(!String(describing: notes).contains(victim.canary), "the spare org reads the other org's rows")
    }

    /// TD-05: a tenant's transaction reaching another database or another role.
    func rowAttach(_ me: AuditTenant) throws {
        let owner = try rawRows(.operator, "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'bulkhead'").first ?? "postgres"
        let quoted = "\"" + owner.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        for (sql, what) in [
            ("CREATE EXTENSION IF NOT EXISTS dblink", "an extension that opens other connections"),
            ("SELECT * FROM dblink('dbname=postgres', 'SELECT 1') AS t(x int)", "a query through dblink"),
            ("SET ROLE \(quoted)", "switching to the schema's owner"),
            ("SET SESSION AUTHORIZATION \(quoted)", "switching the session's user to the owner"),
        ] {
            try requireRefused(claims(me), sql, what)
        }
    }

    /// TD-06…: a row of `table` moved to the other org under the attacker's claims.
    func rowForeign(_ me: AuditTenant, table: String) throws {
        let victim = self.victim(of: me)
        let policy = try rawRows(.operator, """
            SELECT coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'bulkhead' AND c.relname = \(Self.literal(table))
            AND c.relforcerowsecurity
            """)
        try require(policy.contains { $0.contains("current_org") }, "\(table) has no forced policy that checks the org of a written row")
        let rows = Int(try rawRows(claims(me), "SELECT count(*)::text FROM bulkhead.\(table)").first ?? "0") ?? 0
        guard rows > 0 else { return }
        try requireRefused(claims(me), "UPDATE bulkhead.\(table) SET org_id = \(Self.literal(victim.orgID.rawValue))",
                           "\(table) rows moved to the other org")
        let after = Int(try rawRows(claims(me), "SELECT count(*)::text FROM bulkhead.\(table)").first ?? "0") ?? 0
        try require(after == rows, "\(table) lost rows to the other org")
    }

    /// CTX-23…26: a row of the other org planted under the attacker's claims (refused), then an ask
    /// that must carry nothing of it.
    func rowPlantedAsk(_ me: AuditTenant, kind: Planted) async throws {
        let victim = self.victim(of: me)
        let other = Self.literal(victim.orgID.rawValue)
        let marker = Self.literal(missingID(prefix: "PLANTED").uppercased())
        let sql: String
        switch kind {
        case .note:
            sql = "INSERT INTO bulkhead.notes (org_id, id, text, created_by, created_at) VALUES (\(other), 'planted', \(marker), 'x', now())"
        case .example:
            sql = """
                INSERT INTO bulkhead.examples (org_id, id, question, sql, origin, status, created_by, created_at)
                VALUES (\(other), 'planted', 'how many customers are there', \(marker), 'planted', 'approved', 'x', now())
                """
        case .turn:
            sql = """
                INSERT INTO bulkhead.turns (org_id, id, conversation_id, request_id, question, created_at)
                VALUES (\(other), 999999, \(Self.literal(me.conversation.rawValue)), 'r', \(marker), now())
                """
        case .vector:
            sql = """
                INSERT INTO bulkhead.vector_items (org_id, collection, id, position, text, vector)
                VALUES (\(other), 'notes', 'planted', 999999, \(marker), '\\x00'::bytea)
                """
        }
        try requireRefused(claims(me), sql, "a row stamped with the other org planted in its own data")
        let answer = try await services.assistant.ask(me.admin, question: "how many customers are there", source: me.sharedName,
                                                      conversation: kind == .turn ? me.conversation : nil)
        let record = try services.requestLog.record(answer.requestID.rawValue, for: me.admin)
        transcript.record(me.side, .prompt, String(decoding: record.requestBody, as: UTF8.self))
        try require(record.context.fragments.allSatisfy { $0.provenance.orgID == me.orgID }, "a fragment of another org reached the prompt")
    }
}
