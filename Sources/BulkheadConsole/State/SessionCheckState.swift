import Foundation

/// When the session was last re-checked, and whether a check is in flight.
public struct SessionCheckState: Equatable, Sendable {
    /// The tick that started the last check.
    public var lastAt: Date?
    /// A check is in flight.
    public var running = false
}
