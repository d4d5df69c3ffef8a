/// Parts of a year as people write them ("in Q3 2023", "2024 Q1", "the first quarter of 2024",
/// "the second half of 2023", "H1 2024"), read as the months they cover; and dates said against
/// today ("last year", "this month", "3 days ago"), which the planner refuses, since it reads no
/// clock and would otherwise answer about every row.
extension Reading {
    /// Ordinals of a quarter or a half; "last" and "final" are the year's last one.
    private static let periodOrdinals: [String: Int] = [
        "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 0, "final": 0,
    ]

    /// Prepositions before a period that keep the rows inside it, or open or close a range at it.
    private static let periodPrepositions: Set<String> = ["in", "during", "for", "over", "throughout", "within", "of", "since", "after", "before", "until", "till", "from"]

    /// A part of a year starting at `i`: its first and past-the-end month, and its last token.
    private func periodOfYear(_ i: Int) -> (from: (Int, Int), to: (Int, Int), last: Int)? {
        func year(_ j: Int) -> Int? { tokens[safe: j]?.number.flatMap { isYear($0) ? Int($0) : nil } }
        func span(_ part: Int, of length: Int, in year: Int) -> (Int, Int, Int, Int) {
            let first = (part - 1) * length + 1
            let end = first + length
            return end > 12 ? (year, first, year + 1, 1) : (year, first, year, end)
        }
        func coded(_ j: Int) -> (part: Int, length: Int)? {
            guard let token = tokens[safe: j], !token.quoted, token.number == nil, token.lower.count == 2,
                  let digit = token.lower.last?.wholeNumberValue else { return nil }
            if token.lower.first == "q", (1...4).contains(digit) { return (digit, 3) }
            if token.lower.first == "h", (1...2).contains(digit) { return (digit, 6) }
            return nil
        }
        // "Q3 2023", "Q3 of 2023", "H1 2024".
        if let (part, length) = coded(i) {
            let yearAt = word(i + 1) == "of" ? i + 2 : i + 1
            if let y = year(yearAt) {
                let s = span(part, of: length, in: y)
                return ((s.0, s.1), (s.2, s.3), yearAt)
            }
        }
        // "2024 Q1".
        if let y = year(i), let (part, length) = coded(i + 1) {
            let s = span(part, of: length, in: y)
            return ((s.0, s.1), (s.2, s.3), i + 1)
        }
        // "the first quarter of 2024", "the second half of 2023", "the last quarter of 2022".
        // The ordinal as typed: "third" may also be a stored value ("Third" floor), which the period outweighs.
        func plain(_ j: Int) -> String? { tokens[safe: j].flatMap { $0.quoted || $0.number != nil ? nil : $0.lower } }
        let at = plain(i) == "the" ? i + 1 : i
        if let ordinal = plain(at).flatMap({ Self.periodOrdinals[$0] }), let noun = plain(at + 1), ["quarter", "half"].contains(noun) {
            let yearAt = word(at + 2) == "of" ? at + 3 : at + 2
            guard let y = year(yearAt) else { return nil }
            let length = noun == "quarter" ? 3 : 6
            let part = ordinal == 0 ? 12 / length : ordinal
            guard part <= 12 / length else { return nil }
            let s = span(part, of: length, in: y)
            return ((s.0, s.1), (s.2, s.3), yearAt)
        }
        return nil
    }

    /// Reads a part of a year at `i` as a range of months; returns the last index read.
    mutating func readPeriodOfYear(_ i: Int, _ w: String) -> Int? {
        let before = Self.periodPrepositions.contains(w) ? w : nil
        let start = before == nil ? i : i + 1
        guard let period = periodOfYear(start) else { return nil }
        var from: (Int, Int)? = period.from
        var to: (Int, Int)? = period.to
        switch before {
        case "since", "from": to = nil
        case "after": from = period.to; to = nil
        case "before": from = nil; to = period.from
        case "until", "till": from = nil
        default: break
        }
        var intent = Intent(kind: .dates(from: from.map { ($0.0, $0.1) }, to: to.map { ($0.0, $0.1) }, wording: text(i...period.last)), at: i)
        // "shipped in Q2 2024": the date column the word before names.
        if let p = previous(i, skipping: ["the", "a", "an", "was", "were", "is", "are"]), let k = spanEnding(p),
           spans[k].columns.contains(where: { graph.column($0).kind == .date }) {
            intent.columnSpan = k
            used.insert(k)
        }
        intents.append(intent)
        consumed.formUnion(i...period.last)
        return period.last
    }

    /// Words that place a period against today: "this", "last", "next", "past" before a unit of the calendar.
    private static let relativeDeterminers: Set<String> = ["this", "last", "next", "past", "previous", "prior", "coming", "current", "upcoming"]
    /// Units of the calendar a relative date counts in.
    private static let calendarUnits: Set<String> = [
        "year", "years", "month", "months", "week", "weeks", "quarter", "quarters", "day", "days", "fortnight", "decade", "season",
        "weekend", "hour", "hours",
    ]

    /// Refuses a date said against today ("last year", "this month", "the past 30 days", "3 weeks
    /// ago", "yesterday", "year to date", "recently"): without a clock, read as nothing it would
    /// answer about every row. "The last quarter of 2022" and "most recently" name no such date.
    func refuseRelativeDates() throws {
        for i in tokens.indices {
            guard let w = word(i), !consumed.contains(i) || w == "last" else { continue }
            var relative = ["yesterday", "tomorrow", "tonight", "ytd", "mtd"].contains(w)
                || w == "ago" && i > 0
                || ["recently", "lately"].contains(w) && !["most", "least", "more", "less"].contains(word(i - 1) ?? "")
                || w == "to" && word(i + 1) == "date" && ["year", "month", "quarter", "week"].contains(word(i - 1) ?? "")
            if Self.relativeDeterminers.contains(w) {
                var j = i + 1
                if tokens[safe: j]?.number != nil { j += 1 }
                if let unit = word(j), Self.calendarUnits.contains(unit), word(j + 1) != "of", !tokens[j].quoted {
                    relative = true
                }
            }
            if relative {
                throw Refusal("it cannot read a date said against today (\"\(tokens[max(0, i - 1)...min(tokens.count - 1, i + 1)].map(\.text).joined(separator: " "))\") without knowing the date")
            }
        }
    }
}
