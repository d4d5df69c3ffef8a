/// The 64-bit FNV-1a hash: stable across processes and platforms.
///
/// Swift's `hashValue` is seeded per process, so a feature hashed with it would land in another
/// dimension after a restart and every stored vector would stop matching new queries.
enum FNV1a {
    static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The hash of `bytes`, continuing from `seed` (so a prefix can tell feature kinds apart).
    @inline(__always)
    static func hash<Bytes: Sequence>(_ bytes: Bytes, seed: UInt64 = offsetBasis) -> UInt64 where Bytes.Element == UInt8 {
        var value = seed
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* prime
        }
        return value
    }
}
