import Foundation

/// A hierarchical navigable small-world graph over the rows of one collection.
///
/// The graph stores links only; the vectors stay in the collection's contiguous row-major buffer
/// and are passed in as a pointer, so a collection never holds its vectors twice. Links live in
/// flat `Int32` arrays (one block of `2m + 1` slots per node on layer 0, the first slot holding
/// the count, and blocks of `m + 1` for the upper layers), and a walk marks rows in a
/// generation-tagged `VisitedSet`, so a query allocates nothing in its hot loop.
///
/// Similarity is the dot product of unit vectors (cosine); bigger is closer.
public struct HNSWIndex: Sendable {
    /// The parameters the graph was built with.
    public let parameters: HNSWParameters
    /// The vector length.
    public let dimension: Int

    let maxLinks0: Int
    let maxLinks: Int
    private let levelScale: Double
    private var random: SplitMix64

    /// Layer of each node (0 for most).
    private(set) var levels: [UInt8] = []
    /// Layer-0 links: node `i` owns slots `i * (maxLinks0 + 1) ..< (i + 1) * (maxLinks0 + 1)`.
    var links0: [Int32] = []
    /// Start of node `i`'s upper-layer blocks in `upperLinks`, or -1.
    private var upperBase: [Int32] = []
    /// Upper-layer links: layer `l ≥ 1` of node `i` is the block at `upperBase[i] + (l - 1) * (maxLinks + 1)`.
    var upperLinks: [Int32] = []
    /// The node every search starts from, or -1 when the graph is empty.
    private(set) var entryPoint: Int32 = -1
    /// The top layer of the graph.
    private(set) var topLevel = 0

    // Scratch, reused by every insert and query.
    var visited = VisitedSet()
    /// Where the walk stores the sum of the floats it touched early, so the loads are not optimized away.
    var touchSink: Float = 0
    var candidates = ScoreHeap()
    var results = ScoreHeap()
    private var selection: [Int32] = []
    private var selectionScores: [Float] = []

    /// Makes an empty graph for vectors of `dimension` floats.
    public init(dimension: Int, parameters: HNSWParameters = HNSWParameters()) {
        self.dimension = dimension
        self.parameters = parameters
        maxLinks = parameters.m
        maxLinks0 = parameters.m * 2
        levelScale = 1 / log(Double(max(2, parameters.m)))
        random = SplitMix64(seed: parameters.seed)
    }

    /// The number of nodes in the graph.
    public var count: Int { levels.count }

    /// Bytes held by the graph's links and scratch, for the cache's memory budget.
    public var memoryBytes: Int {
        (links0.capacity + upperLinks.capacity + upperBase.capacity) * 4 + levels.capacity
            + (candidates.keys.capacity + results.keys.capacity) * 8 + count * 4
    }

    @inline(__always)
    func upperSlot(_ node: Int32, _ level: Int) -> Int {
        Int(upperBase[Int(node)]) + (level - 1) * (maxLinks + 1)
    }

    @inline(__always)
    private func blockStart(_ node: Int32, _ level: Int) -> Int {
        level == 0 ? Int(node) * (maxLinks0 + 1) : upperSlot(node, level)
    }

    private mutating func drawLevel() -> Int {
        min(Int(-log(random.nextUnit()) * levelScale), 16)
    }

    /// Adds row `node` (which must be the next row, `count`) to the graph.
    ///
    /// - Parameter vectors: the collection's row-major buffer; row `node` must already be in it.
    public mutating func insert(_ node: Int32, vectors: UnsafePointer<Float>) {
        precondition(Int(node) == count, "HNSW rows are inserted in order")
        let level = drawLevel()
        levels.append(UInt8(level))
        links0.append(contentsOf: repeatElement(0, count: maxLinks0 + 1))
        if level > 0 {
            upperBase.append(Int32(upperLinks.count))
            upperLinks.append(contentsOf: repeatElement(0, count: level * (maxLinks + 1)))
        } else {
            upperBase.append(-1)
        }
        guard entryPoint >= 0 else {
            entryPoint = node
            topLevel = level
            return
        }
        let query = vectors + Int(node) * dimension
        var current = entryPoint
        var currentScore = VectorMath.dot(query, vectors + Int(current) * dimension, count: dimension)
        if topLevel > level {
            for layer in stride(from: topLevel, to: level, by: -1) {
                greedy(query, &current, &currentScore, layer: layer, vectors: vectors)
            }
        }
        for layer in stride(from: min(level, topLevel), through: 0, by: -1) {
            searchLayer(query, entry: current, entryScore: currentScore, ef: parameters.efConstruction,
                        layer: layer, vectors: vectors, allowed: nil)
            // Keep the best result as the next layer's entry.
            selectNeighbors(fromResults: parameters.m, vectors: vectors)
            if let best = selection.first {
                current = best
                currentScore = selectionScores[0]
            }
            setLinks(node, layer: layer, to: selection)
            let capacity = layer == 0 ? maxLinks0 : maxLinks
            for neighbor in selection {
                addLink(from: neighbor, to: node, layer: layer, capacity: capacity, vectors: vectors)
            }
        }
        if level > topLevel {
            topLevel = level
            entryPoint = node
        }
    }

    private mutating func setLinks(_ node: Int32, layer: Int, to targets: [Int32]) {
        let start = blockStart(node, layer)
        if layer == 0 {
            links0[start] = Int32(targets.count)
            for (offset, target) in targets.enumerated() { links0[start + 1 + offset] = target }
        } else {
            upperLinks[start] = Int32(targets.count)
            for (offset, target) in targets.enumerated() { upperLinks[start + 1 + offset] = target }
        }
    }

    private func linkList(_ node: Int32, layer: Int) -> [Int32] {
        let start = blockStart(node, layer)
        if layer == 0 {
            let count = Int(links0[start])
            return Array(links0[(start + 1)..<(start + 1 + count)])
        }
        let count = Int(upperLinks[start])
        return Array(upperLinks[(start + 1)..<(start + 1 + count)])
    }

    /// Links `from → to`; when `from` is full, keeps the best diverse set by the heuristic.
    private mutating func addLink(from: Int32, to: Int32, layer: Int, capacity: Int, vectors: UnsafePointer<Float>) {
        let start = blockStart(from, layer)
        let count = Int(layer == 0 ? links0[start] : upperLinks[start])
        if count < capacity {
            if layer == 0 {
                links0[start + 1 + count] = to
                links0[start] = Int32(count + 1)
            } else {
                upperLinks[start + 1 + count] = to
                upperLinks[start] = Int32(count + 1)
            }
            return
        }
        let base = vectors + Int(from) * dimension
        results.removeAll()
        for existing in linkList(from, layer: layer) + [to] {
            let score = VectorMath.dot(base, vectors + Int(existing) * dimension, count: dimension)
            results.push(-score, existing)
        }
        selectNeighbors(fromResults: capacity, vectors: vectors)
        setLinks(from, layer: layer, to: selection)
    }

    /// Picks up to `limit` diverse neighbors out of `results` (the heuristic of the HNSW paper):
    /// a candidate is kept only when it is closer to the base than to every neighbor kept so far.
    /// Leaves them in `selection`, best first, and empties `results`.
    private mutating func selectNeighbors(fromResults limit: Int, vectors: UnsafePointer<Float>) {
        // Drain the worst-on-top heap into ascending-similarity order, then walk it best first.
        var ordered: [(score: Float, row: Int32)] = []
        ordered.reserveCapacity(results.count)
        while !results.isEmpty {
            ordered.append((-results.topKey, results.topRow))
            results.pop()
        }
        selection.removeAll(keepingCapacity: true)
        selectionScores.removeAll(keepingCapacity: true)
        for candidate in ordered.reversed() {
            if selection.count >= limit { break }
            let candidateVector = vectors + Int(candidate.row) * dimension
            var keep = true
            for chosen in selection {
                let between = VectorMath.dot(candidateVector, vectors + Int(chosen) * dimension, count: dimension)
                if between > candidate.score { keep = false; break }
            }
            if keep {
                selection.append(candidate.row)
                selectionScores.append(candidate.score)
            }
        }
    }

    /// Moves `current` greedily to the closest node on `layer`.
    func greedy(_ query: UnsafePointer<Float>, _ current: inout Int32, _ currentScore: inout Float,
                        layer: Int, vectors: UnsafePointer<Float>) {
        var changed = true
        while changed {
            changed = false
            let start = blockStart(current, layer)
            let count = Int(layer == 0 ? links0[start] : upperLinks[start])
            for offset in 0..<count {
                let neighbor = layer == 0 ? links0[start + 1 + offset] : upperLinks[start + 1 + offset]
                let score = VectorMath.dot(query, vectors + Int(neighbor) * dimension, count: dimension)
                if score > currentScore {
                    currentScore = score
                    current = neighbor
                    changed = true
                }
            }
        }
    }
}
