import CVectorKernels

/// Byte copies of a collection's rows, for the bounded exact scan and the HNSW walk.
///
/// A graph walk is bound by memory: each visited node is a random row, and a float32 row of 384
/// dimensions is 24 cache lines where its byte copy is 6. Every row shares one scale (a high
/// percentile of the magnitudes in the collection over 127, recalibrated as the collection
/// doubles), so a row is its codes and nothing else: 384 bytes, exactly six lines, with no
/// per-row scale to fetch. A value beyond the scale saturates at ±127; that costs the walk a
/// little accuracy on rare outliers and nothing in the answer, which is re-scored on float32.
/// Codes are stored as unsigned bytes (code + 128). A query (or a row compared with other rows
/// while the graph is built) becomes a `Probe` of signed 7-bit codes with its own scale, so that
/// SSSE3's `pmaddubsw` multiplies 16 byte pairs per instruction; the +128 offset of the rows is
/// taken back out with the probe's `bias`.
///
/// The walk's error (about 1e-3 on unit vectors) only decides which nodes it visits: the final
/// candidates are re-scored on the float32 rows (see `HNSWIndex.search`).
struct QuantizedRows: Sendable {
    /// The vector length.
    let dimension: Int
    /// Bytes per row: the codes, padded to 16.
    let stride: Int
    /// The value of one code step, shared by every row.
    private(set) var scale: Float = 0
    /// Row-major rows of `stride` bytes, in memory backed by huge pages where the system has them.
    private var storage = HugePageBuffer()
    /// The number of rows.
    private(set) var count = 0
    /// Whether the CPU runs the SSSE3 kernel (asked once per collection).
    private let ssse3 = bh_has_ssse3() != 0

    init(dimension: Int, scale: Float = 0) {
        self.dimension = dimension
        self.scale = scale
        stride = (dimension + 15) / 16 * 16
    }

    /// Bytes held, for the cache's memory budget.
    var memoryBytes: Int { storage.capacity }

    /// Appends the byte form of `dimension` floats and returns its error: the length of the
    /// difference between the vector and its codes times the scale (saturated values included).
    /// The first row sets the scale if none is set yet.
    @discardableResult
    mutating func append(_ vector: UnsafePointer<Float>) -> Float {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        if scale == 0 {
            var largest: Float = 0
            for index in 0..<dimension { largest = max(largest, abs(vector[index])) }
            scale = largest > 0 && largest.isFinite ? largest / 127 : 1 / 127
        }
        let codes = storage.grow(by: stride).assumingMemoryBound(to: UInt8.self)
        let toCode = 1 / scale
        var error: Float = 0
        for index in 0..<dimension {
            let code = max(-127, min(127, (vector[index] * toCode).rounded()))
            codes[index] = UInt8(Int(code) + 128)
            let difference = vector[index] - code * scale
            error += difference * difference
        }
        for index in dimension..<stride { codes[index] = 128 }
        count += 1
        return error.squareRoot()
    }

    /// The first `count` rows of `vectors` (row-major floats), coded with a scale calibrated on
    /// them: the 99.99th percentile of their magnitudes (of a sample of at most 262,144 values)
    /// over 127. Each row's error goes to `residuals`.
    static func calibrated(dimension: Int, vectors: UnsafePointer<Float>, count: Int,
                           residuals: UnsafeMutablePointer<Float>) -> QuantizedRows {
        let total = count * dimension
        let step = max(1, total / 262_144)
        var sample: [Float] = []
        sample.reserveCapacity(total / step + 1)
        var position = 0
        while position < total {
            sample.append(abs(vectors[position]))
            position += step
        }
        sample.sort()
        let clip = sample.isEmpty ? 0 : sample[min(sample.count - 1, Int(Double(sample.count) * 0.9999))]
        var rows = QuantizedRows(dimension: dimension, scale: clip > 0 && clip.isFinite ? clip / 127 : 1 / 127)
        rows.storage = HugePageBuffer(capacity: count * rows.stride)
        for row in 0..<count { residuals[row] = rows.append(vectors + row * dimension) }
        return rows
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
                      stride: stride, scale: scale, ssse3: ssse3))
        }
    }

    /// A vector in the form rows are compared with: signed 7-bit codes, their scale, and the
    /// correction for the rows' +128 offset (128 × the sum of the codes).
    struct Probe {
        let codes: UnsafePointer<Int8>
        let scale: Float
        let bias: Int32
        /// The length of the difference between the probed vector and its codes times the scale
        /// (0 for a probe made from a stored row, which no bound relies on).
        let residual: Float
    }

    /// The rows as pointers, for the hot loop of the walk.
    struct View {
        let base: UnsafePointer<UInt8>
        let dimension: Int
        let stride: Int
        let scale: Float
        let ssse3: Bool

        /// The codes of `row`.
        @inline(__always)
        func row(_ row: Int32) -> UnsafePointer<UInt8> { base + Int(row) &* stride }

        /// The approximate similarity of `probe` to `row`.
        @inline(__always)
        func similarity(_ probe: Probe, _ row: Int32) -> Float {
            let dot = bh_dot_u8s8(self.row(row), probe.codes, dimension, ssse3 ? 1 : 0) &- probe.bias
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
                var error: Float = 0
                for index in 0..<dimension {
                    let difference = vector[index] - Float(buffer[index]) * scale
                    error += difference * difference
                }
                return body(Probe(codes: UnsafePointer(buffer.baseAddress!), scale: scale, bias: Int32(sum * 128),
                                  residual: error.squareRoot()))
            }
        }

        /// Runs `body` with stored `row` as a probe (its codes halved to 7 bits, so a step of the
        /// probe is two of the rows').
        func withProbe<T>(row: Int32, _ body: (Probe) -> T) -> T {
            withUnsafeTemporaryAllocation(of: Int8.self, capacity: dimension) { buffer in
                let codes = self.row(row)
                var sum = 0
                for index in 0..<dimension {
                    let code = Int8((Int(codes[index]) - 128) >> 1)
                    buffer[index] = code
                    sum += Int(code)
                }
                return body(Probe(codes: UnsafePointer(buffer.baseAddress!), scale: 2 * scale, bias: Int32(sum * 128), residual: 0))
            }
        }

        /// Starts loading `row` into the cache.
        @inline(__always)
        func prefetch(_ row: Int32) {
            let start = UnsafeRawPointer(self.row(row))
            var offset = 0
            // Lines are 64 bytes: one prefetch every 64 bytes from the start covers the whole row
            // when rows are line-aligned (384 dimensions); otherwise ask for the last byte too.
            while offset < stride {
                bh_prefetch(start + offset)
                offset &+= 64
            }
            if stride % 64 != 0 { bh_prefetch(start + (stride - 1)) }
        }
    }
}
