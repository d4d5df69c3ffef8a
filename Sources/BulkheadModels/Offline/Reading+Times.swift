/// Conditions on one day and on a time of day: "on January 1st, 2015", "the 3rd of May 2015",
/// "on 2015-01-01", "after 10 pm", "before noon", "between 11 am and 2 pm". A day needs its year
/// (a day of every year is no range of dates); a time of day meets only a column whose values are
/// times ("11:38:36"), never a full timestamp, so a question about hours refuses where none is kept.
extension Reading {
    /// The prepositions that may open a day or a time, and how they bound it.
    static let timePrepositions: Set<String> = ["on", "at", "after", "since", "from", "before", "until", "till", "by", "between"]

    /// Reads a day or a time of day starting at `i`; returns the last index read.
    mutating func readDayOrTime(_ i: Int, _ w: String) -> Int? {
        if let read = readTimeOfDay(i, w) { return read }
        return readDay(i, w)
    }

    // MARK: Days

    private mutating func readDay(_ i: Int, _ w: String) -> Int? {
        // "between 2015-03-01 and 2015-03-31": both days included.
        if w == "between", let (first, end) = dayAt(i + 1), word(end + 1) == "and", let (second, last) = dayAt(end + 2) {
            let (from, to) = first <= second ? (first, second) : (second, first)
            intents.append(Intent(kind: .day(from: from, to: Self.dayAfter(to), wording: text(i...last)), at: i))
            consumed.formUnion(i...last)
            return last
        }
        let opens = Self.timePrepositions.contains(w) && w != "between"
        let start = opens ? i + (word(i + 1) == "the" ? 2 : 1) : (w == "the" ? i + 1 : i)
        guard let (day, last) = dayAt(start) else { return nil }
        let first = opens || w == "the" ? i : start
        let next = Self.dayAfter(day)
        var from: (Int, Int, Int)? = day
        var to: (Int, Int, Int)? = next
        switch opens ? w : "on" {
        case "after": from = next; to = nil
        case "since", "from": to = nil
        case "before": from = nil; to = day
        case "until", "till", "by": from = nil
        default: break
        }
        intents.append(Intent(kind: .day(from: from, to: to, wording: text(first...last)), at: first))
        consumed.formUnion(first...last)
        return last
    }

    /// A day with its year at `i`: "January 1st, 2015", "1st of January 2015", "1 January 2015", "2015-01-01".
    func dayAt(_ i: Int) -> (day: (Int, Int, Int), last: Int)? {
        guard tokens.indices.contains(i) else { return nil }
        let valid = { (y: Int, m: Int, d: Int) -> (Int, Int, Int)? in
            (1...12).contains(m) && d >= 1 && d <= Self.daysIn(month: m, year: y) ? (y, m, d) : nil
        }
        // "2015-01-01": a year, then a month and a day written with two digits each.
        if isYear(tokens[i].number), let y = tokens[i].number.map({ Int($0) }), i + 2 < tokens.count,
           tokens[i + 1].text.count == 2, tokens[i + 2].text.count == 2,
           let m = tokens[i + 1].number.map({ Int($0) }), let d = tokens[i + 2].number.map({ Int($0) }), let day = valid(y, m, d) {
            return (day, i + 2)
        }
        // "January 1st, 2015", "Jan 1 2015".
        if let m = Lexicon.months[tokens[i].lower], tokens[i].capitalized, let d = dayNumber(i + 1),
           let y = tokens[safe: i + 2]?.number, isYear(y), let day = valid(Int(y), m, d) {
            return (day, i + 2)
        }
        // "Valentine's Day 2015", "New Year's Eve 2014": a holiday on a fixed date, with its year.
        if let (phrase, (m, d)) = Self.fixedHolidays.first(where: { phrase, _ in
            tokens.count > i + phrase.count && tokens[i..<(i + phrase.count)].map(\.lower) == phrase && !tokens[i].quoted
        }), let y = tokens[i + phrase.count].number, isYear(y), let day = valid(Int(y), m, d) {
            return (day, i + phrase.count)
        }
        // "1st of January 2015", "1 January 2015".
        if let d = dayNumber(i) {
            let monthAt = word(i + 1) == "of" ? i + 2 : i + 1
            if let token = tokens[safe: monthAt], let m = Lexicon.months[token.lower], token.capitalized,
               let y = tokens[safe: monthAt + 1]?.number, isYear(y), let day = valid(Int(y), m, d) {
                return (day, monthAt + 1)
            }
        }
        return nil
    }

    /// A day of the month written "1st", "22nd", "3rd", "4th" or "15".
    func dayNumber(_ i: Int) -> Int? {
        guard let token = tokens[safe: i], !token.quoted else { return nil }
        if let n = token.number { return n == n.rounded() && (1...31).contains(n) ? Int(n) : nil }
        let digits = token.lower.prefix { $0.isNumber }
        guard !digits.isEmpty, ["st", "nd", "rd", "th"].contains(String(token.lower.dropFirst(digits.count))), let n = Int(digits) else { return nil }
        return (1...31).contains(n) ? n : nil
    }

    /// Holidays whose date is the same every year, as the question's tokens spell them ("Valentine's"
    /// is "valentine", "s"). Movable feasts (Easter, Thanksgiving) need a calendar and are not read.
    static let fixedHolidays: [([String], (Int, Int))] = [
        (["new", "year", "s", "day"], (1, 1)), (["new", "year", "s", "eve"], (12, 31)), (["new", "year", "s"], (1, 1)),
        (["valentine", "s", "day"], (2, 14)), (["st", "patrick", "s", "day"], (3, 17)), (["saint", "patrick", "s", "day"], (3, 17)),
        (["halloween"], (10, 31)), (["christmas", "eve"], (12, 24)), (["christmas", "day"], (12, 25)), (["christmas"], (12, 25)),
        (["boxing", "day"], (12, 26)),
    ]

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func dayAfter(_ day: (Int, Int, Int)) -> (Int, Int, Int) {
        let (y, m, d) = day
        if d < daysIn(month: m, year: y) { return (y, m, d + 1) }
        return m == 12 ? (y + 1, 1, 1) : (y, m + 1, 1)
    }

    // MARK: Times of day

    private mutating func readTimeOfDay(_ i: Int, _ w: String) -> Int? {
        guard Self.timePrepositions.contains(w), w != "on", let (seconds, last) = timeAt(i + 1) else { return nil }
        var end = last
        let kind: Intent.Kind
        switch w {
        case "after", "since", "from": kind = .timeOfDay(op: ">=", seconds: seconds, upTo: nil, wording: text(i...last))
        case "before", "until", "till", "by": kind = .timeOfDay(op: "<", seconds: seconds, upTo: nil, wording: text(i...last))
        case "between":
            guard word(last + 1) == "and", let (upper, upperLast) = timeAt(last + 2) else { return nil }
            end = upperLast
            kind = .timeOfDay(op: ">=", seconds: seconds, upTo: upper, wording: text(i...end))
        default: kind = .timeOfDay(op: "=", seconds: seconds, upTo: nil, wording: text(i...last))
        }
        intents.append(Intent(kind: kind, at: i))
        consumed.formUnion(i...end)
        return end
    }

    /// A time of day at `i` in seconds after midnight: "noon", "midnight", "10 pm", "10.30 am", "9:15 pm".
    private func timeAt(_ i: Int) -> (seconds: Int, last: Int)? {
        guard let token = tokens[safe: i], !token.quoted else { return nil }
        if token.lower == "noon" || token.lower == "midday" { return (12 * 3600, i) }
        if token.lower == "midnight" { return (0, i) }
        guard let hour = token.number, hour == hour.rounded(), (1...12).contains(hour) else {
            // "10.5 pm" is no time; "10.30 pm" is read as 10 and 30 minutes.
            guard token.number != nil, token.text.contains("."), let (h, m) = Self.hourAndMinutes(token.text) else { return nil }
            return meridiem(i + 1).map { ((h % 12 + $0) * 3600 + m * 60, i + 1) }
        }
        var minutes = 0
        var at = i + 1
        if let next = tokens[safe: at], next.text.count == 2, let m = next.number, m == m.rounded(), (0...59).contains(m) {
            minutes = Int(m)
            at += 1
        }
        guard let offset = meridiem(at) else { return nil }
        return ((Int(hour) % 12 + offset) * 3600 + minutes * 60, at)
    }

    /// The hours "am" or "pm" add to a twelve-hour clock.
    private func meridiem(_ i: Int) -> Int? {
        switch tokens[safe: i]?.lower {
        case "am": return 0
        case "pm": return 12
        default: return nil
        }
    }

    static func hourAndMinutes(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: ".")
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(h), (0...59).contains(m) else { return nil }
        return (h, m)
    }

    /// Keeps the rows of one day (or from or before it) on a date column.
    mutating func resolveDay(from: (Int, Int, Int)?, to: (Int, Int, Int)?, wording: String, column target: ColumnRef, into plan: inout QueryPlan) throws {
        guard graph.column(target).kind == .date else { throw Refusal("no date column holds a day") }
        if let from { plan.conditions.append(.compare(.column(target), ">=", .date(year: from.0, month: from.1, day: from.2))) }
        if let to { plan.conditions.append(.compare(.column(target), "<", .date(year: to.0, month: to.1, day: to.2))) }
        notes.append("kept \(columnName(target)) \"\(wording)\"")
    }

    /// Keeps the rows whose time of day compares so, on the column that holds times.
    mutating func resolveTime(op: String, seconds: Int, upTo: Int?, wording: String, near: [Int], subject: Int, questionStems: Set<String>,
                              into plan: inout QueryPlan) throws {
        let target = try timeColumn(near: near, subject: subject, questionStems: questionStems)
        plan.conditions.append(.compare(.column(target), op, .text(timeLiteral(seconds, like: target))))
        if let upTo { plan.conditions.append(.compare(.column(target), "<=", .text(timeLiteral(upTo, like: target)))) }
        notes.append("kept \(columnName(target)) \"\(wording)\"")
    }

    /// The column holding a time of day ("11:38:36" or "11:38") of a table near the question.
    func timeColumn(near: [Int], subject: Int, questionStems: Set<String>) throws -> ColumnRef {
        let order = near + graph.tables.indices.sorted { (graph.distance(subject, $0) ?? 99, $0) < (graph.distance(subject, $1) ?? 99, $1) }
        var candidates: [ColumnRef] = []
        for table in order where graph.distance(subject, table) != nil {
            for column in graph.tables[table].columns where !candidates.contains(column.ref) && !column.values.isEmpty
                && column.values.prefix(5).allSatisfy(Self.looksLikeTime) {
                candidates.append(column.ref)
            }
        }
        if let named = candidates.first(where: { graph.column($0).words.contains { questionStems.contains($0) } }) { return named }
        if let first = candidates.first { return first }
        throw Refusal("no column in the schema holds a time of day")
    }

    /// `11:38` or `11:38:36`.
    static func looksLikeTime(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return (2...3).contains(parts.count) && parts.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isNumber) }
    }

    /// A time of day spelled as a column of `column`'s shape spells it.
    func timeLiteral(_ seconds: Int, like column: ColumnRef) -> String {
        let withSeconds = graph.column(column).values.first.map { $0.count > 5 } ?? true
        let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
        return withSeconds ? String(format: "%02d:%02d:%02d", h, m, s) : String(format: "%02d:%02d", h, m)
    }
}
