import Dispatch

/// Exact search that reads a quarter of the bytes: a scan of the byte copies with a proven error
/// bound, then float32 scores for the few rows the bound cannot rule out.
///
/// This is the VA-file of Weber, Schek and Blott ("A Quantitative Analysis and Performance Study
/// for Similarity-Search Methods in High-Dimensional Spaces", VLDB 1998) on scalar codes. For row
/// x with codes x̂ (error e_x = |x − x̂|) and query q with codes q̂ (error e_q), Cauchy–Schwarz
/// gives |x·q − x̂·q̂| ≤ e_x·|q| + |x̂|·e_q ≤ e_x + (1 + e_x)·e_q for a unit query. Every row gets
/// the interval x̂·q̂ ± that bound; the k-th largest lower bound τ is at most the true k-th best
/// score, so a row whose upper bound is below τ cannot be in the top k. The rest (a few dozen of
/// tens of thousands on the benchmark sets) are scored on float32, and the answer is exactly
/// the float scan's. A saturated or badly scaled row only has a larger bound: slower, never wrong.
extension CollectionIndex {
    /// Below this many rows the float scan is as fast and simpler.
    static let boundedScanMinimum = 2_048

    /// The exact top `k` of the live rows, through the bounded byte scan.
    mutating func boundedScan(_ query: UnsafePointer<Float>, k: Int) -> [(row: Int32, score: Float)] {
        let rows = ids.count
        let threads = configuration.scanThreads > 1 && rows >= configuration.parallelScanMinimum ? configuration.scanThreads : 1
        let chunk = (rows + threads - 1) / threads
        let checkAlive = deadCount > 0
        var parts = [BoundedScanPart](repeating: BoundedScanPart(), count: threads)
        scanRows.withView { view in
            view.withProbe(query) { probe in
                scanResiduals.withUnsafeBufferPointer { residuals in
                    aliveBits.withUnsafeBufferPointer { alive in
                        parts.withUnsafeMutableBufferPointer { output in
                            let shared = BoundedScanInputs(view: view, probe: probe, residuals: residuals.baseAddress!,
                                                           alive: alive.baseAddress!, output: output.baseAddress!)
                            let scanPart: @Sendable (Int) -> Void = { part in
                                let inputs = shared
                                var lowers = ScoreHeap(capacity: k + 1)
                                var result = BoundedScanPart()
                                var threshold = -Float.infinity
                                let end = min(rows, (part + 1) * chunk)
                                var row = part * chunk
                                while row < end {
                                    defer { row += 1 }
                                    if checkAlive, inputs.alive[row >> 6] & (1 << UInt64(row & 63)) == 0 { continue }
                                    let approximate = inputs.view.similarity(inputs.probe, Int32(row))
                                    let error = inputs.residuals[row]
                                    // The float arithmetic of the estimate itself is covered by the last term.
                                    let bound = error + (1 + error) * inputs.probe.residual + 1e-4
                                    let lower = approximate - bound
                                    if lowers.count < k {
                                        lowers.push(-lower, Int32(row))
                                        if lowers.count == k { threshold = -lowers.topKey }
                                    } else if lower > threshold {
                                        lowers.replaceTop(-lower, Int32(row))
                                        threshold = -lowers.topKey
                                    }
                                    if approximate + bound >= threshold {
                                        result.candidates.append(Int32(row))
                                        result.uppers.append(approximate + bound)
                                    }
                                }
                                var lowerBounds: [Float] = []
                                while !lowers.isEmpty {
                                    lowerBounds.append(-lowers.topKey)
                                    lowers.pop()
                                }
                                result.lowers = lowerBounds
                                (inputs.output + part).pointee = result
                            }
                            if threads == 1 {
                                scanPart(0)
                            } else {
                                DispatchQueue.concurrentPerform(iterations: threads, execute: scanPart)
                            }
                        }
                    }
                }
            }
        }
        // τ over the whole collection: the k-th largest of every part's k largest lower bounds.
        let allLowers = parts.flatMap(\.lowers).sorted(by: >)
        let threshold = allLowers.count >= k ? allLowers[k - 1] : -Float.infinity
        var survivors: [Int32] = []
        for part in parts {
            for (row, upper) in zip(part.candidates, part.uppers) where upper >= threshold { survivors.append(row) }
        }
        lastBoundedSurvivors = survivors.count
        return vectors.withUnsafeBufferPointer { buffer in
            VectorMath.topK(query, rows: survivors, vectors: buffer.baseAddress!, dimension: dimension, k: k)
        }
    }
}

/// What one part of a bounded scan found: its k largest lower bounds and the rows it could not rule out.
struct BoundedScanPart {
    var lowers: [Float] = []
    var candidates: [Int32] = []
    var uppers: [Float] = []
}

/// The buffers one bounded scan shares with its worker threads.
///
/// `@unchecked Sendable` is sound here because `concurrentPerform` returns only after every worker
/// has finished, so the pointers outlive their use; the inputs are only read, and each worker
/// writes its own output slot.
private struct BoundedScanInputs: @unchecked Sendable {
    let view: QuantizedRows.View
    let probe: QuantizedRows.Probe
    let residuals: UnsafePointer<Float>
    let alive: UnsafePointer<UInt64>
    let output: UnsafeMutablePointer<BoundedScanPart>
}
