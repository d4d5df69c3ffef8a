/// The set of rows a graph walk has already seen: one bit per row.
///
/// The walk tests a row for every link it follows, so the set must stay in the fastest cache: a
/// bit per row is 3 KB for 25,000 rows, where a 32-bit generation tag per row would be 100 KB and
/// spill out of L1 on every query. Starting a new walk clears the words in use (a few hundred
/// bytes to a few tens of kilobytes, far less than the walk itself touches).
struct VisitedSet {
    private var words: [UInt64] = []
    private var used = 0

    /// Starts a new walk over `count` rows.
    mutating func reset(count: Int) {
        let needed = (count + 63) >> 6
        if words.count < needed {
            words.append(contentsOf: repeatElement(0, count: needed - words.count + max(16, needed / 8)))
        }
        words.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.update(repeating: 0, count: max(used, needed))
        }
        used = needed
    }

    /// Whether `row` was visited in this walk.
    @inline(__always)
    func contains(_ row: Int32) -> Bool {
        let index = Int(row)
        return words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    /// Marks `row` as visited and returns true if it had not been visited in this walk.
    @inline(__always)
    mutating func insert(_ row: Int32) -> Bool {
        let index = Int(row)
        let bit: UInt64 = 1 << UInt64(index & 63)
        let word = words[index >> 6]
        if word & bit != 0 { return false }
        words[index >> 6] = word | bit
        return true
    }
}
