import Foundation

/// How a collection's in-memory index chooses between exact and HNSW search.
///
/// Below `hnswThreshold` live vectors a collection is searched exactly (from 2,048 rows by a
/// bounded scan of byte copies that scores on float32 only the rows its error bound cannot rule
/// out, see `CollectionIndex+BoundedScan`; below that by a SIMD scan of the float32 rows); at the
/// threshold an HNSW graph is built over every row and kept up to date as rows arrive.
///
/// The filter rule: a filtered search counts the rows the filter matches (from the metadata
/// postings, before any vector is read). When they number at most
/// `max(filterExactMinimum, filterExactFraction × live rows)`, the search scans exactly those rows,
/// which is exact and cheaper than a graph walk that would skip most of what it visits. Otherwise
/// the HNSW walk runs with the filter as a bitset: rows that fail it are walked through but never
/// returned, and the walk continues until `ef` matching rows are found. Either way k results come
/// back whenever k rows match.
public struct VectorIndexConfiguration: Sendable, Hashable {
    /// Live vectors from which a collection gets an HNSW graph.
    public var hnswThreshold: Int
    /// The HNSW graph's parameters.
    public var hnsw: HNSWParameters
    /// Filtered searches matching at most this many rows are exact.
    public var filterExactMinimum: Int
    /// Filtered searches matching at most this share of the live rows are exact.
    public var filterExactFraction: Double
    /// Threads an unfiltered exact scan may split across (a scan is bound by memory bandwidth,
    /// which one core cannot use up on its own).
    public var scanThreads: Int
    /// Live rows from which an exact scan is split across `scanThreads` (at 4,096 rows of 384
    /// dimensions a scan is about 0.4 ms, well above the cost of waking a second thread).
    public var parallelScanMinimum: Int

    /// Makes a configuration; the defaults suit collections of a few hundred to a few hundred thousand rows.
    public init(hnswThreshold: Int = 20_000, hnsw: HNSWParameters = HNSWParameters(),
                filterExactMinimum: Int = 4_096, filterExactFraction: Double = 0.35,
                scanThreads: Int = min(4, ProcessInfo.processInfo.activeProcessorCount), parallelScanMinimum: Int = 4_096) {
        self.hnswThreshold = max(1, hnswThreshold)
        self.hnsw = hnsw
        self.filterExactMinimum = max(0, filterExactMinimum)
        self.filterExactFraction = min(1, max(0, filterExactFraction))
        self.scanThreads = max(1, scanThreads)
        self.parallelScanMinimum = max(1, parallelScanMinimum)
    }
}
