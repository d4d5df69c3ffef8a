/// The arithmetic every search path shares: SIMD dot products and L2 normalization.
///
/// Vectors are stored L2-normalized, so cosine similarity is a plain dot product. The dot
/// product is the innermost operation of both exact and HNSW search, so it loads 16 floats at
/// a time into two independent accumulators and lets the compiler keep them in registers.
enum VectorMath {
    /// The dot product of two `count`-long float32 runs.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        var acc0 = SIMD16<Float>()
        var acc1 = SIMD16<Float>()
        var offset = 0
        let stride = MemoryLayout<Float>.stride
        while offset + 32 <= count {
            let byte = offset &* stride
            acc0 += ra.loadUnaligned(fromByteOffset: byte, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: byte, as: SIMD16<Float>.self)
            acc1 += ra.loadUnaligned(fromByteOffset: byte &+ 64, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: byte &+ 64, as: SIMD16<Float>.self)
            offset &+= 32
        }
        if offset + 16 <= count {
            let byte = offset &* stride
            acc0 += ra.loadUnaligned(fromByteOffset: byte, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: byte, as: SIMD16<Float>.self)
            offset &+= 16
        }
        var sum = (acc0 + acc1).sum()
        while offset < count {
            sum += a[offset] * b[offset]
            offset &+= 1
        }
        return sum
    }

    /// Scales `vector` to unit length in place; returns false when it is all zeros or not finite.
    static func normalize(_ vector: inout [Float]) -> Bool {
        var norm: Float = 0
        for value in vector { norm += value * value }
        guard norm.isFinite, norm > 0 else { return false }
        let scale = 1 / norm.squareRoot()
        for index in vector.indices { vector[index] *= scale }
        return true
    }
}
