import Foundation
import Testing

/// What each tenant sees through the command line: its own sources and answers, never the other's.
@Suite(.serialized) struct TenantCLITests {
    @Test func eachOrgListsOnlyItsOwnSource() throws {
        let demo = try DemoWorkspace.shared.get()
        let acme = try demo.run(as: "ada@acme.test", ["source", "list", "--json"]).json()
        let globex = try demo.run(as: "gus@globex.test", ["source", "list", "--json"]).json()
        #expect((acme["sources"] as? [[String: Any]])?.map { $0["name"] as? String } == ["retail"])
        #expect((globex["sources"] as? [[String: Any]])?.map { $0["name"] as? String } == ["clinic"])
    }

    @Test func anotherOrgsSourceAnswersExactlyLikeAMissingOne() throws {
        let demo = try DemoWorkspace.shared.get()
        let foreign = try demo.run(as: "gus@globex.test", ["query", "retail", "select count(*) from customers"])
        let missing = try demo.run(as: "gus@globex.test", ["query", "nosuch", "select count(*) from customers"])
        #expect(foreign.status == 4)
        #expect(missing.status == 4)
        #expect(foreign.stderr.replacingOccurrences(of: "retail", with: "X") == missing.stderr.replacingOccurrences(of: "nosuch", with: "X"))
    }

    @Test func queryAndAskAnswerFromTheOrgsOwnData() throws {
        let demo = try DemoWorkspace.shared.get()
        let query = try demo.run(as: "ben@acme.test", ["query", "retail", "select count(*) from customers", "--json"]).json()
        #expect(query["row_count"] as? Int == 1)
        #expect((query["rows"] as? [[Any]])?.first?.first as? Int == 600)

        let ask = try demo.run(as: "gus@globex.test", ["ask", "how many patients are there", "--json"])
        #expect(ask.status == 0, "\(ask.stderr)")
        let answer = try ask.json()
        #expect((answer["rows"] as? [[Any]])?.first?.first as? Int == 450)
        #expect((answer["request_id"] as? String)?.hasPrefix("req-") == true)
        #expect(!ask.stdout.contains("ACME-CANARY"))

        let context = try demo.run(as: "gus@globex.test", ["context", "last", "--json"]).json()
        let sections = try #require(context["sections"] as? [[String: Any]])
        #expect(!sections.isEmpty)
        let orgs = Set(sections.compactMap { $0["org_id"] as? String })
        #expect(orgs.count == 1)
        let body = try #require(context["request_body"] as? String)
        #expect(body.contains("GLOBEX-CANARY"))
        #expect(!body.contains("ACME-CANARY"))
        #expect((context["total_tokens"] as? Int ?? 0) > 0)

        // Globex's request id answers "not found" to Acme, like an id that never existed.
        let requestID = try #require(answer["request_id"] as? String)
        let stolen = try demo.run(as: "ada@acme.test", ["context", requestID])
        #expect(stolen.status == 4)
        #expect(!stolen.stdout.contains("GLOBEX"))
    }

    @Test func membersCannotBackUpAndBackupsStayInTheirOrg() throws {
        let demo = try DemoWorkspace.shared.get()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("globex-\(UUID().uuidString).bak").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let inside = demo.cli.home.appendingPathComponent("tenants/x.bak").path
        #expect(try demo.run(as: "gus@globex.test", ["backup", inside]).status == 3)
        #expect(try demo.run(as: "gus@globex.test", ["backup", file]).status == 3)
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(try demo.run(as: "ben@acme.test", ["backup", "ben.bak"]).status == 3)
        let name = "globex-\(UUID().uuidString.prefix(8)).bak"
        #expect(try demo.run(as: "gus@globex.test", ["backup", name]).status == 0)
        let listed = try demo.run(as: "gus@globex.test", ["backup", "--list", "--json"]).json()["backups"] as? [[String: Any]]
        #expect(listed?.contains { $0["name"] as? String == name } == true)
        // Acme cannot reach Globex's backup by its name: it answers like a missing one.
        let refused = try demo.run(as: "ada@acme.test", ["restore", name])
        let missing = try demo.run(as: "ada@acme.test", ["restore", "missing.bak"])
        #expect(refused.status == 4 && missing.status == 4)
        #expect(refused.stderr.replacingOccurrences(of: name, with: "X") == missing.stderr.replacingOccurrences(of: "missing.bak", with: "X"))
        #expect(try demo.run(as: "ada@acme.test", ["query", "retail", "select count(*) from products", "--json"]).json()["row_count"] as? Int == 1)
    }
}
