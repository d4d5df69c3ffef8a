import Foundation

/// When repeated failed logins lock an account, and for how long.
///
/// After `threshold` failures in a row for one normalized email, each further failure doubles the
/// wait: 30 s, 60 s, 120 s, ... capped at one hour. The count belongs to the email, whether or not
/// an account exists for it, so lockout behaves the same for real and made-up addresses and tells
/// an attacker nothing. A successful login clears the count, and so does a quiet day
/// (`forgetAfter` without a failure and with no lock running), so a typo a month ago does not
/// count toward today's lock and the table of counts does not grow without bound.
public struct LockoutPolicy: Sendable, Hashable {
    /// Failures allowed before the first lock.
    public let threshold: Int
    /// The first lock's length in seconds.
    public let baseDelay: TimeInterval
    /// The longest lock in seconds.
    public let maximumDelay: TimeInterval
    /// How long after the last failure (once no lock runs) the count is forgotten, in seconds.
    public let forgetAfter: TimeInterval

    /// The policy of issue 2: five failures, then 30 s doubling up to an hour.
    public static let standard = LockoutPolicy(threshold: 5, baseDelay: 30, maximumDelay: 3600, forgetAfter: 86_400)

    /// Makes a policy; tests use the standard one, this exists so an operator could tighten it.
    public init(threshold: Int, baseDelay: TimeInterval, maximumDelay: TimeInterval, forgetAfter: TimeInterval = 86_400) {
        self.threshold = max(1, threshold)
        self.baseDelay = max(1, baseDelay)
        self.maximumDelay = max(self.baseDelay, maximumDelay)
        self.forgetAfter = max(self.maximumDelay, forgetAfter)
    }

    /// How long to lock after the `failures`-th failure in a row, or nil while under the threshold.
    public func lockDuration(afterFailures failures: Int) -> TimeInterval? {
        guard failures >= threshold else { return nil }
        let doublings = min(failures - threshold, 30)
        return min(baseDelay * pow(2, Double(doublings)), maximumDelay)
    }
}
