import Foundation
import Testing

/// `bulkhead audit`: the attack suite through the real binary, as CI and users run it.
@Suite(.serialized) struct AuditCLITests {
    @Test func auditJSONRunsAtLeast120PatternsWithoutTouchingTheHomeOrNeedingALogin() throws {
        let cli = CLI.freshHome("audit")
        defer { cli.removeHome() }
        let result = try cli.run(["audit", "--json"])
        let json = try result.json()
        let patterns = try #require(json["patterns"] as? [[String: Any]])
        #expect(patterns.count >= 120)
        #expect(patterns.allSatisfy { $0["id"] is String && $0["layer"] is String && $0["name"] is String && $0["passed"] is Bool })
        let failed = Set(patterns.filter { $0["passed"] as? Bool == false }.compactMap { $0["id"] as? String })
        #expect(failed.isEmpty, "\(failed.sorted())")
        #expect(json["passed"] as? Int == patterns.count - failed.count)
        #expect(json["failed"] as? Int == failed.count)
        #expect(json["seconds"] is Double)
        #expect(result.status == 0)
        #expect(!FileManager.default.fileExists(atPath: cli.home.path), "the audit created the user's home")
    }

    @Test func auditPlainOutputEndsWithTheSummaryLineAndNamesFailures() throws {
        let cli = CLI.freshHome("audit-plain")
        defer { cli.removeHome() }
        let result = try cli.run(["audit"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let last = try #require(lines.last)
        #expect(last.range(of: #"^patterns: \d+, passed: \d+, failed: \d+, seconds: \d+\.\d+$"#, options: .regularExpression) != nil)
        let failLines = lines.filter { $0.hasPrefix("FAIL ") }
        #expect(last.contains("failed: \(failLines.count),"))
        #expect(result.status == (failLines.isEmpty ? 0 : 1))
    }
}
