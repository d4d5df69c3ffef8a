/// The settings of a `VectorStore`.
public struct VectorStoreConfiguration: Sendable, Hashable {
    /// Thresholds and HNSW parameters of every collection's in-memory index.
    public var index: VectorIndexConfiguration
    /// The most bytes the in-memory indexes of all orgs may hold together; the least recently
    /// used are dropped past it (and reloaded from their tenant database when used again).
    public var cacheBytes: Int
    /// The largest `k` a search may ask for.
    public var maxK: Int
    /// The most items one `add` may carry.
    public var maxBatch: Int

    /// Makes a configuration; the defaults hold about 1 GiB of indexes.
    public init(index: VectorIndexConfiguration = VectorIndexConfiguration(), cacheBytes: Int = 1 << 30,
                maxK: Int = 1_000, maxBatch: Int = 100_000) {
        self.index = index
        self.cacheBytes = max(0, cacheBytes)
        self.maxK = max(1, maxK)
        self.maxBatch = max(1, maxBatch)
    }
}
