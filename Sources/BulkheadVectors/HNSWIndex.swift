import Foundation

/// A hierarchical navigable small-world graph over the rows of one collection.
///
/// The graph stores links only. Node `i` is row `i` of the collection, and the rows come in as
/// pointers: the walk scores the collection's byte copies (`QuantizedRows`, a quarter of the
/// float32 size, the same copies the exact scan reads), because a walk waits on memory for every
/// node it visits; the float32 rows are read only to re-score a query's final candidates exactly.
/// Links live in flat `Int32` arrays (one block of `2m + 1` slots per node on layer 0, the first
/// slot holding the count, and blocks of `m + 1` for the upper layers), and a walk marks nodes in a
/// `VisitedSet` bitset, so a query allocates nothing in its hot loop. The graph can be saved and
/// read back on its own (`HNSWIndex+Snapshot`).
///
/// Similarity is the dot product of unit vectors (cosine); bigger is closer.
public struct HNSWIndex: Sendable {
    /// The parameters the graph was built with.
    public let parameters: HNSWParameters
    /// The vector length.
    public let dimension: Int

    let maxLinks0: Int
    let maxLinks: Int
    let levelScale: Double
    var random: SplitMix64

    /// Layer of each node (0 for most).
    var levels: [UInt8] = []
    /// Layer-0 links: node `i` owns slots `i * (maxLinks0 + 1) ..< (i + 1) * (maxLinks0 + 1)`.
    var links0: [Int32] = []
    /// Start of node `i`'s upper-layer blocks in `upperLinks`, or -1.
    var upperBase: [Int32] = []
    /// Upper-layer links: layer `l ≥ 1` of node `i` is the block at `upperBase[i] + (l - 1) * (maxLinks + 1)`.
    var upperLinks: [Int32] = []
    /// The node every search starts from, or -1 when the graph is empty.
    var entryPoint: Int32 = -1
    /// The top layer of the graph.
    var topLevel = 0

    /// How many rows the last layer walk scored (the cost of a search, for the benchmark).
    public internal(set) var lastScored = 0

    // Scratch, reused by every insert and query.
    var visited = VisitedSet()
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
            + (candidates.capacity + results.capacity) * 8 + count * 4
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
    /// - Parameters:
    ///   - vectors: the collection's row-major float32 buffer; row `node` must already be in it.
    ///   - codes: the collection's byte copies; row `node` must already be in them.
    mutating func insert(_ node: Int32, vectors: UnsafePointer<Float>, codes view: QuantizedRows.View) {
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
        view.withProbe(vectors + Int(node) * dimension) { probe in
            var current = entryPoint
            var currentScore = view.similarity(probe, current)
            if topLevel > level {
                for layer in stride(from: topLevel, to: level, by: -1) {
                    greedy(probe, &current, &currentScore, layer: layer, view: view)
                }
            }
            for layer in stride(from: min(level, topLevel), through: 0, by: -1) {
                searchLayer(probe, entry: current, entryScore: currentScore, ef: parameters.efConstruction,
                            layer: layer, view: view, allowed: nil)
                // Keep the best result as the next layer's entry.
                selectNeighbors(fromResults: parameters.m, view: view)
                if let best = selection.first {
                    current = best
                    currentScore = selectionScores[0]
                }
                setLinks(node, layer: layer, to: selection)
                let capacity = layer == 0 ? maxLinks0 : maxLinks
                for neighbor in selection {
                    addLink(from: neighbor, to: node, layer: layer, capacity: capacity, view: view)
                }
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
    private mutating func addLink(from: Int32, to: Int32, layer: Int, capacity: Int, view: QuantizedRows.View) {
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
        results.removeAll()
        view.withProbe(row: from) { base in
            for existing in linkList(from, layer: layer) + [to] {
                results.push(-view.similarity(base, existing), existing)
            }
        }
        selectNeighbors(fromResults: capacity, view: view)
        setLinks(from, layer: layer, to: selection)
    }

    /// Picks up to `limit` diverse neighbors out of `results` (the heuristic of the HNSW paper):
    /// a candidate is kept only when it is closer to the base than to every neighbor kept so far.
    /// Leaves them in `selection`, best first, and empties `results`.
    private mutating func selectNeighbors(fromResults limit: Int, view: QuantizedRows.View) {
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
            let keep = view.withProbe(row: candidate.row) { probe in
                selection.allSatisfy { chosen in view.similarity(probe, chosen) <= candidate.score }
            }
            if keep {
                selection.append(candidate.row)
                selectionScores.append(candidate.score)
            }
        }
    }

    /// Moves `current` greedily to the closest node on `layer`.
    func greedy(_ probe: QuantizedRows.Probe, _ current: inout Int32, _ currentScore: inout Float,
                layer: Int, view: QuantizedRows.View) {
        var changed = true
        while changed {
            changed = false
            let start = blockStart(current, layer)
            let count = Int(layer == 0 ? links0[start] : upperLinks[start])
            for offset in 0..<count {
                let neighbor = layer == 0 ? links0[start + 1 + offset] : upperLinks[start + 1 + offset]
                let score = view.similarity(probe, neighbor)
                if score > currentScore {
                    currentScore = score
                    current = neighbor
                    changed = true
                }
            }
        }
    }
}
