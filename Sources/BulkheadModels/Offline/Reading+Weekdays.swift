/// Days of the week: "placed on a Saturday", "on weekends", "bookings made on Mondays". The
/// condition keeps the rows whose date falls on those days (0 is Sunday, as SQLite's `%w` and
/// PostgreSQL's `DOW` count).
extension Reading {
    static let weekdays: [String: Int] = ["sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6]

    /// Words of a weekly schedule before a day: what is so on that day each week.
    static let scheduleWords: Set<String> = ["open", "closed", "busy", "available", "free", "work", "works", "working", "staffed", "shut"]

    /// The days a word names: a weekday (singular or plural), the weekend or the working week.
    static func days(named w: String) -> [Int]? {
        let singular = w.hasSuffix("s") ? String(w.dropLast()) : w
        if let day = weekdays[singular] { return [day] }
        if singular == "weekend" { return [0, 6] }
        if singular == "weekday" { return [1, 2, 3, 4, 5] }
        return nil
    }

    /// Reads "on a Saturday", "at weekends", "on weekdays" at `i`; the last index taken, or nil.
    mutating func readWeekday(_ i: Int, _ w: String) throws -> Int? {
        guard let days = Self.days(named: w) else { return nil }
        var first = i
        if let p = previous(i, skipping: ["the", "a", "an"]), ["on", "at", "over", "during"].contains(word(p) ?? "") { first = p }
        // "branches open on Sundays", "mechanics who work weekends": a weekly schedule, which no
        // date of the rows records; the date a branch opened falling on a Sunday answers another question.
        if let p = previous(first, skipping: ["the", "a", "an"]), let verb = word(p), Self.scheduleWords.contains(verb) {
            throw Refusal("nothing in the schema records which days things are \(verb)")
        }
        intents.append(Intent(kind: .weekday(days), at: first))
        consumed.formUnion(first...i)
        return i
    }
}
