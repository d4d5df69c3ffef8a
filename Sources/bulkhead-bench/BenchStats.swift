/// The statistics every benchmark reports, computed one way so figures compare across benchmarks
/// and with the peer scripts.
enum BenchStats {
    /// numpy's default percentile (linear interpolation between ranks) of `values`, for `fraction` in 0...1.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let position = Double(sorted.count - 1) * min(1, max(0, fraction))
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    /// Rounds to three decimals for JSON output.
    static func round3(_ value: Double) -> Double { (value * 1_000).rounded() / 1_000 }
}
