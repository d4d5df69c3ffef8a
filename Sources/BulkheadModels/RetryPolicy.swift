import Foundation

/// How often and how patiently an HTTP provider retries.
///
/// Only answers that say "try again" are retried: 429 and 5xx (Anthropic's 529 "overloaded"
/// among them), and a connection that failed before any answer. The delay doubles from
/// `baseDelay` up to `maxDelay`; a `Retry-After` header wins when present, and one longer than
/// `maxRetryAfter` ends the attempts at once rather than hold the user for minutes.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// The delay before the second attempt, in seconds.
    public var baseDelay: Double
    /// The longest computed delay, in seconds.
    public var maxDelay: Double
    /// The longest `Retry-After` we are willing to wait, in seconds.
    public var maxRetryAfter: Double
    /// The time limit of one attempt, in seconds.
    public var timeout: Double

    /// Makes a policy; the defaults suit an interactive question (a few attempts, a minute each).
    public init(maxAttempts: Int = 4, baseDelay: Double = 0.5, maxDelay: Double = 8, maxRetryAfter: Double = 30, timeout: Double = 60) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.timeout = timeout
    }

    /// The computed delay after failed attempt number `attempt` (1-based): base × 2^(attempt−1), capped.
    public func backoff(afterAttempt attempt: Int) -> Double {
        min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
    }

    /// Whether an HTTP status asks to be retried.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || (500...599).contains(status)
    }

    /// The delay a `Retry-After` header asks for: delta-seconds, or an HTTP date measured from `now`.
    public static func retryAfter(_ header: String?, now: Date) -> Double? {
        guard let value = header?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
