/// Ranges of dates whose year is written once, after the second end: "between March 1 and June
/// 30, 2023", "from 1 March to 31 May 2023", "between June and December 2024". English shares the
/// year between both ends; read end by end, the first end is a month of every year and the second
/// a single day, which answers silently wrong. A range whose first end would fall after its second
/// in the shared year (a year may be meant to change in between) is refused rather than guessed.
extension Reading {
    /// The words that join the two ends of a range.
    static let rangeJoiners: Set<String> = ["and", "to", "through", "thru", "until", "till"]

    /// Reads a range of days or of months opened by "between" or "from" at `i`; returns the last
    /// index read, or nil when no such range starts there.
    mutating func readDateRange(_ i: Int, _ w: String) throws -> Int? {
        guard w == "between" || w == "from" else { return nil }
        let start = word(i + 1) == "the" ? i + 2 : i + 1
        if let read = try readDayRange(i, start) { return read }
        return try readMonthRange(i, start, opensWithBetween: w == "between")
    }

    /// "between March 1 and June 30, 2023", "from 1 March to 31 May 2023", "from 1 March 2023 to
    /// 31 May 2023": both days included.
    private mutating func readDayRange(_ i: Int, _ start: Int) throws -> Int? {
        var first: (Int, Int, Int)
        var joinerAt: Int
        var needsYear = false
        if let (day, last) = dayAt(start) {
            first = day
            joinerAt = last + 1
        } else if let (month, day, last) = dayWithoutYear(start) {
            first = (0, month, day)
            joinerAt = last + 1
            needsYear = true
        } else if let day = dayNumber(start), let joiner = word(start + 1), Self.rangeJoiners.contains(joiner) {
            // "between the 3rd and the 10th of May 2024", "from 3 to 10 May 2024": the second end's month and year.
            first = (0, 0, day)
            joinerAt = start + 1
            needsYear = true
        } else {
            return nil
        }
        guard let joiner = word(joinerAt), Self.rangeJoiners.contains(joiner) else { return nil }
        let secondAt = word(joinerAt + 1) == "the" ? joinerAt + 2 : joinerAt + 1
        guard let (second, last) = dayAt(secondAt) else { return nil }
        if first.1 == 0 {
            guard first.2 <= second.2 else { throw Refusal("the range \"\(text(i...last))\" ends before it starts") }
            first.1 = second.1
        }
        if needsYear {
            guard first.1 < second.1 || first.1 == second.1 && first.2 <= second.2,
                  first.2 <= Self.daysIn(month: first.1, year: second.0) else {
                throw Refusal("it cannot tell in which year \"\(text(start...(joinerAt - 1)))\" falls")
            }
            first.0 = second.0
        }
        guard first <= second else { throw Refusal("the range \"\(text(i...last))\" ends before it starts") }
        appendRange(Intent(kind: .day(from: first, to: Self.dayAfter(second), wording: text(i...last)), at: i), last: last)
        return last
    }

    /// "between June and December 2024", "from June 2023 to March 2024": whole months, both included.
    private mutating func readMonthRange(_ i: Int, _ start: Int, opensWithBetween: Bool) throws -> Int? {
        guard let firstMonth = monthName(start) else { return nil }
        var firstYear: Int?
        var joinerAt = start + 1
        if let year = tokens[safe: start + 1]?.number, isYear(year) {
            firstYear = Int(year)
            joinerAt += 1
        }
        guard let joiner = word(joinerAt), Self.rangeJoiners.contains(joiner), joiner != "and" || opensWithBetween,
              let secondMonth = monthName(joinerAt + 1),
              let year = tokens[safe: joinerAt + 2]?.number, isYear(year) else { return nil }
        let last = joinerAt + 2
        let secondYear = Int(year)
        if firstYear == nil && firstMonth > secondMonth {
            throw Refusal("it cannot tell in which year \"\(text(start...start))\" falls")
        }
        let from = (firstYear ?? secondYear, firstMonth)
        guard from <= (secondYear, secondMonth) else { throw Refusal("the range \"\(text(i...last))\" ends before it starts") }
        let to = secondMonth == 12 ? (secondYear + 1, 1) : (secondYear, secondMonth + 1)
        appendRange(Intent(kind: .dates(from: from, to: to, wording: text(i...last)), at: i), last: last)
        return last
    }

    /// Records a range, kept on the date column the words before it name ("shipped from 1 March
    /// to 31 May 2023": `shipped_on`, not the first date of the row).
    private mutating func appendRange(_ range: Intent, last: Int) {
        var intent = range
        if let p = previous(intent.at, skipping: ["the", "a", "an", "was", "were", "is", "are"]), let k = spanEnding(p),
           spans[k].columns.contains(where: { graph.column($0).kind == .date }),
           // "released between 2007-12-20 and …" where the verb also names a year column: left to the
           // date resolver, which keeps days on a date column.
           !spans[k].columns.contains(where: { graph.column($0).kind == .year }) {
            intent.columnSpan = k
            used.insert(k)
        }
        intents.append(intent)
        consumed.formUnion(intent.at...last)
    }

    /// A month written as a capitalised name ("March", "Sept") or a full name in any case.
    private func monthName(_ i: Int) -> Int? {
        guard let token = tokens[safe: i], !token.quoted, let month = Lexicon.months[token.lower],
              token.capitalized || token.lower.count > 3 && token.lower != "march" else { return nil }
        return month
    }

    /// A day of a month without its year: "March 1", "March 1st", "1 March", "1st of March".
    private func dayWithoutYear(_ i: Int) -> (month: Int, day: Int, last: Int)? {
        if let month = monthName(i), let day = dayNumber(i + 1), day <= Self.daysIn(month: month, year: 2000),
           !isYear(tokens[safe: i + 1]?.number) {
            return (month, day, i + 1)
        }
        if let day = dayNumber(i) {
            let monthAt = word(i + 1) == "of" ? i + 2 : i + 1
            if let month = monthName(monthAt), day <= Self.daysIn(month: month, year: 2000) { return (month, day, monthAt) }
        }
        return nil
    }
}

extension Reading {
    /// Whether "daily", "monthly" or "yearly" at `i` and the word after it spell a column's name
    /// ("daily rate" for `daily_rate`, "monthly fee" for `MonthlyFee`): then the adverb is part of
    /// that name, not a grouping by a part of a date. Read from the schema, as the names are linked
    /// only after the cues.
    func namesColumnWithNext(_ i: Int) -> Bool {
        guard let token = tokens[safe: i], let next = tokens[safe: i + 1], !next.quoted else { return false }
        let adverb = token.stem
        return graph.tables.contains { table in
            table.columns.contains { column in
                let words = column.words
                return zip(words, words.dropFirst()).contains { $0 == adverb && $1 == next.stem }
            }
        }
    }
}
