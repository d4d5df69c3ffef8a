import Foundation

extension AuditReport {
    /// The plain output of `bulkhead audit`: one line per failing pattern, a line per layer, and
    /// the summary line last (scripts read the last line).
    public var plainLines: [String] {
        var lines: [String] = []
        for failure in failures {
            lines.append("FAIL \(failure.id) [\(failure.layer.rawValue)] \(failure.name): \(failure.detail)")
        }
        for layer in AuditLayer.allCases {
            let ofLayer = results.filter { $0.layer == layer }
            guard !ofLayer.isEmpty else { continue }
            let passedCount = ofLayer.filter(\.passed).count
            lines.append("\(layer.title): \(passedCount)/\(ofLayer.count) passed")
        }
        lines.append(summaryLine)
        return lines
    }

    /// `patterns: N, passed: P, failed: F, seconds: S`.
    public var summaryLine: String {
        "patterns: \(results.count), passed: \(passed), failed: \(failed), seconds: \(String(format: "%.2f", seconds))"
    }
}
