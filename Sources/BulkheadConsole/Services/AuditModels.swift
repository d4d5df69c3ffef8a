/// How far the audit has come.
public struct AuditProgress: Equatable, Sendable {
    /// Patterns finished.
    public var completed: Int
    /// Patterns in the suite.
    public var total: Int
    /// The pattern running now.
    public var current: String

    /// Makes a progress report.
    public init(completed: Int, total: Int, current: String) {
        self.completed = completed
        self.total = total
        self.current = current
    }
}

/// One attack pattern's result.
public struct AuditPattern: Equatable, Sendable {
    /// Stable id, e.g. `A1`.
    public var id: String
    /// The isolation layer it attacks.
    public var layer: String
    /// What it tries.
    public var name: String
    /// Whether isolation held.
    public var passed: Bool

    /// Makes a result.
    public init(id: String, layer: String, name: String, passed: Bool) {
        self.id = id
        self.layer = layer
        self.name = name
        self.passed = passed
    }
}

/// The audit's results.
public struct AuditReport: Equatable, Sendable {
    /// Every pattern in suite order.
    public var patterns: [AuditPattern]
    /// Wall time in seconds.
    public var seconds: Double

    /// Makes a report.
    public init(patterns: [AuditPattern], seconds: Double) {
        self.patterns = patterns
        self.seconds = seconds
    }

    /// The layers in the order their first pattern appears.
    public var layers: [String] {
        var seen: [String] = []
        for pattern in patterns where !seen.contains(pattern.layer) { seen.append(pattern.layer) }
        return seen
    }
}
