import Foundation
import Testing

/// `bulkhead eval` over the project's question sets on the demo's data, as CI runs it, and the
/// review of members' suggestions through the command.
@Suite(.serialized) struct EvalCLITests {
    static let questions: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/questions")
    }()

    @Test func evalReportsAccuracyByLevelAndTheChangeSinceTheLastRun() throws {
        let home = try ModelCLITests.Home.make("eval")
        defer { home.cli.removeHome() }
        let cli = home.cli
        // gus is the Globex admin; the demo's two sources belong to the two orgs.
        let demo = try cli.run(["whoami", "--json"], environment: ["BULKHEAD_TOKEN": home.admin])
        #expect(demo.status == 0)
        let retail = try home.run(home.admin, ["eval", Self.questions.appendingPathComponent("retail.jsonl").path, "--source", "retail", "--json"])
        #expect(retail.status == 0, "\(retail.stderr)")
        let report = try retail.json()
        let total = try #require(report["total"] as? Int)
        let correct = try #require(report["correct"] as? Int)
        let levels = try #require(report["levels"] as? [String: [String: Int]])
        print(String(format: "bulkhead eval retail.jsonl: %d/%d (%.1f%%) ", correct, total, Double(correct) * 100 / Double(total))
              + levels.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value["correct"]!)/\($0.value["total"]!)" }.joined(separator: ", "))
        #expect(total >= 40 && Double(correct) / Double(total) >= 0.8)
        #expect(Set(levels.keys) == ["easy", "medium", "hard"])
        #expect(report["answered_instead_of_refusing"] as? Int == 0)
        #expect(report["previous"] == nil)

        // A later run of the same name shows the change; a miss is listed with both results.
        let small = FileManager.default.temporaryDirectory.appendingPathComponent("eval-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: small) }
        try """
            {"question": "how many customers are there", "sql": "SELECT count(*) FROM customers", "level": "easy"}
            {"question": "how many customers are there", "sql": "SELECT count(*) FROM products", "level": "easy"}
            """.write(to: small, atomically: true, encoding: .utf8)
        let first = try home.run(home.admin, ["eval", small.path, "--name", "smoke"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("1/2 correct (50.0%)"), "\(first.stdout)")
        #expect(first.stdout.contains("MISS [easy] how many customers are there — wrong"))
        #expect(first.stdout.contains("expected: SELECT count(*) FROM products") && first.stdout.contains("120") && first.stdout.contains("600"))
        let second = try home.run(home.admin, ["eval", small.path, "--name", "smoke"])
        #expect(second.stdout.contains("previous run (offline/offline-planner-1): 1/2 (50.0%); change +0.0 points"), "\(second.stdout)")

        // Bad input: a clear usage error, nothing recorded; members may not run it.
        let broken = try home.run(home.admin, ["eval", "-"], stdin: "{\"question\": 1}\n")
        #expect(broken.status == 1 && broken.stderr.contains("line 1"))
        #expect(try home.run(home.member, ["eval", small.path]).status == 3)
        #expect(try home.run(home.admin, ["eval", "/nonexistent/file.jsonl"]).status == 1)
    }

    @Test func theClinicSetThroughTheCommand() throws {
        let cli = CLI.freshHome("eval-clinic")
        defer { cli.removeHome() }
        let demo = try cli.run(["demo", "--json"])
        let accounts = try demo.json()["accounts"] as? [[String: Any]] ?? []
        let password = accounts.first { $0["email"] as? String == "gus@globex.test" }?["password"] as? String ?? ""
        let token = try cli.run(["login", "gus@globex.test", "--print-token"], stdin: password + "\n").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try cli.run(["eval", Self.questions.appendingPathComponent("clinic.jsonl").path], environment: ["BULKHEAD_TOKEN": token])
        #expect(result.status == 0, "\(result.stderr)")
        let headline = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
        print("bulkhead eval clinic.jsonl: \(headline)")
        #expect(headline.hasPrefix("clinic on clinic with offline/offline-planner-1: "))
        #expect(result.stdout.contains("answered where a refusal was due: 0"))
    }

    @Test func membersSuggestAndAdminsReviewThroughTheCommand() throws {
        let home = try ModelCLITests.Home.make("examples")
        defer { home.cli.removeHome() }
        let asked = try home.run(home.member, ["ask", "which products are in the toys category", "--json"])
        let request = try #require(try asked.json()["request_id"] as? String)
        let feedback = try home.run(home.member, ["feedback", request, "bad", "--sql", "SELECT name FROM products WHERE category = 'toys'"])
        #expect(feedback.status == 0, "\(feedback.stderr)")
        #expect(feedback.stdout.contains("suggested example"), "\(feedback.stdout)")
        let pending = try home.run(home.admin, ["example", "pending", "--json"]).json()["pending"] as? [[String: Any]] ?? []
        let id = try #require(pending.first?["id"] as? String)
        #expect(try home.run(home.member, ["example", "approve", id]).status == 3)
        #expect(try home.run(home.admin, ["example", "approve", "ex-nosuch"]).status == 4)
        let approved = try home.run(home.admin, ["example", "approve", id])
        #expect(approved.status == 0 && approved.stdout.contains("approved"))
        #expect(try home.run(home.admin, ["example", "pending"]).stdout.contains("no suggestions are waiting"))
        // The member cannot open the admin's requests.
        let adminAsk = try home.run(home.admin, ["ask", "how many customers are there", "--json"])
        let adminRequest = try #require(try adminAsk.json()["request_id"] as? String)
        #expect(try home.run(home.member, ["context", adminRequest]).status == 4)
    }
}
