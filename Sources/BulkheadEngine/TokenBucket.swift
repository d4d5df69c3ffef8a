import Foundation

/// A classic token bucket: `burst` tokens at most, refilled at `rate` tokens per second.
struct TokenBucket: Sendable {
    private(set) var tokens: Double
    private var updatedAt: Date

    init(burst: Int, now: Date) {
        tokens = Double(burst)
        updatedAt = now
    }

    /// Takes one token, or returns how many whole seconds to wait until one is there.
    mutating func take(now: Date, rate: Double, burst: Int) -> Int? {
        let elapsed = max(0, now.timeIntervalSince(updatedAt))
        tokens = min(Double(burst), tokens + elapsed * rate)
        updatedAt = now
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        guard rate > 0 else { return 60 }
        return max(1, Int(((1 - tokens) / rate).rounded(.up)))
    }
}
