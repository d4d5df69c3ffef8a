/// Comparing two columns of the same row: "orders shipped after their required date", "products
/// whose stock is below their reorder point", "movies with more rotten reviews than fresh
/// reviews". The right side is a column the question names after the comparative ("their …",
/// "its …", or the column of "more X than Y"); the left side is a column of the same table and
/// kind named before it (or between "more" and "than"), or a date whose name shares a word with
/// the question before the comparative ("shipped" → `shipped_on`).
extension Reading {
    static let possessives: Set<String> = ["their", "its", "his", "her"]

    /// Reads a comparison of two columns at `i`; the last index taken, or nil when it is not one.
    mutating func readColumnComparison(_ i: Int, _ w: String) -> Int? {
        guard let op = Lexicon.comparatives[w] ?? ["after": ">", "before": "<"][w] else { return nil }
        var j = i + 1
        var between: Int?
        if let k = spanStarting(j), !spans[k].isValue, !used.contains(k), word(spans[k].range.upperBound) == "than" {
            between = k
            j = spans[k].range.upperBound
        }
        if word(j) == "than" { j += 1 }
        var possessive = false
        if let w = word(j), Self.possessives.contains(w) || between != nil && w == "the" { possessive = Self.possessives.contains(w); j += 1 }
        if word(j) == "own" { j += 1 }
        guard possessive || between != nil, let r = spanStarting(j), !spans[r].isValue, !used.contains(r),
              let right = choose(spans[r].columns.filter(isComparable), near: [], strengths: spans[r].columnStrengths) else { return nil }
        let kind = graph.column(right).kind
        func fits(_ ref: ColumnRef) -> Bool { ref != right && ref.table == right.table && graph.column(ref).kind == kind && isComparable(ref) }
        var leftSpan: Int?
        var left: ColumnRef?
        if let k = between {
            left = choose(spans[k].columns.filter(fits), near: [], strengths: spans[k].columnStrengths)
            leftSpan = k
        } else if let k = spans.indices.filter({ spans[$0].range.upperBound <= i && !spans[$0].isValue && !used.contains($0) })
                    .max(by: { spans[$0].range.upperBound < spans[$1].range.upperBound }),
                  let found = choose(spans[k].columns.filter(fits), near: [], strengths: spans[k].columnStrengths) {
            left = found
            leftSpan = k
        } else if kind == .date {
            // "shipped after their required date": the date the verb before the comparative names.
            let said = Set(tokens[..<i].map(\.stem))
            left = graph.tables[right.table].columns.first { fits($0.ref) && !$0.ownWords.filter { $0.count > 2 }.allSatisfy { !said.contains($0) } }?.ref
        }
        guard let left else { return nil }
        var symbol = op
        if let p = previous(i), Self.negations.contains(word(p) ?? "") {
            symbol = ["<": ">=", ">": "<="][symbol] ?? symbol
            negationAt.removeAll { $0 == p }
        }
        intents.append(Intent(kind: .compareColumns(op: symbol, left: left, right: right), at: i))
        used.insert(r)
        if let leftSpan { used.insert(leftSpan) }
        // "their required date": the word "date" after a date column says what it is.
        var end = spans[r].range.upperBound
        if kind == .date, ["date", "dates", "day"].contains(word(end) ?? ""), spanStarting(end) == nil { end += 1 }
        consumed.formUnion(i..<end)
        notes.append("compared \(columnName(left)) with \(columnName(right)) of the same row")
        return end - 1
    }

    /// A column two rows' values can be compared by: a number or a date that is not a key.
    func isComparable(_ ref: ColumnRef) -> Bool {
        let column = graph.column(ref)
        return !column.isKey && (column.kind == .numeric || column.kind == .date)
    }
}
