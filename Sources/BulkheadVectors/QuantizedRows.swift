import CVectorKernels

/// Byte copies of a graph's rows, one scale per row, for the HNSW walk.
///
/// A graph walk is bound by memory: each visited node is a random row, and a float32 row of 384
/// dimensions is 24 cache lines where its byte copy is 6. A row is stored as unsigned bytes
/// (its int8 code plus 128, the code being the value over the row's scale, the row's largest
/// magnitude over 127), and the row's scale follows its codes, so the load that brings the codes
/// brings it too. A query (or a row compared with other rows while the graph is built) is turned
/// into a `Probe` of signed 7-bit codes, so that SSSE3's `pmaddubsw` can multiply 16 byte pairs per
/// instruction; the +128 offset of the rows is taken back out with the probe's `bias`.
///
/// The walk's error (about 1e-3 on unit vectors) only decides which nodes it visits: the final
/// candidates are re-scored on the float32 rows (see `HNSWIndex.search`).
struct QuantizedRows: Sendable {
    /// The vector length.
    let dimension: Int
    /// Bytes per row: the codes, then the scale (a float), padded to 16.
    let stride: Int
    /// Row-major rows of `stride` bytes, in memory backed by huge pages where the system has them.
    private var storage = HugePageBuffer()
    /// The number of rows.
    private(set) var count = 0
    /// Whether the CPU runs the SSSE3 kernel (asked once per collection).
    private let ssse3 = bh_has_ssse3() != 0

    init(dimension: Int) {
        self.dimension = dimension
        stride = (dimension + 4 + 15) / 16 * 16
    }

    /// Bytes held, for the cache's memory budget.
    var memoryBytes: Int { storage.capacity }

    /// Appends the byte form of `dimension` floats.
    mutating func append(_ vector: UnsafePointer<Float>) {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        let row = storage.grow(by: stride)
        let codes = row.assumingMemoryBound(to: UInt8.self)
        let scale = Self.quantize(vector, dimension: dimension, range: 127) { index, code in
            codes[index] = UInt8(Int(code) + 128)
        }
        (row + dimension).storeBytes(of: scale, as: Float.self)
        count += 1
    }

    /// Codes `vector` into integers in `-range...range` (handed to `store` by index) and returns
    /// their scale (a value ≈ code × scale); all zeros, scale 0, when the vector is zero.
    @inline(__always)
    static func quantize(_ vector: UnsafePointer<Float>, dimension: Int, range: Float,
                         _ store: (Int, Int8) -> Void) -> Float {
        var largest: Float = 0
        for index in 0..<dimension { largest = max(largest, abs(vector[index])) }
        guard largest > 0, largest.isFinite else {
            for index in 0..<dimension { store(index, 0) }
            return 0
        }
        let toCode = range / largest
        for index in 0..<dimension {
            store(index, Int8(max(-range, min(range, (vector[index] * toCode).rounded()))))
        }
        return largest / range
    }

    /// Raw pointers into the rows, valid while the caller holds this value unchanged.
    func withView<T>(_ body: (View) -> T) -> T {
        withExtendedLifetime(storage) {
            body(View(base: UnsafePointer(storage.base.assumingMemoryBound(to: UInt8.self)), dimension: dimension,
                      stride: stride, ssse3: ssse3))
        }
    }

    /// A vector in the form rows are compared with: signed 7-bit codes, their scale, and the
    /// correction for the rows' +128 offset (128 × the sum of the codes).
    struct Probe {
        let codes: UnsafePointer<Int8>
        let scale: Float
        let bias: Int32
    }

    /// The rows as pointers, for the hot loop of the walk.
    struct View {
        let base: UnsafePointer<UInt8>
        let dimension: Int
        let stride: Int
        let ssse3: Bool

        /// The codes of `row`.
        @inline(__always)
        func row(_ row: Int32) -> UnsafePointer<UInt8> { base + Int(row) &* stride }

        /// The approximate similarity of `probe` to `row`.
        @inline(__always)
        func similarity(_ probe: Probe, _ row: Int32) -> Float {
            let codes = self.row(row)
            let scale = UnsafeRawPointer(codes + dimension).loadUnaligned(as: Float.self)
            let dot = bh_dot_u8s8(codes, probe.codes, dimension, ssse3 ? 1 : 0) &- probe.bias
            return Float(dot) * probe.scale * scale
        }

        /// Runs `body` with `vector` (`dimension` floats) as a probe.
        func withProbe<T>(_ vector: UnsafePointer<Float>, _ body: (Probe) -> T) -> T {
            withUnsafeTemporaryAllocation(of: Int8.self, capacity: dimension) { buffer in
                var sum = 0
                let scale = QuantizedRows.quantize(vector, dimension: dimension, range: 63) { index, code in
                    buffer[index] = code
                    sum += Int(code)
                }
                return body(Probe(codes: UnsafePointer(buffer.baseAddress!), scale: scale, bias: Int32(sum * 128)))
            }
        }

        /// Runs `body` with stored `row` as a probe (its codes halved to 7 bits).
        func withProbe<T>(row: Int32, _ body: (Probe) -> T) -> T {
            withUnsafeTemporaryAllocation(of: Int8.self, capacity: dimension) { buffer in
                let codes = self.row(row)
                var sum = 0
                for index in 0..<dimension {
                    let code = Int8((Int(codes[index]) - 128) >> 1)
                    buffer[index] = code
                    sum += Int(code)
                }
                let scale = UnsafeRawPointer(codes + dimension).loadUnaligned(as: Float.self) * 2
                return body(Probe(codes: UnsafePointer(buffer.baseAddress!), scale: scale, bias: Int32(sum * 128)))
            }
        }

        /// Starts loading `row` into the cache.
        @inline(__always)
        func prefetch(_ row: Int32) {
            let start = UnsafeRawPointer(self.row(row))
            var offset = 0
            while offset < stride {
                bh_prefetch(start + offset)
                offset &+= 64
            }
            bh_prefetch(start + (stride - 1))
        }
    }
}
