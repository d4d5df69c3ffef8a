/// A small deterministic generator for the HNSW level draw.
///
/// The level draw does not need to be secret, only well spread and reproducible, so a rebuilt
/// index is the same graph as the one it replaces. This is not the injected `RandomSource`,
/// which serves security-relevant randomness.
struct SplitMix64 {
    /// Where the sequence is; a generator made with this as its seed goes on from here.
    private(set) var state: UInt64

    /// Starts the sequence at `seed`.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in (0, 1].
    mutating func nextUnit() -> Double {
        Double((next() >> 11) + 1) / Double(1 << 53)
    }
}
