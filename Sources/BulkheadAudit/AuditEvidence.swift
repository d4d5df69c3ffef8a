import Synchronization

/// What one attack did and met, for the console's replay: who attacked whom with what exact
/// input, which layer stopped it, the refusal the attacker read, and the canary it protected.
///
/// Patterns do not fill it themselves: the shared `AuditWorld` helpers (`expectFailure`,
/// `expectLikeMissing`, `observe`) record it as they run, so a new pattern written with them
/// gets a replay for free; the runner falls back to the pattern's own description otherwise.
public struct AuditEvidence: Sendable, Hashable, Codable {
    /// The attacking side, e.g. `tenant A (Acme Audit 1f, admin)`.
    public var attacker: String
    /// What was attacked, e.g. `tenant B (Globex Audit 9c)`.
    public var target: String
    /// The exact input the attacker presented (a reference, a path, a statement, a token prefix).
    public var input: String
    /// The layer that stopped the attack (or that was attacked, when nothing needed stopping).
    public var stoppedBy: AuditLayer
    /// The refusal the attacker received, word for word; empty when the attack returned data.
    public var refusal: String
    /// The refusal for a resource that never existed, when the pattern compared the two.
    public var missingRefusal: String?
    /// The victim's canary: what would have leaked.
    public var canary: String

    /// Makes evidence.
    public init(attacker: String, target: String, input: String, stoppedBy: AuditLayer, refusal: String,
                missingRefusal: String? = nil, canary: String) {
        self.attacker = attacker
        self.target = target
        self.input = input
        self.stoppedBy = stoppedBy
        self.refusal = refusal
        self.missingRefusal = missingRefusal
        self.canary = canary
    }

    /// True when the other org's resource answered word for word like a missing one.
    public var answersLikeMissing: Bool? {
        guard let missingRefusal else { return nil }
        return refusal.replacingOccurrences(of: input, with: "#") == missingRefusal.replacingOccurrences(of: input, with: "#")
            || Self.shape(refusal) == Self.shape(missingRefusal)
    }

    /// The refusal with quoted names blanked, so two refusals naming different references compare.
    static func shape(_ text: String) -> String {
        var out = ""
        var quoted = false
        for character in text {
            if character == "'" { quoted.toggle(); out.append(character); continue }
            if !quoted { out.append(character) }
        }
        return out
    }
}

/// Collects the evidence of the pattern that is running (patterns run one at a time).
final class EvidenceRecorder: Sendable {
    private struct Slot {
        var pattern: AuditLayer?
        var evidence: AuditEvidence?
    }

    private let slot = Mutex(Slot())

    /// Starts recording for a pattern of `layer`.
    func begin(_ layer: AuditLayer) {
        slot.withLock { $0 = Slot(pattern: layer, evidence: nil) }
    }

    /// The evidence recorded since `begin`, then clears it.
    func finish() -> AuditEvidence? {
        slot.withLock { slot in
            defer { slot = Slot() }
            return slot.evidence
        }
    }

    /// The layer of the running pattern.
    var layer: AuditLayer? { slot.withLock { $0.pattern } }

    /// Keeps the first attempt of a pattern (its main attack); later ones are follow-ups.
    func record(_ evidence: AuditEvidence) {
        slot.withLock { if $0.evidence == nil { $0.evidence = evidence } }
    }

    /// Adds the refusal a missing resource got, for the side-by-side comparison.
    func recordMissing(_ refusal: String) {
        slot.withLock { $0.evidence?.missingRefusal = refusal }
    }
}
