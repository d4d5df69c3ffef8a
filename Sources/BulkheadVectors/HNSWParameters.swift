/// The knobs of an HNSW graph.
///
/// `m` is the number of links a node keeps on the upper layers (twice that on layer 0),
/// `efConstruction` the breadth of the search that picks a new node's links, and `efSearch` the
/// breadth of a query's search on layer 0 (raised to k when k is larger). Bigger values buy
/// recall with time; the seed fixes the level draw so that a rebuild gives the same graph.
public struct HNSWParameters: Sendable, Hashable {
    /// Links per node on the upper layers; layer 0 keeps `2 * m`.
    public var m: Int
    /// Breadth of the candidate search when a node is inserted.
    public var efConstruction: Int
    /// Breadth of the candidate search on layer 0 for a query.
    public var efSearch: Int
    /// Seed of the level draw, so that the same inserts give the same graph.
    public var seed: UInt64

    /// Makes a parameter set. The defaults (m 16, efConstruction 100, efSearch 128) reach recall@10
    /// ≥ 0.95 on clustered data (1.0 on the benchmark's default set). On the hard set (4,096
    /// centers, spread 1.0: a query's last few neighbors are near-random points) efSearch 400 is
    /// needed for 0.95; a larger m does not lower the number of rows a walk must score for it.
    public init(m: Int = 16, efConstruction: Int = 100, efSearch: Int = 128, seed: UInt64 = 0x5EED_B01C) {
        self.m = max(2, m)
        self.efConstruction = max(1, efConstruction)
        self.efSearch = max(1, efSearch)
        self.seed = seed
    }
}
