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
    /// What the attack does, in one sentence.
    public var tried: String
    /// Why it failed; empty when it held.
    public var detail: String
    /// What the attack did and met, for the replay.
    public var evidence: ReplayEvidence?

    /// Makes a result.
    public init(id: String, layer: String, name: String, passed: Bool, tried: String = "", detail: String = "",
                evidence: ReplayEvidence? = nil) {
        self.id = id
        self.layer = layer
        self.name = name
        self.passed = passed
        self.tried = tried
        self.detail = detail
        self.evidence = evidence
    }
}

/// One attack as the replay shows it: attacker, target, exact input, the layer that stopped it,
/// the refusal the attacker read (and a missing resource's, to compare), and the canary it protected.
public struct ReplayEvidence: Equatable, Sendable {
    /// Who attacked.
    public var attacker: String
    /// What was attacked.
    public var target: String
    /// The exact input.
    public var input: String
    /// The layer that stopped it.
    public var stoppedBy: String
    /// The refusal received; empty when the attack returned (its own) data.
    public var refusal: String
    /// A missing resource's refusal, when the pattern compared the two.
    public var missingRefusal: String?
    /// Whether the two refusals are the same sentence (nil when not compared).
    public var likeMissing: Bool?
    /// What would have leaked.
    public var canary: String

    /// Makes evidence.
    public init(attacker: String, target: String, input: String, stoppedBy: String, refusal: String,
                missingRefusal: String? = nil, likeMissing: Bool? = nil, canary: String) {
        self.attacker = attacker
        self.target = target
        self.input = input
        self.stoppedBy = stoppedBy
        self.refusal = refusal
        self.missingRefusal = missingRefusal
        self.likeMissing = likeMissing
        self.canary = canary
    }
}

/// One stop of the presenter's tour of the audit.
public struct TourStop: Equatable, Sendable {
    /// The heading.
    public var title: String
    /// The id of the pattern shown (without the a/b direction suffix).
    public var patternID: String
    /// The paragraph to narrate.
    public var paragraph: String

    /// Makes a stop.
    public init(title: String, patternID: String, paragraph: String) {
        self.title = title
        self.patternID = patternID
        self.paragraph = paragraph
    }
}

/// The audit's results.
public struct AuditReport: Equatable, Sendable {
    /// Every pattern in suite order.
    public var patterns: [AuditPattern]
    /// Wall time in seconds.
    public var seconds: Double
    /// The presenter's tour: one pattern per failure mode and per layer.
    public var tour: [TourStop]

    /// Makes a report.
    public init(patterns: [AuditPattern], seconds: Double, tour: [TourStop] = []) {
        self.patterns = patterns
        self.seconds = seconds
        self.tour = tour
    }

    /// The index of the pattern a tour stop shows (its first direction when it runs both ways).
    public func patternIndex(for stop: TourStop) -> Int? {
        patterns.firstIndex { $0.id == stop.patternID }
            ?? patterns.firstIndex { $0.id.hasPrefix(stop.patternID) && $0.id.count == stop.patternID.count + 1 }
    }

    /// The layers in the order their first pattern appears.
    public var layers: [String] {
        var seen: [String] = []
        for pattern in patterns where !seen.contains(pattern.layer) { seen.append(pattern.layer) }
        return seen
    }
}
