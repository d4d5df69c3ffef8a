/// A token bucket of an org.
public enum LimitBucket: String, Sendable, Hashable, CaseIterable {
    /// Queries (`query`, cursors, the SQL an ask runs).
    case queries
    /// Asks (each one a model request).
    case asks
}
