import Foundation
import Testing
@testable import BulkheadServer

/// What an SSH exec request may run, and the argv it becomes.
@Suite("Exec allowlist")
struct ExecCommandTests {
    @Test("the four read-only commands run with --json, their free text after --",
          arguments: [
              ("whoami", ["whoami", "--json"]),
              ("whoami --json", ["whoami", "--json"]),
              ("source list", ["source", "list", "--json"]),
              ("ask how many orders", ["ask", "--json", "--", "how many orders"]),
              ("ask 'how many --home orders' --source retail --json", ["ask", "--json", "--source", "retail", "--", "how many --home orders"]),
              ("ask -- --operator-key x", ["ask", "--json", "--", "--operator-key x"]),
              ("context", ["context", "--json", "--", "last"]),
              ("context req-0123abcd", ["context", "--json", "--", "req-0123abcd"]),
          ])
    func allowed(line: String, arguments: [String]) throws {
        #expect(try ExecCommand(parsing: line).arguments == arguments)
    }

    @Test("operator commands, writes, smuggled options and shell syntax are refused",
          arguments: ["", "admin org list", "org create X", "demo --force", "serve", "key add -", "user add a@b.c", "source add x /etc",
                      "source list --home /tmp", "whoami --operator-key /k", "whoami extra", "ask --home /tmp q", "ask --source --json q",
                      "ask", "context ../../etc", "context a b", "query s 'select 1'", "whoami; id", "whoami | cat", "whoami > f",
                      "$(id)", "`id`", "ask \"$HOME\"", "ask 'unterminated", "--help", "help", "login a@b.c"])
    func refused(line: String) {
        #expect(throws: ExecCommand.Refusal.self) { try ExecCommand(parsing: line) }
    }

    @Test("shell words: quotes and escapes, nothing expanded")
    func words() throws {
        #expect(try ShellWords.split(#"a 'b c' "d \"e\"" f\ g"#) == ["a", "b c", #"d "e""#, "f g"])
        #expect(try ShellWords.split("  ") == [])
        #expect(throws: ShellWords.Problem.shellSyntax(";")) { try ShellWords.split("a;b") }
        #expect(throws: ShellWords.Problem.unterminatedQuote) { try ShellWords.split("'a") }
    }
}

/// The environment of a session's process.
@Suite("Child environment")
struct ChildEnvironmentTests {
    @Test("only LANG, TERM, COLORTERM and NO_COLOR pass from the client; the rest is the server's")
    func fromScratch() {
        var environment = ChildEnvironment()
        for name in ["LD_PRELOAD", "BULKHEAD_HOME", "BULKHEAD_TOKEN", "BULKHEAD_OPERATOR_KEY", "PATH", "HOME", "lang"] {
            let accepted = environment.accept(name: name, value: "x")
            #expect(!accepted, "\(name) passed")
        }
        let escaped = environment.accept(name: "LANG", value: "C.UTF-8\u{1b}[2J")
        #expect(!escaped, "control characters are refused")
        let lang = environment.accept(name: "LANG", value: "de_DE.UTF-8")
        let noColor = environment.accept(name: "NO_COLOR", value: "1")
        #expect(lang && noColor)
        let entries = environment.entries(home: URL(fileURLWithPath: "/srv/home"), token: "tok", term: "screen")
        #expect(entries == ["BULKHEAD_HOME=/srv/home", "BULKHEAD_LOG_LEVEL=critical", "BULKHEAD_TOKEN=tok", "HOME=/srv/home",
                            "LANG=de_DE.UTF-8", "LC_CTYPE=C.UTF-8", "NO_COLOR=1", "PATH=/usr/local/bin:/usr/bin:/bin", "TERM=screen"])
        #expect(ChildEnvironment.eventName("LD_PRELOAD") == "LD_PRELOAD")
        #expect(ChildEnvironment.eventName("x=y; rm -rf") == "other")
    }

    @Test("addresses and durations")
    func smallParsers() throws {
        #expect(try ServerAddress(parsing: "0.0.0.0:2222") == ServerAddress(host: "0.0.0.0", port: 2222))
        #expect(try ServerAddress(parsing: "[::1]:22").description == "[::1]:22")
        #expect(try ServerAddress(parsing: ":2200").host == "127.0.0.1")
        #expect(throws: (any Error).self) { try ServerAddress(parsing: "localhost") }
        #expect(throws: (any Error).self) { try ServerAddress(parsing: "h:70000") }
        #expect(SessionStop.duration(2) == "2 seconds")
        #expect(SessionStop.duration(1800) == "30 minutes")
        #expect(SessionStop.duration(8 * 3600) == "8 hours")
        #expect(WindowSize(columns: 0, rows: 0) == WindowSize(columns: 80, rows: 24))
    }
}
