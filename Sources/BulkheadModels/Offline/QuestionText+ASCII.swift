/// A fast path for the words of stored values, which every ask reads by the thousand: most values
/// are plain ASCII, where splitting bytes gives exactly what `tokenize` gives at a fraction of the
/// cost of its per-`Character` Unicode tests.
extension QuestionText {
    /// The lowercased words of an ASCII value made only of letters, digits and separators that
    /// `tokenize` treats as plain breaks, or nil when the value needs the full tokenizer (quotes,
    /// apostrophes, digit groups, currency signs, non-ASCII text, or a multiplier word such as
    /// "million", which `tokenize` folds into the number before it).
    static func asciiWords(of value: String) -> [String]? {
        var words: [String] = []
        var current: [UInt8] = []
        func flush() {
            guard !current.isEmpty else { return }
            words.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                current.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                current.append(byte + 32)
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "$"), 0x80...0xFF:
                return nil
            default:
                flush()
            }
        }
        flush()
        if words.contains(where: { multipliers[$0] != nil }) { return nil }
        return words
    }
}
