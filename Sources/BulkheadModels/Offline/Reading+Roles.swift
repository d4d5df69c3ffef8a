/// The third pass: the role of each remaining mention. What is counted ("how many X"), what
/// groups ("per X", "by X", "each X"), what a "most" or a "by" ranks by, what an aggregate
/// measures, which columns are asked for, and the subject the rows come from. Then every word
/// must be accounted for.
extension Reading {
    static let groupSkips: Set<String> = ["the", "a", "an", "each", "every", "single", "individual", "their", "its", "all"]

    mutating func assignRoles() {
        // Counted: "how many X", "number of X", "count of X".
        if let at = countAt {
            var j = at + 1
            while j < tokens.count, let w = word(j), consumed.contains(j) || ["the", "a", "an", "of", "distinct", "different", "unique", "separate", "total"].contains(w) { j += 1 }
            if let k = spanStarting(j), !used.contains(k), !spans[k].isValue {
                countSpan = k
                used.insert(k)
            }
        }
        // Measured: the numeric column or term an aggregate names (after it, else anywhere), unless a list of
        // aggregates has named it already ("the lowest, highest and average weight of the fragile parcels").
        if let aggregate, measureSpan == nil {
            let candidates = spans.indices.filter { !used.contains($0) && isMeasure($0, allowDates: ["MIN", "MAX"].contains(aggregate.function)) }
            if let k = candidates.first(where: { spans[$0].range.lowerBound > aggregate.at }) ?? candidates.last {
                measureSpan = k
                used.insert(k)
            }
        }
        // Ranked by: "the most tracks", "by number of albums", "top 5 products by stock".
        if let rank {
            var anchor: Int? = rank.byAt
            if anchor == nil, rank.kind == .most || rank.kind == .superlative && rank.words?.isEmpty == true { anchor = rank.at }
            if rank.kind == .top, let by = groupCues.first(where: { $0 > rank.at && word($0) == "by" }) { anchor = by; self.rank?.byAt = by }
            if let anchor {
                var j = anchor + 1
                while j < tokens.count, let w = word(j), consumed.contains(j) && !Self.negations.contains(w)
                    || ["the", "a", "an", "of", "total", "amount", "number", "in", "most", "highest"].contains(w) { j += 1 }
                if let k = spanStarting(j), !used.contains(k), !spans[k].isValue,
                   rank.kind != .superlative || isMeasure(k, allowDates: true) {
                    rankSpan = k
                    used.insert(k)
                    if let by = self.rank?.byAt { consumed.insert(by) }
                } else if let by = self.rank?.byAt, j == by + 1, spanStarting(j) == nil, let m = moneyAt, m == j {
                    // "top 3 artists by revenue": a word for money ranks by the money of the rows, not a grouping.
                    consumed.formUnion([by, j])
                }
            }
        }
        // Ordered by: "sorted by hire date".
        if let at = orderByAt, let n = following(at, skipping: Self.groupSkips), let k = spanStarting(n), !used.contains(k),
           !spans[k].columns.isEmpty || spans[k].table != nil {
            orderSpan = k
            used.insert(k)
        }
        // "the employees by birth date in descending order": with an order named, "by" orders.
        if orderSpan == nil, orderDescending != nil, countAt == nil, aggregate == nil,
           let by = groupCues.first(where: { word($0) == "by" && !consumed.contains($0) }),
           let n = following(by, skipping: Self.groupSkips), let k = spanStarting(n), !used.contains(k), !spans[k].columns.isEmpty {
            orderSpan = k
            used.insert(k)
            consumed.insert(by)
        }
        // Grouped: "per X", "by X", "each X", "for every X".
        let rowsAsked = asksForRows
        for cue in groupCues where !consumed.contains(cue) {
            guard let n = following(cue, skipping: Self.groupSkips), let k = spanStarting(n) else { continue }
            // "Show each employee's first name", "the code and season of every study": with nothing
            // counted, measured or ranked, "each" names the rows asked for (or a column's values), not groups.
            if rowsAsked, ["each", "every"].contains(word(cue) ?? ""), !spans[k].isValue {
                consumed.insert(cue)
                eachRows = true
                if spans[k].table != nil { eachSubject = eachSubject ?? k }
                // "each element discovered …" linked whole to a column (year_discovered): the table its first word names.
                eachTable = eachTable ?? spans[k].table ?? spans[k].columns.first { graph.tables[$0.table].words.last == tokens[n].stem }?.table
                continue
            }
            guard !used.contains(k) || spans[k].isValue else { continue }
            if spans[k].isValue {
                // "per sales support agent": each row of the value's table that holds it.
                if word(cue) != "by", case .value = spans[k].meaning { valueGroupSpans.append(k); consumed.insert(cue) }
                continue
            }
            if word(cue) == "by", isPassiveBy(cue) { continue }
            // "by the artist AC/DC": a table qualifying a value is a condition, not a grouping.
            // (A value an inclusion phrase drops, "per project, bugs included", qualifies nothing.)
            if spans[k].table != nil, let after = spanStarting(spans[k].range.upperBound),
               spans[after].isValue && exclusionMarks[spans[after].range.lowerBound] != false || isLooseValue(spans[k].range.upperBound)
                || word(spans[k].range.upperBound) == "named" || word(spans[k].range.upperBound) == "called" { continue }
            groupSpans.append(k)
            used.insert(k)
            consumed.insert(cue)
        }
        // The subject: the first table named and not yet given a role; a value's table counts last.
        let qualifierTables = Set(intents.compactMap(\.tableSpan))
        let free = spans.indices.filter { !used.contains($0) && spans[$0].table != nil }
        subjectSpan = free.first { !qualifierTables.contains($0) } ?? free.first
        // "the genre of each track": the rows are the tracks; the genre before them is asked for (its name).
        if let each = eachSubject, free.contains(each), let first = subjectSpan, first != each, spans[first].table != spans[each].table,
           word(spans[first].range.upperBound) == "of", following(spans[first].range.upperBound) == spans[each].range.lowerBound - 1 {
            askedTables = [first]
            subjectSpan = each
        }
        readBoughtThings()
        if let subjectSpan { used.insert(subjectSpan) }
        used.formUnion(askedTables)
        // A yes/no column named as a property is a condition ("inducted", "discontinued products").
        for k in spans.indices where !used.contains(k) && !spans[k].columns.isEmpty {
            guard let column = spans[k].columns.first(where: { graph.column($0).flag != nil }),
                  !(wantsLabel && spans[k].range.lowerBound < 3) else { continue }
            // "never had a complete clutch" (clutch_complete): the column's own words may stand before it.
            let own = Set(graph.column(column).words)
            var p = previous(spans[k].range.lowerBound, skipping: ["the", "a", "an", "been", "be", "is", "are", "was", "were", "have", "has", "had", "any"])
            while let q = p, own.contains(tokens[q].stem), spanCovering(q) == nil { p = previous(q, skipping: ["the", "a", "an", "have", "has", "had", "any"]) }
            let negated = p.map { Self.negations.contains(word($0) ?? "") } ?? false
            if negated, let p { negationAt.removeAll { $0 == p }; consumed.insert(p) }
            used.insert(k)
            // "the clutch was never completed" (clutch_complete): two words of one yes/no column are one condition, negated if either is.
            if let same = intents.firstIndex(where: { if case let .flag(c, _) = $0.kind { return c == column }; return false }),
               case let .flag(_, before) = intents[same].kind {
                intents[same].kind = .flag(column, negated: before || negated)
                continue
            }
            intents.append(Intent(kind: .flag(column, negated: negated), at: spans[k].range.lowerBound, columnSpan: k))
        }
        // "customers with a company", "employees without a fax": the column holds a value, or none.
        for k in spans.indices where !used.contains(k) && spans[k].columns.count >= 1 {
            var p = previous(spans[k].range.lowerBound, skipping: ["a", "an", "any", "some", "known", "recorded", "listed", "stated", "given"])
            var saidNo = false
            // "customers with no fax": the "no" belongs to the column.
            if let q = p, ["no", "none"].contains(word(q) ?? ""), let r = previous(q), ["have", "has", "had", "with", "having"].contains(word(r) ?? "") {
                saidNo = true
                negationAt.removeAll { $0 == q }
                consumed.insert(q)
                p = r
            }
            guard let p, let w = word(p), ["have", "has", "had", "with", "without", "having", "lack", "lacking"].contains(w),
                  let column = spans[k].columns.first(where: { graph.column($0).kind == .text && !graph.column($0).isKey })
                    ?? spans[k].columns.first(where: { !graph.column($0).isPrimaryKey }) else { continue }
            var negated = ["without", "lack", "lacking"].contains(w) || saidNo
            if let q = previous(p), Self.negations.contains(word(q) ?? "") || word(q) == "t" {
                negated.toggle()
                if let n = negationAt.firstIndex(where: { $0 >= q - 1 && $0 <= q }) { negationAt.remove(at: n) }
                consumed.insert(q)
            }
            if w == "without" { negationAt.removeAll { $0 == p }; consumed.insert(p) }
            intents.append(Intent(kind: .present(column, negated: negated), at: spans[k].range.lowerBound, columnSpan: k))
            used.insert(k)
        }
        // "How many customers work for a company": in a count, a column named with "a" is one the rows have;
        // so is one a verb's "for a" names ("which customers work for a company").
        do {
            for k in spans.indices where !used.contains(k) && !spans[k].columns.isEmpty {
                guard let p = previous(spans[k].range.lowerBound, skipping: []), ["a", "an", "any"].contains(word(p) ?? ""),
                      countAt != nil || word(p - 1) == "for" && previous(p - 1).map({ word($0).map { Lexicon.neutralVerbs.contains(Lexicon.stem($0)) } ?? false }) ?? false,
                      let column = spans[k].columns.first(where: { graph.column($0).kind == .text && !graph.column($0).isKey }) else { continue }
                intents.append(Intent(kind: .present(column, negated: false), at: spans[k].range.lowerBound, columnSpan: k))
                used.insert(k)
            }
        }
        // Columns asked for: the column mentions no condition or role took. A lone verb form that
        // only weakly names a column ("hired", "composed") describes, it does not ask.
        for k in spans.indices where !used.contains(k) && !spans[k].columns.isEmpty {
            if spans[k].range.count == 1, tokens[spans[k].range.lowerBound].lower.hasSuffix("ed"),
               previous(spans[k].range.lowerBound).map({ !["the", "its", "their", "and"].contains(word($0) ?? "") }) ?? true { continue }
            projectionSpans.append(k)
            used.insert(k)
        }
    }

    /// "composed by", "written by": a passive verb's agent, not a grouping.
    private func isPassiveBy(_ cue: Int) -> Bool {
        guard let p = previous(cue), let w = word(p) else { return false }
        return w.hasSuffix("ed") && !["grouped", "sorted", "ordered", "ranked", "broken", "split", "divided", "arranged"].contains(w)
            || ["written", "sold", "made", "bought", "done", "run", "taken", "held", "built", "flown", "driven", "given"].contains(w)
    }

    /// Whether span `k` can be measured: a numeric column (or a date for MIN/MAX), or a metric.
    func isMeasure(_ k: Int, allowDates: Bool) -> Bool {
        if case .metric = spans[k].meaning { return true }
        return spans[k].columns.contains { ref in
            let kind = graph.column(ref).kind
            return kind == .numeric && !graph.column(ref).isPrimaryKey || allowDates && kind == .date
        }
    }

    /// Refuses when a word that carries meaning was not understood: it would be a condition or a
    /// column the query silently dropped.
    /// Whether a table mention also names a numeric column that holds a count ("the average number of seats").
    static func isColumnOfCounts(_ span: Linker.Span, graph: SchemaGraph) -> Bool {
        span.columnStrengths.keys.contains { graph.column($0).kind == .numeric && !graph.column($0).isKey }
    }

    mutating func checkEveryWord() throws {
        // "in the same country as their support rep" compares two rows' columns, which no plan here expresses.
        if let same = tokens.indices.first(where: { tokens[$0].lower == "same" && !consumed.contains($0) }), tokens[same...].prefix(6).contains(where: { $0.lower == "as" }) {
            throw Refusal("it cannot compare a column of one row with another's (\"same … as\")")
        }
        let emptyPhrases = Lexicon.emptyPhraseTokens(tokens).union(Lexicon.asideTokens(tokens))
        try refuseRelativeDates()
        try refuseUnheldEventDate()
        try refuseUnheldEventPlace()
        try refuseUnheldCapacity()
        try refuseAmountOfAKind()
        for i in tokens.indices {
            let token = tokens[i]
            if token.quoted || token.number != nil || consumed.contains(i) || spanCovering(i) != nil || emptyPhrases.contains(i) { continue }
            let w = token.lower
            // A verb that links things the schema links adds no condition, but a noun made from it
            // ("suppliers", "managers") names something that must be in the schema.
            let agentNoun = ["er", "ers", "or", "ors"].contains { w.hasSuffix($0) } && w.count > 4 && !Lexicon.neutralVerbs.contains(w)
                // "a five-star review": after a number the word is a noun, not a verb.
                || i > 0 && tokens[i - 1].number != nil && !(consumed.contains(i - 1) && isYear(tokens[i - 1].number))
                // "left a review", "got a raise": after "a" the word is a noun the schema must hold (a sale's
                // "a purchase" or "an order" is read as the sales themselves).
                || i > 0 && ["a", "an"].contains(tokens[i - 1].lower) && !Lexicon.quantityVerbs.contains(token.stem)
                // "pay on credit", "sold in stock": a verb's plain form after a preposition is a noun too.
                || i > 0 && ["on", "in", "by", "with", "under", "without"].contains(tokens[i - 1].lower) && !w.hasSuffix("ed") && !w.hasSuffix("ing")
                    && !w.hasSuffix("s")
                // "the average rating", "its ranking": a noun made from a verb names a measure the schema must have.
                || w.hasSuffix("ing") && i > 0 && (["the", "a", "an", "its", "their", "average", "total", "highest", "lowest", "best", "worst", "of"].contains(tokens[i - 1].lower)
                    || Self.aggregates[tokens[i - 1].lower] != nil)
            // A request verb's past form is an event ("return the names" asks; "orders returned by customers" does not).
            if Lexicon.fillers.contains(w) || Lexicon.fillers.contains(token.stem) && !w.hasSuffix("ed") || Lexicon.neutralVerbs.contains(token.stem) && !agentNoun
                || Self.negations.contains(w) || Self.leadWords.contains(w) || Lexicon.comparatives[w] != nil
                || Lexicon.superlatives[w] != nil || Lexicon.genericMoneyNouns.contains(token.stem) || Lexicon.moneyVerbs.contains(token.stem) && !agentNoun
                || Lexicon.quantityVerbs.contains(token.stem) || Lexicon.genericQuantityNouns.contains(token.stem)
                || Lexicon.units[w] != nil || Self.harmless.contains(w) || w == "t" && i > 0
                || Lexicon.wholeBusinessWords.contains(token.stem) && !agentNoun
                // "an email address", "their phone number": a word naming the kind of a column just named.
                || ["address", "addresses"].contains(w) && i > 0 && spanCovering(i - 1).map({ !spans[$0].columns.isEmpty && spans[$0].range.upperBound == i }) == true
                // "Sort from highest to lowest": the order itself is read from the words after it.
                || ["sort", "arrange", "rank"].contains(w) && ["from", "in", "them", "it", "descending", "ascending"].contains(word(i + 1) ?? "")
                || isImperativeOfOrder(i)
                || isEventVerb(i) || isPlacedElse(i) {
                continue
            }
            throw Refusal("nothing in the schema, its values or the notes matches \"\(token.text)\"")
        }
        // "depots open 24 hours": an amount with its unit that no condition took would be dropped.
        if let stray = tokens.indices.dropLast().first(where: { tokens[$0].number != nil && !consumed.contains($0) && spanCovering($0) == nil
            && Lexicon.units[tokens[$0 + 1].lower] != nil && !consumed.contains($0 + 1) }) {
            throw Refusal("it cannot tell what \"\(tokens[stray].text) \(tokens[stray + 1].text)\" applies to")
        }
        // "cost less than a dollar" read as nothing would drop the comparison.
        if let stray = tokens.indices.first(where: { tokens[$0].lower == "than" && !consumed.contains($0) && spanCovering($0) == nil
            && !(word($0 - 1) == "other" || word($0 - 1) == "rather") }) {
            throw Refusal("it cannot tell what is compared in \"\(tokens[max(0, stray - 1)].text) than\"")
        }
        // "products below their reorder level": a comparison nothing read would be silently dropped.
        if let stray = tokens.indices.first(where: { ["below", "above", "beneath", "exceeding", "exceeds", "exceed"].contains(tokens[$0].lower)
            && !consumed.contains($0) && spanCovering($0) == nil }) {
            throw Refusal("it cannot tell what is compared in \"\(tokens[stray].text) \(tokens.indices.contains(stray + 1) ? tokens[stray + 1].text : "")\"")
        }
        // An aggregate word nothing took would be a measure silently dropped.
        if let stray = tokens.indices.first(where: { ["average", "avg", "mean", "sum"].contains(tokens[$0].lower) && !consumed.contains($0) && spanCovering($0) == nil }) {
            throw Refusal("it cannot tell what \"\(tokens[stray].text)\" applies to")
        }
        // "the average number of tracks per album" averages a count per group, which one query level cannot hold.
        if let (function, at) = aggregate, ["AVG", "MAX", "MIN"].contains(function), word(at + 1) == "number", word(at + 2) == "of", countAt != at + 1,
           let n = following(at + 2), let k = spanStarting(n), spans[k].table != nil, !Self.isColumnOfCounts(spans[k], graph: graph) {
            throw Refusal("it cannot take the \(tokens[at].lower) of a count per group")
        }
        // "people who both directed and acted": two conditions on the same rows at once, which it cannot join.
        if let both = tokens.indices.first(where: { tokens[$0].lower == "both" && !consumed.contains($0) && spanCovering($0) == nil }),
           tokens[(both + 1)...].contains(where: { $0.lower == "and" }) {
            throw Refusal("it cannot require both conditions of the same rows")
        }
        // A negation that no condition took would be silently dropped: "no known year" must not count every row.
        let absences = Set(intents.compactMap { intent -> Int? in if case .absence = intent.kind { return intent.at }; return nil })
        if let unused = negationAt.first(where: { !absences.contains($0) }) {
            throw Refusal("it cannot tell what \"\(tokens[unused].text)\" excludes")
        }
        // A grouping by something unknown is a column the schema does not have.
        for cue in groupCues where !consumed.contains(cue) {
            guard let w = word(cue), w != "by" || !isPassiveBy(cue), let n = following(cue, skipping: Self.groupSkips),
                  tokens[n].number == nil, spanCovering(n) == nil, !consumed.contains(n), let next = word(n),
                  !Lexicon.fillers.contains(next) || ["name"].contains(next) else { continue }
            throw Refusal("no table or column matches \"\(tokens[n].text)\" to group by")
        }
    }

    /// Words that shape a question but need no handling of their own.
    static let harmless: Set<String> = [
        "than", "expensive", "costly", "pricey", "recent", "recently", "common", "frequent", "popular", "selling", "most", "least",
        "fewest", "top", "bottom", "first", "last", "whose", "named", "called", "titled", "containing", "contains", "starting",
        "starts", "beginning", "begins", "ending", "ends", "long", "much", "many", "exactly", "equal", "equals", "between", "at",
        "since", "after", "before", "until", "till", "during", "besides", "but", "ever", "yet", "average",
        "avg", "mean", "sum", "total", "maximum", "minimum", "max", "min", "count", "counts", "number", "numbers", "year", "years",
        "month", "months", "day", "days", "times", "time", "often", "per", "each", "every", "by", "grouped", "broken", "down",
        "sorted", "ordered", "ranked", "order", "descending", "ascending", "amount", "amounts", "values", "value", "big", "small",
        "large", "high", "low", "units", "unit", "quantity", "all", "combined", "whole", "altogether", "lifetime", "sales",
        "code", "codes", "id", "ids", "identifier", "abbreviation", "list", "there",
    ]
}
