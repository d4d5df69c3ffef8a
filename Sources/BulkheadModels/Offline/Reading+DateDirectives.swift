/// A directive that picks the date column every date of the question is read on: "Use the issue
/// date.", "using the ship date", "based on the booking date", "going by the payment date". A
/// table often has several dates (issued, due, a period's start); the reader would take the first,
/// while the directive names the one meant, so groupings by year or month and date conditions
/// without a column of their own follow it.
extension Reading {
    /// The words that open a directive, and how many tokens each has.
    private static let directiveOpeners: [[String]] = [
        ["use"], ["using"], ["based", "on"], ["going", "by"], ["according", "to"], ["go", "by"], ["by", "their"], ["by", "its"], ["by"],
    ]

    /// Reads a directive naming one date column; the column's mention and the directive's words are
    /// taken, so they neither list the column nor refuse as unknown.
    mutating func readDateDirective() {
        for i in tokens.indices where !consumed.contains(i) {
            guard let opener = Self.directiveOpeners.first(where: { opener in
                opener.indices.allSatisfy { word(i + $0) == opener[$0] }
            }) else { continue }
            var j = i + opener.count
            while let w = word(j), ["the", "a", "their", "its", "his", "her"].contains(w) { j += 1 }
            guard let k = spanStarting(j), !used.contains(k) else { continue }
            let dates = Set(spans[k].columns.filter { graph.column($0).kind == .date })
            guard dates.count == 1, let date = dates.first else { continue }
            var last = spans[k].range.upperBound - 1
            // "the issue date column", "the ship date field", "the issue date" where only "issue" linked.
            while let w = word(last + 1), ["date", "dates", "column", "field", "day"].contains(w) { last += 1 }
            // "by their ship date" after a grouping by a part of the date is the same directive; a bare
            // "by" grouping ("count the orders by ship date") is left to the groupings.
            if opener.first == "by", dateGroups.isEmpty { continue }
            directedDate = date
            used.insert(k)
            consumed.formUnion(i...last)
            notes.append("read every date on \(columnName(date)), as the question directs")
            return
        }
    }
}
