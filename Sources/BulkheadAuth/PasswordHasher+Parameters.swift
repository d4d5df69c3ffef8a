extension PasswordHasher {
    /// The scrypt cost: N = 2^logN, block size r, parallelism p.
    ///
    /// Bounds are checked both when a hasher is configured and when a stored hash is parsed, so a
    /// tampered row in `control.db` cannot make verification allocate gigabytes.
    public struct Parameters: Sendable, Hashable, CustomStringConvertible {
        /// log2 of the CPU/memory cost N.
        public let logN: Int
        /// The block size.
        public let r: Int
        /// The parallelism.
        public let p: Int

        /// The production cost of issue 2: N = 2^17, r = 8, p = 1 (128 MiB and about 0.3 s per hash).
        public static let standard = Parameters(uncheckedLogN: 17, r: 8, p: 1)

        /// The accepted range of logN (N from 2 to 2^20).
        public static let logNRange = 1...20
        /// The accepted range of r.
        public static let rRange = 1...32
        /// The accepted range of p.
        public static let pRange = 1...16

        /// Makes parameters, or nil when one is out of the accepted bounds.
        public init?(logN: Int, r: Int, p: Int) {
            guard Self.logNRange.contains(logN), Self.rRange.contains(r), Self.pRange.contains(p) else { return nil }
            self.init(uncheckedLogN: logN, r: r, p: p)
        }

        private init(uncheckedLogN logN: Int, r: Int, p: Int) {
            self.logN = logN
            self.r = r
            self.p = p
        }

        /// N itself.
        public var n: UInt64 { UInt64(1) << UInt64(logN) }

        /// The parameters as they appear in a stored hash, `logN$r$p`.
        public var description: String { "\(logN)$\(r)$\(p)" }
    }
}
