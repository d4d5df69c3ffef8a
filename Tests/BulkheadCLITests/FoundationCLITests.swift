import Foundation
import Testing

/// The command-line contract of the foundation: demo, login, whoami, forged tokens, exit codes.
@Suite(.serialized) struct FoundationCLITests {
    @Test func demoThenLoginThenWhoamiNamesAdaAndAcme() throws {
        let cli = CLI.freshHome("login")
        defer { cli.removeHome() }
        let demo = try cli.run(["demo", "--json"])
        #expect(demo.status == 0)
        let accounts = try #require(try demo.json()["accounts"] as? [[String: Any]])
        #expect(Set(accounts.compactMap { $0["email"] as? String }) == ["ada@acme.test", "ben@acme.test", "gus@globex.test"])
        let ada = try #require(accounts.first { $0["email"] as? String == "ada@acme.test" })
        #expect(ada["org"] as? String == "Acme")
        #expect(ada["role"] as? String == "admin")
        let password = try #require(ada["password"] as? String)

        let login = try cli.run(["login", "ada@acme.test"], stdin: password + "\n")
        #expect(login.status == 0, "\(login.stderr)")
        let whoami = try cli.run(["whoami", "--json"])
        #expect(whoami.status == 0)
        let me = try whoami.json()
        #expect(me["email"] as? String == "ada@acme.test")
        #expect(me["org"] as? String == "Acme")
        #expect(me["role"] as? String == "admin")
        #expect((me["org_id"] as? String)?.hasPrefix("org-") == true)

        let wrong = try cli.run(["login", "ada@acme.test"], stdin: "not-the-password\n")
        #expect(wrong.status == 3)
        #expect(wrong.stderr.contains("invalid email or password"))
        let unknown = try cli.run(["login", "nobody@acme.test"], stdin: "not-the-password\n")
        #expect(unknown.status == 3)
        #expect(unknown.stderr == wrong.stderr, "an unknown email must answer exactly like a wrong password")

        let logout = try cli.run(["logout"])
        #expect(logout.status == 0)
        #expect(try cli.run(["whoami"]).status == 3)
    }

    @Test func algNoneTokenIsRefused() throws {
        let demo = try DemoWorkspace.shared.get()
        let real = try demo.token("ada@acme.test")
        let parts = real.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        let header = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        for forged in ["\(header).\(parts[1]).", "\(header).\(parts[1])"] {
            let result = try demo.cli.run(["whoami", "--json"], environment: ["BULKHEAD_TOKEN": forged])
            #expect(result.status == 3)
            #expect(result.stdout.isEmpty)
        }
        let valid = try demo.cli.run(["whoami", "--json"], environment: ["BULKHEAD_TOKEN": real])
        #expect(valid.status == 0)
    }

    @Test func demoTwiceIsSafeAndOnAnExistingHomeIsTheOperators() throws {
        let demo = try DemoWorkspace.shared.get()
        let anyone = try demo.cli.run(["demo", "--json"])
        #expect(anyone.status == 3)
        #expect(anyone.stdout.isEmpty)
        #expect(anyone.stderr.contains("operator command"))
        let again = try demo.cli.run(["demo", "--json", "--operator-key", demo.operatorKey])
        #expect(again.status == 0)
        let json = try again.json()
        #expect(json["created"] as? Bool == false)
        let accounts = try #require(json["accounts"] as? [[String: Any]])
        #expect(accounts.count == 3)
        #expect(accounts.allSatisfy { $0["password"] is NSNull })
        // The first run's passwords still work: nothing was rebuilt.
        #expect(try demo.run(as: "gus@globex.test", ["whoami"]).status == 0)
    }

    @Test func demoForceRebuildsWithNewPasswords() throws {
        let cli = CLI.freshHome("force")
        defer { cli.removeHome() }
        let password = { (result: CLI.Result) throws -> String in
            let accounts = try #require(try result.json()["accounts"] as? [[String: Any]])
            return try #require(accounts.first { $0["email"] as? String == "gus@globex.test" }?["password"] as? String)
        }
        let made = try cli.run(["demo", "--json"])
        let first = try password(made)
        let key = try #require(try made.json()["operator_key_file"] as? String)
        #expect(try cli.run(["demo", "--force", "--json"]).status == 3)
        let second = try password(try cli.run(["demo", "--force", "--json"], environment: ["BULKHEAD_OPERATOR_KEY": key]))
        #expect(first != second)
        #expect(try cli.run(["login", "gus@globex.test"], stdin: first + "\n").status == 3)
        #expect(try cli.run(["login", "gus@globex.test"], stdin: second + "\n").status == 0)
        let sources = try cli.run(["source", "list", "--json"]).json()["sources"] as? [[String: Any]]
        #expect(sources?.map { $0["name"] as? String } == ["clinic"])
    }

    @Test func usageErrorsExitTwo() throws {
        let cli = CLI.freshHome("usage")
        defer { cli.removeHome() }
        #expect(try cli.run(["login"]).status == 2)
        #expect(try cli.run(["no-such-command"]).status == 2)
    }

    @Test func commandsWithoutASessionExitThree() throws {
        let cli = CLI.freshHome("nosession")
        defer { cli.removeHome() }
        #expect(try cli.run(["whoami"]).status == 3)
        #expect(try cli.run(["source", "list"]).status == 3)
    }
}
