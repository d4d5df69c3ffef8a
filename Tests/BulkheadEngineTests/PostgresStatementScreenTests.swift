import BulkheadCore
@testable import BulkheadEngine
import XCTest

/// The lexical screen in front of PostgreSQL sources, on its own (no server needed).
final class PostgresStatementScreenTests: XCTestCase {
    private func refusal(_ sql: String) -> BulkheadError? {
        do {
            _ = try PostgresStatementScreen.screen(sql)
            return nil
        } catch {
            return error as? BulkheadError
        }
    }

    func testReadsPassAndLoseTheirTrailingSemicolons() throws {
        XCTAssertEqual(try PostgresStatementScreen.screen("SELECT 1;;  "), "SELECT 1")
        XCTAssertEqual(try PostgresStatementScreen.screen("  with t as (select 1) select * from t"), "  with t as (select 1) select * from t")
        XCTAssertEqual(try PostgresStatementScreen.screen("(SELECT 1) UNION (SELECT 2)"), "(SELECT 1) UNION (SELECT 2)")
        XCTAssertEqual(try PostgresStatementScreen.screen("VALUES (1), (2)"), "VALUES (1), (2)")
        XCTAssertEqual(try PostgresStatementScreen.screen("TABLE \"Artist\""), "TABLE \"Artist\"")
        XCTAssertEqual(try PostgresStatementScreen.screen("SELECT 'it''s; fine', E'\\'; x', $$ ; $$, $q$ ' ; $q$, \"a;b\" /* ; /* ; */ */ FROM t -- ;"),
                       "SELECT 'it''s; fine', E'\\'; x', $$ ; $$, $q$ ' ; $q$, \"a;b\" /* ; /* ; */ */ FROM t")
        XCTAssertNil(refusal("SELECT pg_read_file FROM t"), "a column that happens to share a function's name is not a call")
        XCTAssertNil(refusal("SELECT 'pg_read_file(1)'"))
        XCTAssertNil(refusal("SELECT $1::int + $2"))
    }

    func testSecondStatementsWritesAndOutsideReachAreRefused() {
        XCTAssertEqual(refusal("SELECT 1; SELECT 2"), .sqlRefused("only one statement at a time"))
        XCTAssertEqual(refusal("SELECT $$a$$; DROP TABLE t"), .sqlRefused("only one statement at a time"))
        XCTAssertEqual(refusal("SELECT 'x';\n-- c\nDELETE FROM t"), .sqlRefused("only one statement at a time"))
        XCTAssertEqual(refusal("copy t to program 'id'"), .sqlRefused("COPY is not allowed"))
        XCTAssertEqual(refusal("/* hi */ COPY t FROM stdin"), .sqlRefused("COPY is not allowed"))
        for write in ["INSERT INTO t VALUES (1)", "update t set a = 1", "DELETE FROM t", "CREATE TABLE x (a int)", "DROP TABLE t",
                      "TRUNCATE t", "ALTER TABLE t ADD b int", "GRANT ALL ON t TO PUBLIC", "SET ROLE postgres", "DO $$ BEGIN END $$",
                      "CALL p()", "EXPLAIN ANALYZE DELETE FROM t", "LISTEN x", "DECLARE c CURSOR FOR SELECT 1", "BEGIN", "VACUUM"] {
            XCTAssertEqual(refusal(write), .sqlRefused("only read-only statements are allowed"), write)
        }
        XCTAssertEqual(refusal("SELECT PG_READ_FILE('/etc/passwd')"), .sqlRefused("the function pg_read_file is not allowed"))
        XCTAssertEqual(refusal("SELECT pg_catalog.pg_ls_dir('.')"), .sqlRefused("the function pg_ls_dir is not allowed"))
        XCTAssertEqual(refusal("SELECT \"lo_import\" ('/etc/passwd')"), .sqlRefused("the function lo_import is not allowed"))
        XCTAssertEqual(refusal("SELECT * FROM dblink_exec('x', 'y')"), .sqlRefused("the function dblink_exec is not allowed"))
        XCTAssertEqual(refusal("SELECT pg_advisory_lock(1)"), .sqlRefused("the function pg_advisory_lock is not allowed"))
        XCTAssertEqual(refusal("SELECT set_config('statement_timeout', '0', false)"), .sqlRefused("the function set_config is not allowed"))
        XCTAssertEqual(refusal("SELECT query_to_xml('select 1', true, true, '')"), .sqlRefused("the function query_to_xml is not allowed"))
        XCTAssertEqual(refusal("  ;  "), .invalidInput("the statement is empty"))
        XCTAssertEqual(refusal("-- only a comment"), .invalidInput("the statement is empty"))
    }
}
