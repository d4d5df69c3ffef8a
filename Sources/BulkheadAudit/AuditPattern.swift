/// One cross-tenant attack: what it tries, and the code that tries it.
///
/// The attack runs as tenant A against tenant B (or the reverse) through the same service
/// objects a shared server would use. It returns normally when isolation held and throws an
/// `AuditBreach` naming what leaked when it did not. Any other error counts as a failure too:
/// an attack that cannot be carried out proves nothing.
public struct AuditPattern: Sendable {
    /// A stable id such as `AUTH-03`.
    public let id: String
    /// The layer attacked.
    public let layer: AuditLayer
    /// A short name.
    public let name: String
    /// What the attack tries, in one sentence.
    public let tried: String
    /// The attack itself.
    public let attack: @Sendable (AuditWorld) async throws -> Void

    /// Makes a pattern; ids must be unique across the suite.
    public init(_ id: String, _ layer: AuditLayer, _ name: String, tried: String,
                attack: @escaping @Sendable (AuditWorld) async throws -> Void) {
        self.id = id
        self.layer = layer
        self.name = name
        self.tried = tried
        self.attack = attack
    }
}

/// Thrown by an attack that got through: the reason says what crossed the boundary.
public struct AuditBreach: Error, Sendable, CustomStringConvertible {
    /// What crossed the boundary (or why the attack proved nothing); ids only, never the leaked value.
    public let reason: String
    /// Makes a breach with `reason`.
    public init(_ reason: String) { self.reason = reason }
    /// The reason, for reports.
    public var description: String { reason }
}
