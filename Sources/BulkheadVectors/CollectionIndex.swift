/// The in-memory form of one collection: rows in a contiguous float32 buffer and in byte copies
/// (read by both the bounded exact scan and the graph walk), metadata postings, and, above the
/// size threshold, an HNSW graph over the same rows.
///
/// One `CollectionIndex` belongs to exactly one (org, collection); the store never hands it to
/// another org, even when two orgs hold identical content. Rows are appended; a removed or
/// replaced row is marked dead (skipped by exact scans, walked through but never returned by the
/// graph) and the index compacts itself when dead rows outnumber live ones.
public struct CollectionIndex: Sendable {
    /// The vector length of every row.
    public let dimension: Int
    /// Thresholds and HNSW parameters.
    public let configuration: VectorIndexConfiguration

    /// Row-major vectors: row `r` is `vectors[r * dimension ..< (r + 1) * dimension]`.
    private(set) var vectors: [Float] = []
    private(set) var ids: [String] = []
    private(set) var texts: [String] = []
    private(set) var metadata: [[String: String]] = []
    /// Byte copies of the rows, with the error of each: the bounded exact scan reads them (see
    /// `CollectionIndex+BoundedScan`) and so does the graph walk.
    private(set) var scanRows: QuantizedRows
    private(set) var scanResiduals: [Float] = []
    /// Where each row is stored (the tenant database's rowid), or -1; saved with the graph so a
    /// reopened collection can put each row back on its node.
    private(set) var storageKeys: [Int64] = []
    /// Bit `r` set when row `r` is live.
    private(set) var aliveBits: [UInt64] = []
    private(set) var deadCount = 0
    private var rowOfID: [String: Int32] = [:]
    /// key → value → rows carrying it, ascending (dead rows included; the scan skips them).
    private var postings: [String: [String: [Int32]]] = [:]
    private var payloadBytes = 0
    /// The graph, once the collection has reached `hnswThreshold` live rows.
    var hnsw: HNSWIndex?
    /// How many rows the last bounded scan scored on float32 (for the benchmark).
    public internal(set) var lastBoundedSurvivors = 0
    /// Set while a collection is read back with a saved graph, which is attached after its rows.
    var graphDeferred = false

    // Scratch reused by every query.
    var heap = ScoreHeap()
    var filterBits: [UInt64] = []
    var matchRows: [Int32] = []

    /// Makes an empty index for vectors of `dimension` floats.
    public init(dimension: Int, configuration: VectorIndexConfiguration = VectorIndexConfiguration()) {
        self.dimension = dimension
        self.configuration = configuration
        scanRows = QuantizedRows(dimension: dimension)
    }

    /// Rows stored, live and dead.
    public var rowCount: Int { ids.count }
    /// Live rows.
    public var count: Int { ids.count - deadCount }
    /// How many rows the last graph search scored on its bottom layer (0 before any).
    public var lastGraphScored: Int { hnsw?.lastScored ?? 0 }
    /// True once searches without a selective filter go through the HNSW graph.
    public var usesHNSW: Bool { hnsw != nil }

    /// An estimate of the bytes this index holds, for the cache's budget.
    public var memoryBytes: Int {
        vectors.capacity * 4 + scanRows.memoryBytes + scanResiduals.capacity * 4 + payloadBytes + ids.count * 96
            + aliveBits.capacity * 8 + (hnsw?.memoryBytes ?? 0)
            + filterBits.capacity * 8 + matchRows.capacity * 4 + 256
    }

    /// Whether a live row has this id.
    public func contains(id: String) -> Bool { rowOfID[id] != nil }

    /// The live row with this id, if any.
    public func item(id: String) -> (text: String, metadata: [String: String], vector: [Float])? {
        guard let row = rowOfID[id] else { return nil }
        let start = Int(row) * dimension
        return (texts[Int(row)], metadata[Int(row)], Array(vectors[start..<(start + dimension)]))
    }

    /// The id, text and metadata of a row.
    public func row(_ row: Int32) -> (id: String, text: String, metadata: [String: String]) {
        (ids[Int(row)], texts[Int(row)], metadata[Int(row)])
    }

    /// Adds a row, or replaces the live row with the same id. The vector must be unit length
    /// and `dimension` long (the store checks both before calling).
    public mutating func upsert(id: String, text: String, metadata: [String: String], vector: [Float]) {
        precondition(vector.count == dimension, "dimension checked by the store")
        vector.withUnsafeBufferPointer { upsert(id: id, text: text, metadata: metadata, vector: $0) }
    }

    /// Adds a row from a buffer of `dimension` floats (the benchmark's bulk path).
    ///
    /// - Parameter storageKey: where the row is stored (see `storageKeys`), or -1.
    public mutating func upsert(id: String, text: String, metadata: [String: String], vector: UnsafeBufferPointer<Float>,
                                storageKey: Int64 = -1) {
        precondition(vector.count == dimension, "dimension checked by the store")
        if rowOfID[id] != nil { _ = remove(id: id) }
        let row = Int32(ids.count)
        vectors.append(contentsOf: vector)
        appendScanRow(vector.baseAddress!)
        storageKeys.append(storageKey)
        ids.append(id)
        texts.append(text)
        self.metadata.append(metadata)
        payloadBytes += id.utf8.count + text.utf8.count + metadata.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 32 }
        if Int(row) >> 6 >= aliveBits.count { aliveBits.append(0) }
        aliveBits[Int(row) >> 6] |= 1 << UInt64(Int(row) & 63)
        rowOfID[id] = row
        for (key, value) in metadata { postings[key, default: [:]][value, default: []].append(row) }
        if hnsw != nil {
            let codes = scanRows
            codes.withView { view in
                vectors.withUnsafeBufferPointer { hnsw!.insert(row, vectors: $0.baseAddress!, codes: view) }
            }
        } else if !graphDeferred, count >= configuration.hnswThreshold {
            buildGraph()
        }
    }

    /// Adds a row that no longer exists in storage (deleted after its graph was saved) so that the
    /// saved graph's node numbers stay valid. It holds a zero vector, is dead from the start, and is
    /// walked through but never returned; compaction removes it with the other dead rows.
    mutating func appendPlaceholder() {
        precondition(hnsw == nil, "placeholders are added before the graph is attached")
        let row = ids.count
        vectors.append(contentsOf: repeatElement(0, count: dimension))
        let zeros = [Float](repeating: 0, count: dimension)
        appendScanRow(zeros)
        storageKeys.append(-1)
        ids.append("")
        texts.append("")
        metadata.append([:])
        if row >> 6 >= aliveBits.count { aliveBits.append(0) }
        deadCount += 1
    }

    /// Adds a row's byte copy; at 1,024 rows and every doubling after, codes all of them again
    /// with a scale calibrated on the whole collection (amortized, a constant per row). The graph
    /// keeps no scores, so a new scale changes nothing it holds.
    private mutating func appendScanRow(_ vector: UnsafePointer<Float>) {
        scanResiduals.append(scanRows.append(vector))
        let rows = scanRows.count
        guard rows >= 1_024, rows & (rows - 1) == 0 else { return }
        var residuals = [Float](repeating: 0, count: rows)
        let recoded = vectors.withUnsafeBufferPointer { buffer in
            residuals.withUnsafeMutableBufferPointer { output in
                QuantizedRows.calibrated(dimension: dimension, vectors: buffer.baseAddress!, count: rows,
                                         residuals: output.baseAddress!)
            }
        }
        scanRows = recoded
        scanResiduals = residuals
    }

    /// Builds the HNSW graph over every stored row (dead rows are linked but never returned).
    mutating func buildGraph() {
        var graph = HNSWIndex(dimension: dimension, parameters: configuration.hnsw)
        scanRows.withView { view in
            vectors.withUnsafeBufferPointer { buffer in
                for row in 0..<ids.count { graph.insert(Int32(row), vectors: buffer.baseAddress!, codes: view) }
            }
        }
        hnsw = graph
    }

    /// Marks the live row with this id dead; returns false when there is none.
    public mutating func remove(id: String) -> Bool {
        guard let row = rowOfID.removeValue(forKey: id) else { return false }
        aliveBits[Int(row) >> 6] &= ~(1 << UInt64(Int(row) & 63))
        deadCount += 1
        if deadCount > 1024, deadCount > count { compact() }
        return true
    }

    /// Rewrites the index with live rows only (and rebuilds the graph if it is still due).
    private mutating func compact() {
        var fresh = CollectionIndex(dimension: dimension, configuration: configuration)
        for row in 0..<ids.count where isAlive(Int32(row)) {
            let start = row * dimension
            vectors.withUnsafeBufferPointer { buffer in
                fresh.upsert(id: ids[row], text: texts[row], metadata: metadata[row],
                             vector: UnsafeBufferPointer(rebasing: buffer[start..<(start + dimension)]),
                             storageKey: storageKeys[row])
            }
        }
        self = fresh
    }

    @inline(__always)
    func isAlive(_ row: Int32) -> Bool {
        aliveBits[Int(row) >> 6] & (1 << UInt64(Int(row) & 63)) != 0
    }

    /// Fills `matchRows` with the live rows carrying every (key, value) of `filter`, ascending.
    mutating func collectMatches(_ filter: [String: String]) {
        matchRows.removeAll(keepingCapacity: true)
        var lists: [[Int32]] = []
        for (key, value) in filter {
            guard let list = postings[key]?[value] else { return }
            lists.append(list)
        }
        lists.sort { $0.count < $1.count }
        guard let first = lists.first else { return }
        var cursors = [Int](repeating: 0, count: lists.count)
        outer: for row in first where isAlive(row) {
            for index in 1..<max(1, lists.count) {
                let list = lists[index]
                var cursor = cursors[index]
                while cursor < list.count, list[cursor] < row { cursor += 1 }
                cursors[index] = cursor
                if cursor == list.count { break outer }
                if list[cursor] != row { continue outer }
            }
            matchRows.append(row)
        }
    }
}

extension CollectionIndex {
    /// The ids of the live rows whose metadata carries every (key, value) of `filter`.
    public mutating func ids(matching filter: [String: String]) -> [String] {
        guard !filter.isEmpty else { return [] }
        collectMatches(filter)
        return matchRows.map { ids[Int($0)] }
    }
}
