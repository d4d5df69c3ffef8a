/// Conditions on dates and numbers ("in March 2023", "more than 5 minutes", "10 or more
/// albums"), and absences ("no albums", "never sold").
extension Reading {
    // MARK: Dates

    mutating func readDate(_ i: Int, _ w: String) -> Int? {
        // "in March 2023", "March 2023", "in March".
        if let month = Lexicon.months[w], w.count > 3 || tokens[i].capitalized {
            var last = i
            var from: (Int, Int)?
            var to: (Int, Int)?
            if let year = tokens[safe: i + 1]?.number, isYear(year) {
                from = (Int(year), month)
                to = month == 12 ? (Int(year) + 1, 1) : (Int(year), month + 1)
                last = i + 1
            }
            var first = i
            let before = previous(i).flatMap(word)
            if let p = previous(i), ["in", "during", "of", "for", "after", "since", "before", "until", "till", "by"].contains(before ?? "") { first = p }
            if let start = from, let end = to {
                // "after March 2023" starts with April; "before March 2023" ends with February.
                switch before {
                case "after": from = end; to = nil
                case "since": to = nil
                case "before", "by": from = nil; to = start
                case "until", "till": from = nil
                default: break
                }
                // "from March 2023 onwards": that month and every one after it.
                if from != nil, let onward = onwardLength(after: last) { to = nil; last += onward }
                intents.append(Intent(kind: .dates(from: from.map { ($0.0, $0.1) }, to: to.map { ($0.0, $0.1) }, wording: text(first...last)), at: first))
                _ = (start, end)
            } else {
                intents.append(Intent(kind: .month(month), at: first))
            }
            consumed.formUnion(first...last)
            return last
        }
        // "in the 1980s": a decade.
        if Self.datePrepositions.contains(w), let n = following(i, skipping: ["the"]), let decade = Self.decade(tokens[n].lower) {
            intents.append(Intent(kind: .dates(from: (decade.year, 1), to: (decade.year + decade.years, 1), wording: text(i...n)), at: i))
            consumed.formUnion(i...n)
            return n
        }
        guard Self.datePrepositions.contains(w) || w == "year", let n = tokens[safe: i + 1], isYear(n.number), let year = n.number.map({ Int($0) }) else {
            return nil
        }
        if w == "by" && groupCues.contains(i) == false { return nil }
        var from: (Int, Int)?
        var to: (Int, Int)?
        var last = i + 1
        switch w {
        case "after": from = (year + 1, 1)
        case "since": from = (year, 1)
        case "before", "by": to = (year, 1)
        case "until", "till": to = (year + 1, 1)
        case "between", "from":
            if let joiner = word(i + 2), ["and", "to", "through", "until", "till"].contains(joiner),
               let end = tokens[safe: i + 3], isYear(end.number), let endYear = end.number.map({ Int($0) }) {
                from = (min(year, endYear), 1)
                to = (max(year, endYear) + 1, 1)
                last = i + 3
            } else if w == "from" {
                from = (year, 1)
                to = (year + 1, 1)
            } else {
                return nil
            }
        default:
            from = (year, 1)
            to = (year + 1, 1)
            // "in 2023 or later", "in 2019 or earlier": the year and every one after (or before) it.
            if word(i + 2) == "or", let open = word(i + 3), ["later", "after", "since", "onwards", "earlier", "before"].contains(open) {
                if ["earlier", "before"].contains(open) { from = nil } else { to = nil }
                last = i + 3
            }
        }
        // "from 2022 onwards", "2021 onward": that year and every one after it.
        if from != nil, let onward = onwardLength(after: last) { to = nil; last += onward }
        var first = i
        if w == "in" || w == "of", let p = previous(i), word(p) == "year" { first = p }
        var intent = Intent(kind: .dates(from: from.map { ($0.0, $0.1) }, to: to.map { ($0.0, $0.1) }, wording: text(first...last)), at: first)
        // "hired after 2003": the date column the word before names.
        if let p = previous(first, skipping: ["the", "a", "an", "was", "were", "is", "are"]), let k = spanEnding(p),
           spans[k].columns.contains(where: { [.date, .year].contains(graph.column($0).kind) }) {
            intent.columnSpan = k
            used.insert(k)
        }
        intents.append(intent)
        consumed.formUnion(first...last)
        return last
    }

    /// Words after a date that open its range towards the future: "onwards", "to date", "until now".
    static let onwardPhrases: [[String]] = [
        ["onwards"], ["onward"], ["forward"], ["forwards"], ["to", "date"], ["till", "date"], ["to", "now"], ["until", "now"],
        ["till", "now"], ["to", "today"], ["until", "today"], ["to", "the", "present"], ["until", "the", "present"], ["up", "to", "now"],
        ["up", "to", "today"], ["and", "later"], ["and", "after"],
    ]

    /// How many words after `last` open the date read there towards the future, if any do.
    func onwardLength(after last: Int) -> Int? {
        Self.onwardPhrases.filter { phrase in phrase.indices.allSatisfy { word(last + 1 + $0) == phrase[$0] } }.map(\.count).max()
    }

    func text(_ range: ClosedRange<Int>) -> String { tokens[range].map(\.text).joined(separator: " ") }

    /// The first year and the length of a decade written "1980s", or of a century written "1800s".
    static func decade(_ word: String) -> (year: Int, years: Int)? {
        guard word.count == 5, word.hasSuffix("0s"), let year = Int(word.dropLast()), (1000...2990).contains(year) else { return nil }
        // "the 1800s" is the nineteenth century; "the 2000s" is read as the decade, as people mostly mean it.
        return (year, year % 100 == 0 && year % 1000 != 0 ? 100 : 10)
    }

    // MARK: Numbers

    /// A number after a comparison word, with its unit; "more than 10 albums" counts rows.
    mutating func readComparison(_ i: Int, _ w: String) throws -> Int? {
        var op: String?
        var numberAt = i + 1
        var hint = Lexicon.comparativeHints[w]
        if w == "than" { return nil }
        if word(i + 1) == "than", let verb = verbHint(i, w) { hint = verb }
        if let next = readCountAgainstAverage(i, w) { return next }
        // "more Oscars than the average film": the compared column, named between the comparative and "than".
        var named = comparedColumnBeforeThan(i, w)
        if let named {
            op = Lexicon.comparatives[w]
            numberAt = (thanAfterColumn(named) ?? spans[named].range.upperBound) + 1
            used.insert(named)
            takePerTable(after: named)
        } else if let symbol = Lexicon.comparatives[w], adverbialAggregates[i + 1] != nil, word(i + 3) == "than" {
            // "spent more in total than", "longer on average than".
            op = symbol
            numberAt = i + 4
        } else if let symbol = Lexicon.comparatives[w], word(i + 1) == "than" {
            op = symbol
            numberAt = i + 2
            // "greater than or equal to 95".
            if word(i + 2) == "or", ["equal", "equals"].contains(word(i + 3) ?? "") {
                op = symbol + "="
                numberAt = word(i + 4) == "to" ? i + 5 : i + 4
            }
        } else if ["more", "fewer", "less"].contains(w), let k = spanStarting(i + 1), word(spans[k].range.upperBound) == "than",
                  spans[k].columns.contains(where: { graph.column($0).kind == .numeric && !graph.column($0).isKey }) {
            op = Lexicon.comparatives[w]
            numberAt = spans[k].range.upperBound + 1
            named = k
        } else if (w == "more" || w == "less"), ["expensive", "costly"].contains(word(i + 1) ?? ""), word(i + 2) == "than" {
            op = w == "more" ? ">" : "<"
            hint = "priciest"
            numberAt = i + 3
        } else if ["over", "above", "exceeding", "exceeds", "exceed", "beyond", "under", "below"].contains(w),
                  tokens[safe: i + 1]?.number != nil || following(i).map(skippingBusinessNoun).map({ ["average", "avg", "mean"].contains(word($0) ?? "") }) == true {
            op = Lexicon.comparatives[w]
        } else if w == "at", let next = word(i + 1), next == "least" || next == "most" {
            op = next == "least" ? ">=" : "<="
            numberAt = i + 2
        } else if ["exactly", "equal", "equals"].contains(w) {
            numberAt = word(i + 1) == "to" ? i + 2 : i + 1
            op = "="
        } else if w == "between", let low = tokens[safe: i + 1]?.number, word(i + 2) == "and", let high = tokens[safe: i + 3]?.number {
            let unit = tokens[safe: i + 4].flatMap { Lexicon.units[$0.lower] }
            // "playlists that have between 20 and 100 tracks": rows of a related table, counted, within both bounds.
            if unit == nil, let k = spanStarting(i + 4), let table = spans[k].table {
                used.insert(k)
                intents.append(Intent(kind: .havingCount(table: table, op: ">=", value: min(low, high)), at: i, tableSpan: k))
                intents.append(Intent(kind: .havingCount(table: table, op: "<=", value: max(low, high)), at: i + 2, tableSpan: k))
                consumed.formUnion(i...(i + 3))
                return spans[k].range.upperBound - 1
            }
            var intent = Intent(kind: .between(min(low, high), max(low, high), unit: unit), at: i)
            attachComparisonColumn(&intent, before: i, after: i + (unit == nil ? 4 : 5))
            intents.append(intent)
            consumed.formUnion(i...(i + (unit == nil ? 3 : 4)))
            return i + (unit == nil ? 3 : 4)
        }
        guard var symbol = op else { return nil }
        // "no more than 5": at most.
        if let p = previous(i), Self.negations.contains(word(p) ?? "") {
            symbol = ["<": ">=", ">": "<=", ">=": "<", "<=": ">", "=": "<>"][symbol] ?? symbol
            negationAt.removeAll { $0 == p }
        }
        if tokens[safe: numberAt]?.number == nil, let next = readExtremeComparison(i, op: symbol, hint: hint, after: numberAt, named: named) { return next }
        // "longer than the average track", "more than the average".
        if let n = following(numberAt - 1, skipping: ["the", "an", "a", "our", "its", "their"]).map(skippingBusinessNoun), ["average", "avg", "mean"].contains(word(n) ?? "") {
            var intent = Intent(kind: .compareToAverage(op: symbol, hint: hint), at: i)
            if let k = named ?? columnSpan(before: i) { intent.columnSpan = k; used.insert(k) }
            var j = n + 1
            if let k = spanStarting(j) {
                if !spans[k].columns.isEmpty {
                    // "above the average price": the column after "average" is the compared one.
                    if intent.columnSpan == nil || spans[k].strength > spans[intent.columnSpan!].strength { intent.columnSpan = k }
                    used.insert(k)
                } else if spans[k].table != nil { intent.tableSpan = k }
                j = spans[k].range.upperBound
                if let k2 = spanStarting(j), spans[k2].table != nil, intent.tableSpan == nil { intent.tableSpan = k2; j = spans[k2].range.upperBound }
            }
            markGroupAggregate(&intent)
            if let adverb = claimAdverb(from: i, to: numberAt) {
                intent.aggregate = adverb.function
                // "whose songs are on average longer than the average song": the songs named twice are one table.
                if let t = adverb.table, let a = intent.tableSpan, spans[t].table == spans[a].table { used.insert(t) }
            }
            j = readAverageScope(&intent, from: j)
            intents.append(intent)
            consumed.formUnion(i..<min(j, tokens.count))
            if let t = intent.tableSpan { used.insert(t) }
            return j - 1
        }
        if tokens[safe: numberAt]?.number == nil, let n = following(numberAt - 1, skipping: ["the", "a", "an"]), let k = spanStarting(n),
           case let .value(text, holders) = spans[k].meaning {
            // "heavier than iron", "more expensive than 'Titanic'": the compared column of that row.
            var intent = Intent(kind: .compareToRow(op: symbol, hint: hint, value: text, holders: holders), at: i)
            if let c = named ?? columnSpan(before: i) { intent.columnSpan = c; used.insert(c) }
            intents.append(intent)
            consumed.formUnion(i..<spans[k].range.upperBound)
            return spans[k].range.upperBound - 1
        }
        // "less than a dollar", "more than an hour": one of the unit.
        if ["a", "an"].contains(word(numberAt) ?? ""), let unit = tokens[safe: numberAt + 1].flatMap({ Lexicon.units[$0.lower] }) {
            var intent = Intent(kind: .compare(op: symbol, value: 1, unit: unit, hint: hint), at: i)
            attachComparisonColumn(&intent, before: i, after: numberAt + 2)
            intents.append(intent)
            consumed.formUnion(i...(numberAt + 1))
            return numberAt + 1
        }
        guard let value = tokens[safe: numberAt]?.number else { return nil }
        var last = numberAt
        var unit: Lexicon.Unit?
        if let u = tokens[safe: numberAt + 1].flatMap({ Lexicon.units[$0.lower] }) {
            unit = u
            last = numberAt + 1
            // "300000 milliseconds" is the number's unit, not the Milliseconds column asked for.
            if let k = spanCovering(last) { used.insert(k) }
        } else if word(numberAt + 1) == "square", let u = tokens[safe: numberAt + 2].flatMap({ Lexicon.squareUnits[$0.lower] }) {
            // "100 square kilometers": an area.
            unit = u
            last = numberAt + 2
            for j in (numberAt + 1)...last { if let k = spanCovering(j) { used.insert(k) } }
        }
        if tokens[numberAt].currency { unit = Lexicon.Unit(dimension: .money, factor: 1) }
        // "more than 5 million people": a head count, where no table holds people.
        if unit == nil, ["people", "persons", "inhabitants", "residents"].contains(word(last + 1) ?? ""),
           spanStarting(last + 1).flatMap({ spans[$0].table }) == nil {
            hint = "populous"
            last += 1
        }
        // "5 or more": the number came first.
        consumed.formUnion(i...last)
        // "rented from us more than 14 times": the rows of the table the verb names, counted.
        if unit == nil, word(last + 1) == "times", let table = try tableOfVerb(before: i) ?? Optional(tableCountedInTimes(before: i)) {
            consumed.insert(last + 1)
            intents.append(Intent(kind: .havingCount(table: table, op: symbol, value: value), at: i))
            return last + 1
        }
        // "at least three other courses": the rows of the subject's own table, counted.
        let other = word(last + 1) == "other" ? last + 1 : nil
        if let k = spanStarting((other ?? last) + 1), let table = spans[k].table, unit == nil {
            // "more than 10 albums": rows of a related table, counted.
            used.insert(k)
            if let other { consumed.insert(other) }
            intents.append(Intent(kind: .havingCount(table: table, op: symbol, value: value), at: i, tableSpan: k))
            return spans[k].range.upperBound - 1
        }
        var intent = Intent(kind: .compare(op: symbol, value: value, unit: unit, hint: hint), at: i)
        attachComparisonColumn(&intent, before: i, after: last + 1)
        if let named { intent.columnSpan = named; used.insert(named) }
        // "an average box office above 200 million": the comparison is on the aggregate.
        if let k = intent.columnSpan, let found = aggregateWord(before: k), let function = Self.aggregates[word(found.at) ?? ""] {
            let p = found.at
            used.formUnion(found.qualifiers)
            intent.aggregate = function
            consumed.insert(p)
            releaseAggregate(at: p)
        }
        // "albums whose songs are on average longer than 5 minutes": each album's average of its songs' column.
        if intent.aggregate == nil, let adverb = claimAdverb(from: i, to: numberAt),
           // "spent in total more than 40": money compared is summed per subject row already.
           !(adverb.function == "SUM" && intent.columnSpan == nil && (moneyAt != nil || quantityAt != nil)) {
            intent.aggregate = adverb.function
            if let t = adverb.table, intent.tableSpan == nil { intent.tableSpan = t; used.insert(t) }
        }
        intents.append(intent)
        return last
    }

    /// The column of a comparison: named just before the comparison word or just after the number.
    mutating func attachComparisonColumn(_ intent: inout Intent, before: Int, after: Int) {
        if let k = columnSpan(before: before) {
            intent.columnSpan = k
            used.insert(k)
            return
        }
        if let n = tokens.indices.contains(after) ? (word(after).map { ["in", "of", "the", "on"].contains($0) } == true ? following(after, skipping: ["in", "of", "the", "on", "a"]) : after) : nil,
           let k = spanStarting(n), !spans[k].columns.isEmpty {
            intent.columnSpan = k
            used.insert(k)
            consumed.formUnion(after..<n)
            return
        }
        if let p = previous(before, skipping: Self.attachFillers), let k = spanEnding(p), spans[k].table != nil {
            intent.tableSpan = k
        }
    }

    // MARK: Absences

    /// "artists with no albums", "tracks that were never sold", "customers without orders".
    /// A yes/no column a negated word names ("not discontinued"), or a date column named by the
    /// participle itself ("not shipped" and shipped_date): the row's own state.
    func stateColumn(_ k: Int) -> ColumnRef? {
        let stem = tokens[spans[k].range.lowerBound].stem
        let participle = spans[k].range.count == 1 && tokens[spans[k].range.lowerBound].lower.hasSuffix("ed")
        return spans[k].columns.first { ref in
            let column = graph.column(ref)
            return !column.isKey && (column.flag != nil || participle && column.kind == .date && column.words.first == stem)
        }
    }

    mutating func readAbsences() {
        for at in negationAt {
            var j = at + 1
            var verb: String?
            while j < tokens.count, j <= at + 5 {
                if let k = spanStarting(j), let table = spans[k].table {
                    used.insert(k)
                    // "never booked a single room": the verb names the table of events; the table after it is their object.
                    if let object = objectOfEventTable(k) { used.insert(object) }
                    intents.append(Intent(kind: .absence(table: table, verb: verb), at: at, tableSpan: k))
                    consumed.insert(at)
                    break
                }
                // "never made a horror movie": a value before the table belongs to what is absent.
                if let k = spanStarting(j), spans[k].isValue {
                    j = spans[k].range.upperBound
                    continue
                }
                // "products not discontinued", "orders not yet shipped": the rows' own yes/no column, or
                // the date the verb names (shipped_date) left empty, not a related table's rows.
                // "never booked a single shipment": a participle with a table as its object is a verb, not its own date column.
                if verb == nil, let k = spanStarting(j), let state = stateColumn(k), !participleHasObject(k) {
                    intents.append(Intent(kind: graph.column(state).flag != nil ? .flag(state, negated: true) : .present(state, negated: true),
                                          at: at, columnSpan: k))
                    used.insert(k)
                    consumed.insert(at)
                    negationAt.removeAll { $0 == at }
                    break
                }
                // "students who have not declared a major": after a verb, the column its object names is left empty.
                if verb != nil, let k = spanStarting(j), !used.contains(k), !(word(j)?.hasSuffix("ed") ?? false),
                   let column = spans[k].columns.first(where: { !graph.column($0).isPrimaryKey && (graph.column($0).isForeignKey || graph.column($0).kind == .text) }) {
                    intents.append(Intent(kind: .present(column, negated: true), at: at, columnSpan: k))
                    used.insert(k)
                    consumed.insert(at)
                    negationAt.removeAll { $0 == at }
                    verb = nil
                    break
                }
                // "tracks with no composer": a column the rows leave empty, read with the roles.
                if let k = spanStarting(j), !spans[k].columns.isEmpty, !(word(j)?.hasSuffix("ed") ?? false) { break }
                if let w = word(j) {
                    // "don't have a company listed": "have" only carries the negation to what follows.
                    if !["have", "has", "had"].contains(w), Lexicon.neutralVerbs.contains(tokens[j].stem) || w.hasSuffix("ed") { verb = verb ?? tokens[j].stem; consumed.insert(j) }
                    else if !["any", "a", "an", "the", "been", "be", "yet", "ever", "in", "on", "at", "to", "for", "of", "with", "t", "have", "has", "had",
                              "do", "did", "does", "single", "one"].contains(w) { break }
                }
                j += 1
            }
            if !intents.contains(where: { $0.at == at }), let verb {
                intents.append(Intent(kind: .absence(table: nil, verb: verb), at: at))
                consumed.insert(at)
            }
        }
    }
}
