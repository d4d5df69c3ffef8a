/// Lengths asked in days between two dates: "how many days does a rental last from pickup to
/// return", "how many days did it take to close issues", "how many days passed between their first
/// and last purchase". The unit after "how many" is no table to count when a verb of duration
/// (last, take, pass, elapse) follows: the answer is the days from a start date to an end date of
/// each row, or from the earliest to the latest date of a group's rows, under the asked aggregate.
extension Reading {
    /// The verbs that say a length of time passes.
    static let durationVerbs: Set<String> = ["last", "lasts", "lasted", "take", "takes", "took", "taken", "pass", "passed",
                                             "elapse", "elapsed", "elapses"]

    /// Reads "how many days … last/take/pass" at `i` ("how"); consumes the words that say the
    /// length and its ends. False (nothing read) when no verb of duration follows.
    mutating func readDurationAsked(_ i: Int) -> Bool {
        guard word(i + 1) == "many", let unitWord = word(i + 2), let unit = Self.dayUnits[unitWord],
              let verb = ((i + 3)..<tokens.count).first(where: { word($0).map(Self.durationVerbs.contains) ?? false }),
              !((i + 3)..<verb).contains(where: { tokens[$0].number != nil }) else { return false }
        durationDays = unit
        consumed.formUnion([i, i + 1, i + 2, verb])
        if word(verb - 1) == "it" { consumed.insert(verb - 1) }
        let j = verb + 1
        switch word(j) {
        case "to" where tokens.indices.contains(j + 1) && (!namesSchema(j + 1) || namesDate(j + 1))
                && word(j + 1).map({ !["the", "a", "an"].contains($0) }) == true:
            // "take to close issues", "take to ship": the event that ends the length, a verb the schema
            // does not name or a date column's word.
            consumed.formUnion([j, j + 1])
        case "from", "between":
            // "from pickup to return": the two dates' own words.
            let joiner = word(j) == "from" ? ["to", "until", "till"] : ["and"]
            var k = j + 1
            if ["their", "its", "the", "his", "her"].contains(word(k) ?? "") { k += 1 }
            if ["first", "earliest"].contains(word(k) ?? ""), word(k + 1).map(joiner.contains) == true,
               ["last", "latest"].contains(word(k + 2) ?? "") || word(k + 2) == "the" && ["last", "latest"].contains(word(k + 3) ?? "") {
                // "between their first and last purchase": the earliest and latest dates of those rows.
                let lastAt = word(k + 2) == "the" ? k + 3 : k + 2
                durationSpanAt = lastAt + 1
                consumed.formUnion(j...lastAt)
            } else if namesDate(k), word(k + 1).map(joiner.contains) == true, namesDate(k + 2) {
                consumed.formUnion(j...(k + 2))
            }
        default: break
        }
        return true
    }

    /// Whether the word at `i` is a word of a date column's name ("pickup" of `pickup_date`).
    private func namesDate(_ i: Int) -> Bool {
        guard let token = tokens[safe: i], !token.quoted, token.number == nil else { return false }
        return graph.tables.contains { table in
            table.columns.contains { $0.kind == .date && $0.words.contains(token.stem) }
        }
    }

    /// Whether the word at `i` is a word of any table's or column's name.
    private func namesSchema(_ i: Int) -> Bool {
        guard let token = tokens[safe: i] else { return false }
        return graph.tables.contains { table in
            table.words.contains(token.stem) || table.columns.contains { $0.words.contains(token.stem) }
        }
    }

    /// The length asked, as a measure: the days between a row's two dates under the question's
    /// aggregate, or from the earliest to the latest date of a group's rows.
    mutating func durationMeasure(subject: Int?) throws -> Measure {
        let unit = durationDays ?? 1
        let scale = { (expr: QueryPlan.Expr) in unit == 1 ? expr : QueryPlan.Expr.scaled(expr, unit) }
        let questionStems = Set(tokens.map(\.stem))
        if let at = durationSpanAt {
            guard aggregate == nil, let k = spanCovering(at), let table = spans[k].table else {
                throw Refusal("it cannot tell whose first and last dates bound the length")
            }
            let dates = graph.dateColumns(of: table).filter { !$0.words.contains("birth") }
            // "their first and last order": the date the noun names (`ordered_on`), else the one the question names.
            let noun = tokens[at].stem
            let ofNoun = dates.filter { $0.words.contains(noun) }
            let named = dates.filter { $0.ownWords.contains { $0.count > 2 && questionStems.contains($0) } }
            guard let date = dates.count == 1 ? dates.first : ofNoun.count == 1 ? ofNoun.first : (named.count == 1 ? named.first : nil) else {
                throw Refusal("it cannot tell which date of \(tableName(table)) bounds the length")
            }
            used.insert(k)
            notes.append("measured the days from the first to the last \(columnName(date.ref))")
            return .expression(function: "DAYS", expr: scale(.daysSpanned(date.ref)), table: table, condition: nil)
        }
        guard let aggregate else { throw Refusal("it cannot tell whether to list or to aggregate the lengths") }
        // "how many days did it take to close issues": with no subject settled, the one table named
        // (or whose columns are named) whose rows hold a start and an end date.
        let graph = self.graph
        let named = Set(spans.indices.filter { !spans[$0].isValue }.flatMap { spans[$0].table.map { [$0] } ?? spans[$0].columns.map(\.table) })
            .filter { graph.dateColumns(of: $0).filter { !$0.words.contains("birth") }.count >= 2 }
        guard let table = subject ?? conditionTable() ?? (named.count == 1 ? named.first : nil) else {
            throw Refusal("it cannot tell whose length is measured")
        }
        let (start, end) = try interval(of: [table], questionStems: questionStems)
        notes.append("measured the days from \(columnName(start)) to \(columnName(end))")
        return .expression(function: aggregate.function, expr: .aggregate(aggregate.function, scale(.daysBetween(start, end))), table: table, condition: nil)
    }

    /// "For each customer, how many days passed between their first and last order": the earliest
    /// and latest dates are of each subject row's own rows, so the length is grouped per subject.
    func groupSpannedBySubject(subject: Int?, measure: Measure?, groups: inout [GroupKey]) {
        guard groups.isEmpty, rank == nil, durationSpanAt != nil, let subject, case let .expression(_, _, table, _)? = measure,
              table != subject, graph.path(from: table, to: subject) != nil else { return }
        groups = [.table(subject)]
    }
}
