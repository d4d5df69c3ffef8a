import Foundation

/// The outcome of one pattern.
public struct AuditResult: Sendable, Hashable, Codable {
    /// The pattern's id, e.g. `ENG-02a`.
    public let id: String
    /// The layer it attacked.
    public let layer: AuditLayer
    /// Its short name.
    public let name: String
    /// What it tried.
    public let tried: String
    /// True when isolation held.
    public let passed: Bool
    /// Why it failed; empty when it passed.
    public let detail: String
    /// What the attack did and met, for the replay.
    public let evidence: AuditEvidence?

    /// Makes a result.
    public init(id: String, layer: AuditLayer, name: String, tried: String, passed: Bool, detail: String,
                evidence: AuditEvidence? = nil) {
        self.id = id
        self.layer = layer
        self.name = name
        self.tried = tried
        self.passed = passed
        self.detail = detail
        self.evidence = evidence
    }
}

/// The outcome of a whole run.
public struct AuditReport: Sendable, Hashable, Codable {
    /// Every pattern's outcome, in the order they ran.
    public let results: [AuditResult]
    /// Wall-clock seconds of the whole run, setup and teardown included.
    public let seconds: Double

    /// Makes a report.
    public init(results: [AuditResult], seconds: Double) {
        self.results = results
        self.seconds = seconds
    }

    /// How many patterns held.
    public var passed: Int { results.filter(\.passed).count }
    /// How many patterns failed.
    public var failed: Int { results.count - passed }
    /// The patterns that failed, for the exit message.
    public var failures: [AuditResult] { results.filter { !$0.passed } }

    /// The JSON document of `bulkhead audit --json` (keys in DESIGN.md).
    public var jsonObject: [String: Any] {
        [
            "patterns": results.map { result in
                var object: [String: Any] = ["id": result.id, "layer": result.layer.rawValue, "name": result.name,
                                             "tried": result.tried, "passed": result.passed, "detail": result.detail]
                if let evidence = result.evidence {
                    object["evidence"] = ["attacker": evidence.attacker, "target": evidence.target, "input": evidence.input,
                                          "stopped_by": evidence.stoppedBy.rawValue, "refusal": evidence.refusal,
                                          "missing_refusal": evidence.missingRefusal as Any, "canary": evidence.canary] as [String: Any]
                }
                return object
            },
            "passed": passed,
            "failed": failed,
            "seconds": (seconds * 1000).rounded() / 1000,
        ]
    }
}
