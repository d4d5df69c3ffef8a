/// Lengths between two dates of a row: "stays longer than a week", "orders that took more than
/// 10 days to ship", "bookings of fewer than 3 nights". Where the row has no duration column but
/// holds a start and an end date, the length is the number of days between them.
extension Reading {
    static let dayUnits: [String: Double] = ["day": 1, "days": 1, "night": 1, "nights": 1, "week": 7, "weeks": 7, "fortnight": 14]

    /// Reads "longer than a week", "more than 10 days", "under 3 nights" at `i`; the last index
    /// taken, or nil when no length in days follows the comparative.
    mutating func readInterval(_ i: Int, _ w: String) -> Int? {
        guard var op = Lexicon.comparatives[w] else { return nil }
        var j = i + 1
        if word(j) == "than" { j += 1 }
        var count: Double?
        if let n = tokens[safe: j]?.number, !tokens[j].currency { count = n } else if ["a", "an", "one"].contains(word(j) ?? "") { count = 1 }
        guard let count, let unit = word(j + 1).flatMap({ Self.dayUnits[$0] }) else { return nil }
        if let p = previous(i), Self.negations.contains(word(p) ?? "") {
            op = ["<": ">=", ">": "<="][op] ?? op
            negationAt.removeAll { $0 == p }
        }
        intents.append(Intent(kind: .interval(op: op, days: count * unit, wording: text(i...(j + 1))), at: i))
        consumed.formUnion(i...(j + 1))
        return j + 1
    }

    /// The start and end dates of the subject's rows (or of a table named beside it): its two
    /// dates, or with more, the first and the one the question's words name ("ship" → `shipped_on`).
    func interval(of tables: [Int], questionStems: Set<String>) throws -> (start: ColumnRef, end: ColumnRef) {
        for table in tables {
            let dates = graph.dateColumns(of: table).filter { !$0.words.contains("birth") }
            if dates.count == 2 { return (dates[0].ref, dates[1].ref) }
            if dates.count > 2 {
                let named = dates.dropFirst().filter { !$0.ownWords.filter { $0.count > 2 }.allSatisfy { !questionStems.contains($0) } }
                guard named.count == 1 else { throw Refusal("it cannot tell between which two dates of \(tableName(table)) the length is measured") }
                return (dates[0].ref, named[0].ref)
            }
        }
        throw Refusal("no row holds a start and an end date to measure a length in days")
    }
}
