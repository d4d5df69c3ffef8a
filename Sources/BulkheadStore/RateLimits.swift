/// How much one org may do at once and over time.
///
/// It lives with the store because the shared limits (``SharedLimits``) keep an org's overrides
/// in the control plane, where every process serving the org reads the same numbers.
///
/// Every org gets its own buckets and counters built from these numbers; one org using up its
/// allowance never touches another's.
public struct RateLimits: Sendable, Hashable, Codable {
    /// Queries refilled per second.
    public var queriesPerSecond: Double
    /// Queries that may run back to back before the rate applies.
    public var queryBurst: Int
    /// Asks refilled per second.
    public var asksPerSecond: Double
    /// Asks that may run back to back before the rate applies.
    public var askBurst: Int
    /// Statements the org may have running (or open as cursors) at once.
    public var maxConcurrentStatements: Int
    /// Connections the org may have open in the pool, idle or busy.
    public var maxOpenConnections: Int

    /// The defaults: 50 queries/s with a burst of 100, 2 asks/s with a burst of 10, 8 statements, 16 connections.
    public init(
        queriesPerSecond: Double = 50, queryBurst: Int = 100, asksPerSecond: Double = 2, askBurst: Int = 10,
        maxConcurrentStatements: Int = 8, maxOpenConnections: Int = 16
    ) {
        self.queriesPerSecond = queriesPerSecond
        self.queryBurst = queryBurst
        self.asksPerSecond = asksPerSecond
        self.askBurst = askBurst
        self.maxConcurrentStatements = maxConcurrentStatements
        self.maxOpenConnections = maxOpenConnections
    }
}
