import Foundation
import BulkheadCore
import BulkheadEngine

extension AuditRunner {
    /// One sandbox escape attempt: the SQL (built from the world, since it names real files) and its name.
    struct SandboxAttempt: Sendable {
        let name: String
        let sql: @Sendable (AuditWorld, AuditTenant) -> String
        var parameters: @Sendable (AuditWorld, AuditTenant) -> [SQLValue] = { _, _ in [] }
    }

    /// Every statement kind the sandbox must refuse, each tried on the attacker's own source.
    static var sandboxAttempts: [SandboxAttempt] {
        func fixed(_ name: String, _ sql: String) -> SandboxAttempt { SandboxAttempt(name: name, sql: { _, _ in sql }) }
        var list: [SandboxAttempt] = [
            SandboxAttempt(name: "ATTACH the other org's source", sql: { world, me in
                "ATTACH DATABASE '\(world.victim(of: me).sharedFile.path)' AS other" }),
            SandboxAttempt(name: "ATTACH the other org's tenant database", sql: { world, me in
                "ATTACH DATABASE '\(world.services.workspace.tenantDatabaseURL(for: world.victim(of: me).orgID).path)' AS other" }),
            SandboxAttempt(name: "ATTACH control.db", sql: { world, _ in
                "ATTACH DATABASE '\(world.services.workspace.controlDatabaseURL.path)' AS control" }),
            SandboxAttempt(name: "ATTACH through a URI", sql: { world, me in
                "ATTACH DATABASE 'file:\(world.victim(of: me).sharedFile.path)?mode=ro' AS other" }),
            SandboxAttempt(name: "ATTACH with a bound path", sql: { _, _ in "ATTACH DATABASE ? AS other" },
                           parameters: { world, me in [.text(world.victim(of: me).sharedFile.path)] }),
            fixed("ATTACH an in-memory database", "ATTACH DATABASE ':memory:' AS scratch"),
            fixed("lower-case attach after a newline", "\n  attach database 'x.db' as x"),
            fixed("DETACH main", "DETACH DATABASE main"),
        ]
        let pragmaWrites = ["journal_mode = WAL", "writable_schema = ON", "query_only = OFF", "user_version = 7", "application_id = 9",
                            "cache_size = 1", "foreign_keys = ON", "locking_mode = EXCLUSIVE", "synchronous = OFF", "temp_store = MEMORY",
                            "mmap_size = 268435456", "recursive_triggers = ON", "trusted_schema = ON", "schema_version = 1",
                            "ignore_check_constraints = ON", "wal_checkpoint(TRUNCATE)", "optimize", "shrink_memory",
                            "busy_timeout = 0", "case_sensitive_like = ON", "secure_delete = OFF", "auto_vacuum = FULL"]
        list += pragmaWrites.map { fixed("PRAGMA \($0)", "PRAGMA \($0)") }
        list += [
            fixed("PRAGMA database_list", "PRAGMA database_list"),
            SandboxAttempt(name: "load_extension", sql: { world, me in
                "SELECT load_extension('\(world.victim(of: me).root.path)/evil.so')" }),
            fixed("load_extension with an entry point", "SELECT load_extension('libevil', 'sqlite3_evil_init')"),
            SandboxAttempt(name: "readfile of the other org's file", sql: { world, me in
                "SELECT readfile('\(world.victim(of: me).sharedFile.path)')" }),
            SandboxAttempt(name: "writefile into the other org's folder", sql: { world, me in
                "SELECT writefile('\(world.victim(of: me).root.path)/evil.txt', 'x')" }),
            fixed("fts3_tokenizer pointer", "SELECT fts3_tokenizer('simple')"),
            SandboxAttempt(name: "VACUUM INTO its scratch folder", sql: { _, me in
                "VACUUM INTO '\(me.scratch.path)/vacuum-copy.db'" }),
            SandboxAttempt(name: "VACUUM INTO the other org's folder", sql: { world, me in
                "VACUUM INTO '\(world.victim(of: me).root.path)/vacuum-evil.db'" }),
            fixed("VACUUM", "VACUUM"),
            fixed("two statements", "SELECT 1; SELECT 2"),
            SandboxAttempt(name: "a read then an ATTACH", sql: { world, me in
                "SELECT 1; ATTACH DATABASE '\(world.victim(of: me).sharedFile.path)' AS other" }),
            fixed("a second statement behind a comment", "SELECT 1 /* harmless */; DELETE FROM customers"),
            fixed("INSERT", "INSERT INTO customers (name, city) VALUES ('x', 'y')"),
            fixed("UPDATE", "UPDATE customers SET name = 'x'"),
            fixed("DELETE", "DELETE FROM customers"),
            fixed("REPLACE", "REPLACE INTO customers (id, name, city) VALUES (1, 'x', 'y')"),
            fixed("a write inside a CTE", "WITH x AS (SELECT 1) INSERT INTO customers (name, city) SELECT 'x', 'y' FROM x"),
            fixed("CREATE TABLE", "CREATE TABLE stolen (x)"),
            fixed("CREATE TEMP TABLE", "CREATE TEMP TABLE stolen AS SELECT * FROM customers"),
            fixed("CREATE TEMP VIEW", "CREATE TEMP VIEW stolen AS SELECT * FROM customers"),
            fixed("CREATE TEMP TRIGGER", "CREATE TEMP TRIGGER t AFTER INSERT ON customers BEGIN SELECT 1; END"),
            fixed("CREATE INDEX", "CREATE INDEX i ON customers(name)"),
            fixed("CREATE VIRTUAL TABLE", "CREATE VIRTUAL TABLE v USING fts5(x)"),
            fixed("DROP TABLE", "DROP TABLE customers"),
            fixed("ALTER TABLE", "ALTER TABLE customers ADD COLUMN x"),
            fixed("BEGIN", "BEGIN IMMEDIATE"),
            fixed("SAVEPOINT", "SAVEPOINT s"),
            fixed("REINDEX", "REINDEX"),
            fixed("ANALYZE", "ANALYZE"),
            fixed("sqlite_dbpage", "SELECT * FROM sqlite_dbpage"),
        ]
        return list
    }

    /// Sandbox escapes: each refused statement kind is its own pattern; then the time limit and the files.
    static var sandboxPatterns: [AuditPattern] {
        var list: [AuditPattern] = sandboxAttempts.enumerated().map { offset, attempt in
            AuditPattern.oneWay(String(format: "SBX-%02d", offset + 1), .engine, "sandbox: \(attempt.name)", as: offset % 2 == 0 ? .a : .b,
                    tried: "runs '\(attempt.name)' as a query on its own source") { world, me in
                let sql = attempt.sql(world, me)
                let parameters = attempt.parameters(world, me)
                if attempt.name == "PRAGMA database_list" {
                    try world.allowedOnlyIfHarmless(me, sql)
                    return
                }
                try await world.expectFailure(me, .sqlRejected, "sandbox \(attempt.name)", echo: [sql]) {
                    try world.services.engine.query(me.admin, source: "sales", sql: sql, parameters: parameters)
                }
            }
        }
        let next = list.count + 1
        list.append(.oneWay(String(format: "SBX-%02d", next), .engine, "sandbox: recursive CTE past the time limit",
                            tried: "runs an endless recursive CTE with a 0.2 s limit; it must stop with the time-limit error") { world, me in
            try await world.expectFailure(me, .timeLimit, "endless CTE") {
                try world.services.engine.query(me.admin, source: "sales",
                                                sql: "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r",
                                                options: QueryOptions(timeLimit: 0.2))
            }
        })
        list.append(.oneWay(String(format: "SBX-%02d", next + 1), .engine, "sandbox: files untouched", as: .b,
                            tried: "after every escape attempt, checks both orgs' sources still hold only their own rows and no file was written") { world, me in
            try world.filesUntouched(me)
        })
        return list
    }
}

extension AuditWorld {
    /// A read-only PRAGMA may be allowed, but must show nothing of another org.
    func allowedOnlyIfHarmless(_ me: AuditTenant, _ sql: String) throws {
        do {
            let result = try services.engine.query(me.admin, source: "sales", sql: sql)
            try observe(me, result, "read-only PRAGMA", echo: [me.sharedFile.path])
        } catch let error as BulkheadError {
            transcript.record(me.side, .error, error.message)
            try leakCheck(error.message, viewer: me, what: "read-only PRAGMA")
        }
    }

    /// Both orgs' sources still count their own rows and no escape wrote a file.
    func filesUntouched(_ me: AuditTenant) throws {
        for tenant in [a, b] {
            let result = try services.engine.query(tenant.admin, source: "sales", sql: "SELECT count(*) FROM customers")
            try require(result.rows.first?.first == .integer(24), "a sandbox attempt changed \(tenant.side.rawValue)'s source")
        }
        for path in [a.scratch.appendingPathComponent("vacuum-copy.db"), b.scratch.appendingPathComponent("vacuum-copy.db"),
                     a.root.appendingPathComponent("vacuum-evil.db"), b.root.appendingPathComponent("vacuum-evil.db"),
                     a.root.appendingPathComponent("evil.txt"), b.root.appendingPathComponent("evil.txt")] {
            try require(!FileManager.default.fileExists(atPath: path.path), "a sandbox attempt wrote \(path.lastPathComponent)")
        }
    }
}
