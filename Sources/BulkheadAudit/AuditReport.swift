import Foundation

/// The outcome of one pattern.
public struct AuditResult: Sendable, Hashable, Codable {
    public let id: String
    public let layer: AuditLayer
    public let name: String
    public let tried: String
    public let passed: Bool
    /// Why it failed; empty when it passed.
    public let detail: String

    public init(id: String, layer: AuditLayer, name: String, tried: String, passed: Bool, detail: String) {
        self.id = id
        self.layer = layer
        self.name = name
        self.tried = tried
        self.passed = passed
        self.detail = detail
    }
}

/// The outcome of a whole run.
public struct AuditReport: Sendable, Hashable, Codable {
    public let results: [AuditResult]
    public let seconds: Double

    public init(results: [AuditResult], seconds: Double) {
        self.results = results
        self.seconds = seconds
    }

    public var passed: Int { results.filter(\.passed).count }
    public var failed: Int { results.count - passed }
    /// The patterns that failed, for the exit message.
    public var failures: [AuditResult] { results.filter { !$0.passed } }

    /// The JSON document of `bulkhead audit --json` (keys in DESIGN.md).
    public var jsonObject: [String: Any] {
        [
            "patterns": results.map { result in
                ["id": result.id, "layer": result.layer.rawValue, "name": result.name, "tried": result.tried,
                 "passed": result.passed, "detail": result.detail] as [String: Any]
            },
            "passed": passed,
            "failed": failed,
            "seconds": (seconds * 1000).rounded() / 1000,
        ]
    }
}
