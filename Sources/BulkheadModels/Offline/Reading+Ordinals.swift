/// Ordinals said of a column that numbers positions: "rooms on the second floor" is `floor = 2`,
/// "matches of the third round" is `round = 3`.
extension Reading {
    /// Ordinal words and the position each names.
    static let ordinals: [String: Double] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
        "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
    ]

    /// Reads an ordinal right before a one-word mention of a plain number column (no unit, no
    /// money, no yes/no, no key) as that column equal to the position; the last index taken, or nil.
    /// Any other ordinal ("the first 5", "first name", "hired first") is left to the other readers.
    mutating func readOrdinal(_ i: Int, _ w: String) -> Int? {
        guard let n = Self.ordinals[w], let k = spanStarting(i + 1), !used.contains(k), spans[k].table == nil,
              !spans[k].isValue, spans[k].range.count == 1, spans[k].columns.count == 1 else { return nil }
        let column = graph.column(spans[k].columns[0])
        guard column.kind == .numeric, !column.isKey, column.unit == nil, !column.isMoney, column.flag == nil else { return nil }
        var intent = Intent(kind: .compare(op: "=", value: n, unit: nil, hint: nil), at: i)
        intent.columnSpan = k
        used.insert(k)
        intents.append(intent)
        consumed.insert(i)
        return spans[k].range.upperBound - 1
    }
}
