import Foundation
import Logging
import Synchronization
import Testing
@_spi(Testing) import BulkheadAudit
import BulkheadTestBackends

/// One log capture per test process: swift-log accepts a single bootstrap, made here on first use.
enum TestLogging {
    static let capture: LogCapture = {
        let capture = LogCapture()
        LoggingSystem.bootstrap { capture.makeHandler(label: $0) }
        return capture
    }()
}

/// Runs the real suite in-process: real SQLite files in a temporary home, real tokens, real sandbox.
@Suite(.serialized)
struct AuditRunnerTests {
    @Test("the catalog has at least 120 patterns with unique ids across every layer")
    func catalog() {
        let patterns = AuditRunner.patterns
        #expect(patterns.count >= 120)
        #expect(Set(patterns.map(\.id)).count == patterns.count)
        #expect(Set(patterns.map(\.layer)) == Set(AuditLayer.allCases).subtracting([.rowSecurity]))
        #expect(AuditRunner.patterns(rowSecurity: true).filter { $0.layer == .rowSecurity }.count >= 15)
        #expect(patterns.allSatisfy { !$0.name.isEmpty && !$0.tried.isEmpty })
        #expect(patterns.suffix(14).allSatisfy { $0.layer == .logsAndErrors }, "the log scans must run after every other pattern")
    }

    @Test("the tour has a pattern of the suite for each of the six failure modes and each of the four layers")
    func tour() {
        let ids = AuditRunner.patterns.map(\.id)
        let stops = AuditTour.stops
        #expect(stops.count == 10)
        #expect(Set(stops.compactMap { if case let .failureMode(n) = $0.topic { return n } else { return nil } }) == Set(1...6))
        #expect(stops.filter { $0.topic == .layer }.count == 4)
        for stop in stops {
            #expect(ids.contains(stop.patternID) || ids.contains(stop.patternID + "a") || ids.contains(stop.patternID + "b"),
                    "tour stop \(stop.patternID) is not in the suite")
            #expect(stop.paragraph.count > 200, "a stop needs a paragraph to narrate")
        }
    }

    @Test("the full suite passes on either store: every pattern, zero failures, progress to the end, the JSON keys",
          arguments: TestBackend.allCases)
    func fullSuitePasses(_ backend: TestBackend) async throws {
        let seen = Mutex<[(Int, Int)]>([])
        let database = backend == .postgres ? try StoreTemplate.shared().makeDatabase() : nil
        defer { database?.drop() }
        let target = database.map { AuditTarget(backend: .postgres($0.serverURL), operatorKey: nil) } ?? .sqlite
        let report = await AuditRunner(logs: TestLogging.capture, target: target, sessionExecutable: Self.binary).run { done, total, _ in
            seen.withLock { $0.append((done, total)) }
        }
        if database != nil {
            // On PostgreSQL every SQLite pattern runs too, beside a row-level security layer of at least 15 patterns.
            #expect(Set(AuditRunner.patterns.map(\.id)).isSubset(of: Set(report.results.map(\.id))))
            #expect(report.results.filter { $0.layer == .rowSecurity }.count >= 15)
            #expect(Set(report.results.map(\.layer)) == Set(AuditLayer.allCases))
        } else {
            #expect(!report.results.contains { $0.layer == .rowSecurity })
        }
        #expect(report.results.count >= 120)
        #expect(report.failures.isEmpty, "\(report.failures.map { "\($0.id): \($0.detail)" })")
        #expect(report.failed == 0)
        let steps = seen.withLock { $0 }
        #expect(steps.count == report.results.count + 1)
        #expect(steps.map(\.0) == Array(0...report.results.count))
        #expect(steps.allSatisfy { $0.1 == report.results.count })
        let json = report.jsonObject
        let patterns = try #require(json["patterns"] as? [[String: Any]])
        #expect(patterns.count == report.results.count)
        #expect(patterns.allSatisfy { $0["id"] is String && $0["layer"] is String && $0["name"] is String && $0["passed"] is Bool })
        #expect(json["passed"] as? Int == report.passed && json["failed"] as? Int == report.failed)
        #expect(json["seconds"] is Double)
        #expect(report.plainLines.last == report.summaryLine)
        try checkEvidence(report, json: patterns)
    }

    /// Every result carries its replay; the helpers fill it with the real attempt.
    private func checkEvidence(_ report: AuditReport, json: [[String: Any]]) throws {
        #expect(report.results.allSatisfy { ($0.evidence?.attacker.isEmpty == false) && ($0.evidence?.input.isEmpty == false) })
        #expect(report.results.allSatisfy { $0.evidence?.canary.contains("-CANARY-") == true })
        #expect(json.allSatisfy { ($0["evidence"] as? [String: Any])?["stopped_by"] is String })
        // The other org's source answers word for word like a missing one, and the replay shows both.
        let byName = try #require(report.results.first { $0.id == "ENG-01a" }?.evidence)
        #expect(byName.attacker.hasPrefix("tenant A") && byName.target.hasPrefix("tenant B"))
        #expect(byName.stoppedBy == .engine)
        #expect(byName.refusal.contains("not found"))
        #expect(byName.missingRefusal?.contains("not found") == true)
        #expect(byName.answersLikeMissing == true)
        #expect(!byName.refusal.contains(byName.canary))
        // A forged token is stopped at authentication, and the replay holds the exact token presented.
        let forged = try #require(report.results.first { $0.id == "AUTH-03" }?.evidence)
        #expect(forged.stoppedBy == .auth)
        #expect(forged.input.split(separator: ".").count == 3)
        // An injected fragment is stopped by the firewall, and the attacker only reads that.
        let injected = try #require(report.results.first { $0.id == "CTX-16b" }?.evidence)
        #expect(injected.stoppedBy == .context)
        #expect(injected.attacker.hasPrefix("tenant B"))
        #expect(injected.refusal.contains("firewall"))
        #expect(report.summaryLine.hasPrefix("patterns: \(report.results.count), passed: \(report.passed), failed: \(report.failed), seconds: "))
    }

    @Test("with the engine's owner check off, the patterns that present another org's source id fail and name themselves")
    func ownerCheckOff() async {
        var options = AuditWorld.Options()
        options.sessionExecutable = Self.binary
        options.ownerCheckEnabled = false
        let report = await AuditRunner(options: options, logs: TestLogging.capture).run()
        let failed = Set(report.failures.map(\.id))
        let targeted = ["ENG-02", "ENG-03", "ENG-04", "ENG-06", "ENG-07", "ENG-08"].flatMap { ["\($0)a", "\($0)b"] }
        for id in targeted {
            #expect(failed.contains(id), "\(id) did not notice the owner check was off")
        }
        let elsewhere = report.failures.filter { ![.engine, .logsAndErrors].contains($0.layer) }
        #expect(elsewhere.isEmpty, "\(elsewhere.map(\.id))")
        #expect(report.failures.allSatisfy { !$0.detail.isEmpty })
    }

    @Test("with the context firewall off, the firewall-trip patterns fail and name themselves")
    func firewallOff() async {
        var options = AuditWorld.Options()
        options.sessionExecutable = Self.binary
        options.firewallEnabled = false
        let report = await AuditRunner(options: options, logs: TestLogging.capture).run()
        let failed = Set(report.failures.map(\.id))
        // CTX-23 to CTX-26 plant a row of the other org straight into the attacker's own file (a
        // note, an example, a conversation turn, a vector): only the firewall, reading provenance
        // from the data, stands between that row and the model.
        for id in ["CTX-16a", "CTX-16b", "CTX-17", "CTX-18", "CTX-19", "CTX-20", "CTX-21", "CTX-22", "CTX-23", "CTX-24", "CTX-25", "CTX-26"] {
            #expect(failed.contains(id), "\(id) did not notice the firewall was off")
        }
        let elsewhere = report.failures.filter { ![.context, .logsAndErrors].contains($0.layer) }
        #expect(elsewhere.isEmpty, "\(elsewhere.map(\.id))")
    }

    @Test("with the authorization checks off, every authorization pattern fails and names itself")
    func authorizationOff() async {
        var options = AuditWorld.Options()
        options.sessionExecutable = Self.binary
        options.authorizationEnforced = false
        let report = await AuditRunner(options: options, logs: TestLogging.capture).run()
        let layer = report.results.filter { $0.layer == .authorization }
        #expect(layer.count >= 20)
        let held = layer.filter(\.passed).map(\.id)
        #expect(held.isEmpty, "these authorization patterns did not notice the checks were off: \(held)")
        #expect(layer.allSatisfy { $0.passed || !$0.detail.isEmpty })
    }

    @Test("the SSH layer has at least 15 patterns, and they run before the log scans")
    func sshCatalog() {
        let patterns = AuditRunner.patterns
        let layer = patterns.filter { $0.layer == .ssh }
        #expect(layer.count >= 15)
        #expect(patterns.lastIndex { $0.layer == .ssh }! < patterns.firstIndex { $0.layer == .logsAndErrors }!)
    }

    @Test("without a bulkhead binary to run sessions, the SSH patterns fail rather than pass unproven")
    func sshWithoutBinary() async {
        let report = await AuditRunner(logs: TestLogging.capture).run()
        let ssh = report.results.filter { $0.layer == .ssh }
        #expect(!ssh.isEmpty && ssh.allSatisfy { !$0.passed })
        #expect(report.failures.allSatisfy { $0.layer == .ssh })
    }

    /// The `bulkhead` binary built beside this test bundle.
    static var binary: URL {
        let bundle = Bundle.main.bundleURL
        let products = bundle.lastPathComponent.hasSuffix(".xctest") ? bundle.deletingLastPathComponent() : bundle
        return products.appendingPathComponent("bulkhead")
    }

    @Test("the authorization layer has at least 20 patterns, most run in both directions")
    func authorizationCatalog() {
        let layer = AuditRunner.patterns.filter { $0.layer == .authorization }
        #expect(layer.count >= 20)
        #expect(layer.filter { $0.id.hasSuffix("a") || $0.id.hasSuffix("b") }.count >= 20)
    }
}
