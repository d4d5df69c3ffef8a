/// Renumbering a graph's nodes so that neighbors sit near each other in memory.
///
/// A walk scores a node's neighbors one after the other. Rows numbered in arrival order put those
/// neighbors on scattered pages, and every one of them is a TLB miss and a page walk (two-level
/// under a hypervisor), which caps how many loads can be in flight. Numbered breadth-first from
/// the entry point, most of a node's neighbors get consecutive numbers, so a batch of them shares
/// a few pages. This is the reordering of Coleman et al., "Graph Reordering for Cache-Efficient
/// Near Neighbor Search" (NeurIPS 2022), in its simplest form.
extension HNSWIndex {
    /// Whether the graph has grown enough since its last `reorder` to be worth another: new nodes
    /// join at the end in arrival order, so the layout decays as a collection grows.
    public var needsReorder: Bool {
        count >= 1_024 && count >= orderedCount + max(512, orderedCount / 8)
    }

    /// Renumbers every node in breadth-first order of layer 0 from the entry point, and codes the
    /// rows again in that order with a scale calibrated on all of them.
    ///
    /// - Parameter vectors: the collection's row-major float32 buffer.
    public mutating func reorder(vectors: UnsafePointer<Float>) {
        let total = count
        guard total > 1, entryPoint >= 0 else { return }
        var newID = [Int32](repeating: -1, count: total)
        var order: [Int32] = []
        order.reserveCapacity(total)
        let stride0 = maxLinks0 + 1
        func place(_ node: Int32) {
            newID[Int(node)] = Int32(order.count)
            order.append(node)
        }
        place(entryPoint)
        var head = 0
        var unplacedScan = 0
        while order.count < total {
            if head == order.count {
                // A part of the graph the entry point does not reach (rare): start again from it.
                while newID[unplacedScan] >= 0 { unplacedScan += 1 }
                place(Int32(unplacedScan))
            }
            let node = Int(order[head])
            head += 1
            let start = node * stride0
            for slot in 0..<Int(links0[start]) {
                let neighbor = links0[start + 1 + slot]
                if newID[Int(neighbor)] < 0 { place(neighbor) }
            }
        }

        var newLinks0 = [Int32](repeating: 0, count: links0.count)
        var newLevels = [UInt8](repeating: 0, count: total)
        var newUpperBase = [Int32](repeating: -1, count: total)
        var newRowOfNode = [Int32](repeating: 0, count: total)
        for (position, old) in order.enumerated() {
            let from = Int(old) * stride0
            let to = position * stride0
            let used = Int(links0[from])
            newLinks0[to] = Int32(used)
            for slot in 0..<used { newLinks0[to + 1 + slot] = newID[Int(links0[from + 1 + slot])] }
            newLevels[position] = levels[Int(old)]
            newUpperBase[position] = upperBase[Int(old)]
            newRowOfNode[position] = rowOfNode[Int(old)]
        }
        // Upper-layer blocks stay where they are; only the node numbers inside them change.
        for node in 0..<total where levels[node] > 0 {
            let base = Int(upperBase[node])
            for layer in 0..<Int(levels[node]) {
                let start = base + layer * (maxLinks + 1)
                for slot in 0..<Int(upperLinks[start]) {
                    upperLinks[start + 1 + slot] = newID[Int(upperLinks[start + 1 + slot])]
                }
            }
        }
        links0 = newLinks0
        levels = newLevels
        upperBase = newUpperBase
        rowOfNode = newRowOfNode
        rows = QuantizedRows.calibrated(dimension: dimension, vectors: vectors, order: newRowOfNode)
        entryPoint = newID[Int(entryPoint)]
        orderedCount = total
    }
}
