/// A fast path for the words of identifiers, which every ask splits for each table and column:
/// names are nearly always ASCII, where the same splitting rules run on bytes at a fraction of
/// the cost of `Character`'s Unicode property tests.
extension SchemaGraph {
    /// `rawWords(of:)` for an ASCII identifier, or nil when it holds other characters.
    static func asciiRawWords(of identifier: String) -> [String]? {
        let bytes = Array(identifier.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        func isLower(_ b: UInt8) -> Bool { b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }
        func isUpper(_ b: UInt8) -> Bool { b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") }
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        var words: [String] = []
        var current: [UInt8] = []
        func flush() {
            guard !current.isEmpty else { return }
            words.append(String(decoding: current.map { isUpper($0) ? $0 + 32 : $0 }, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
        }
        for (index, byte) in bytes.enumerated() {
            guard isLower(byte) || isUpper(byte) || isDigit(byte) else { flush(); continue }
            if let last = current.last {
                let next = index + 1 < bytes.count ? bytes[index + 1] : nil
                let lowerToUpper = isLower(last) && isUpper(byte)
                let acronymEnd = isUpper(last) && isUpper(byte) && (next.map(isLower) ?? false)
                let digitEdge = isDigit(last) != isDigit(byte)
                if lowerToUpper || acronymEnd || digitEdge { flush() }
            }
            current.append(byte)
        }
        flush()
        return words
    }
}
