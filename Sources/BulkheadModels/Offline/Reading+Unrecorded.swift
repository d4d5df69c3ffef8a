/// Questions about an event the schema does not record, which would otherwise read as a question
/// about the row alone because the verb naming the event links things without a condition.
///
/// "How many times has the track Enter Sandman been played?": a count of occurrences asks how
/// often something happened to a row, which only a table of events can answer. Counting the
/// rows that carry the name would answer 1 for any question of that shape, so without such a
/// table read elsewhere (a quantity sold, a child table named) the question is refused.
///
/// "What's the release year of the album Back in Black?": a verb used as a noun before "year"
/// or "date" names a date the schema must hold; nothing read means none is held.
///
/// "How much fuel did each rental use?": an amount of something the schema records only as a kind
/// (a text column such as `fuel_type`) is not held; summing the rows' money instead answers another question.
extension Reading {
    /// Whether the question asks "how many times" or "how often".
    var asksForOccurrences: Bool {
        tokens.indices.contains { i in
            tokens[i].lower == "how" && (word(i + 1) == "often" || word(i + 1) == "many" && word(i + 2) == "times")
        }
    }

    /// Refuses a count of occurrences that would count the very row a name picks out.
    func refuseOccurrencesOfANamedRow(measure: Measure?, base: Int) throws {
        guard asksForOccurrences else { return }
        // "How often has Frank Harris placed an order?" read as no count at all would list the customer.
        guard let measure else { throw Refusal("it cannot tell what to count") }
        guard case let .rows(table) = measure, table == base else { return }
        let labels = Set(graph.labelColumns(of: base))
        let namesARow = spans.contains { span in
            if case let .value(_, holders) = span.meaning { return holders.contains { labels.contains($0) } }
            return false
        }
        if namesARow {
            throw Refusal("it cannot tell which events of the named \(tableName(base)) to count")
        }
    }

    /// Refuses "the release year", "its publication date" and "the year of the album X" when nothing
    /// in the schema read those words: the date asked for would be silently dropped.
    func refuseUnheldEventDate() throws {
        let dateWords: Set<String> = ["year", "years", "date", "dates"]
        for i in tokens.indices.dropLast() where !consumed.contains(i) && spanCovering(i) == nil && Lexicon.neutralVerbs.contains(tokens[i].stem) {
            let next = i + 1
            guard dateWords.contains(tokens[next].lower), !consumed.contains(next), spanCovering(next) == nil else { continue }
            throw Refusal("nothing in the schema, its values or the notes matches \"\(tokens[i].text) \(tokens[next].text)\"")
        }
        for i in tokens.indices.dropFirst().dropLast() where dateWords.contains(tokens[i].lower) && !consumed.contains(i) && spanCovering(i) == nil
            && word(i - 1) == "the" && word(i + 1) == "of" {
            throw Refusal("no date column tells \"the \(tokens[i].text) of\" what it names")
        }
    }

    /// "Which year is the album Let There Be Rock from?": a year asked for, with nothing counted or
    /// ranked, is the date of the rows named; a table without a date of its own cannot give it, and a
    /// count of those rows per year of some other table's date answers another question.
    func refuseYearOfUndatedRows(subject: Int?) throws {
        guard askedDatePart, countAt == nil, aggregate == nil, rank == nil, groupSpans.isEmpty, valueGroupSpans.isEmpty,
              let table = subject ?? valueHeadTable() else { return }
        if !graph.tables[table].columns.contains(where: { [.date, .year].contains($0.kind) }) {
            throw Refusal("no date column of \(tableName(table)) tells its year")
        }
    }

    /// Refuses "sold out" and "fully booked" when nothing read them (a status value would): whether
    /// an event filled its places is a comparison of its sales with its capacity, which no plan here
    /// makes, and dropping the words would count every event.
    func refuseUnheldCapacity() throws {
        for i in tokens.indices.dropLast() where !consumed.contains(i + 1) && spanCovering(i + 1) == nil && spanCovering(i) == nil {
            let pair = (tokens[i].lower, tokens[i + 1].lower)
            guard ["sold", "booked", "sell", "sells"].contains(pair.0) && pair.1 == "out" || pair.0 == "fully" && ["booked", "sold"].contains(pair.1) else { continue }
            throw Refusal("nothing in the schema records whether something was \(pair.0) \(pair.1)")
        }
    }

    /// Refuses "how much X" where X names only text columns: no amount of X is recorded.
    func refuseAmountOfAKind() throws {
        for i in tokens.indices where word(i) == "how" && word(i + 1) == "much" {
            guard let n = following(i + 1, skipping: ["the", "a", "an"]), let k = spanStarting(n), spans[k].table == nil,
                  case let .columns(columns) = spans[k].meaning, !columns.isEmpty,
                  columns.allSatisfy({ graph.column($0).kind == .text }) else { continue }
            throw Refusal("no column holds an amount of \"\(tokens[n].text)\"")
        }
    }
}
