/// Which of the two throwaway orgs an attack runs as.
///
/// Every attack runs as one side against the other, so a pattern can be written once and run in
/// both directions: tenant A attacking B, and B attacking A.
public enum AuditSide: String, Sendable, Hashable, Codable, CaseIterable {
    case a = "A"
    case b = "B"

    /// The side being attacked when this side attacks.
    public var other: AuditSide { self == .a ? .b : .a }
}
