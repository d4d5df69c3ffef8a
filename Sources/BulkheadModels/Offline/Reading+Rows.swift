/// Questions that ask for rows rather than a figure: "each"/"every" naming the rows listed, and
/// the phrasings of "each value once" ("only once", "without repeats").
extension Reading {
    /// Whether nothing is counted, measured or ranked, so the question lists rows: "Show each
    /// employee's first name" lists employees, it does not group them.
    var asksForRows: Bool {
        countAt == nil && aggregate == nil && rank == nil && dateGroups.isEmpty
            // "sales", "units" on their own ask for a measure; inside a column's name ("unit price") they do not.
            && [moneyAt, quantityAt].allSatisfy { $0.map { spanCovering($0) != nil } ?? true }
            && !spans.contains { if case .metric = $0.meaning { return true }; return false }
            && !intents.contains { if case .havingCount = $0.kind { return true }; return false }
    }

    /// Words after "without"/"no" that ask for each value once.
    static let repeatWords: Set<String> = ["repeat", "repeats", "repeating", "repetition", "repetitions", "duplicate", "duplicates", "duplication", "doubles"]
    /// Words that ask for rows to be listed, before an "… once".
    static let listingWords: Set<String> = ["list", "show", "give", "display", "return", "name", "print", "get", "find"]

    /// "List each city only once", "their names without repeats", "no duplicates": the values
    /// asked for, each once (DISTINCT). "Once" counts only after a listing verb and after the
    /// listed noun ("each island once", "the cities once"): "customers who ordered once" is a
    /// condition it does not read, and stays unexplained.
    mutating func readOnce() {
        for i in tokens.indices where !tokens[i].quoted && tokens[i].number == nil {
            let w = tokens[i].lower
            if Self.repeatWords.contains(w), i > 0, ["without", "no"].contains(tokens[i - 1].lower) {
                distinctAt = i
                consumed.formUnion([i - 1, i])
                negationAt.removeAll { $0 == i - 1 }
                if i > 1, tokens[i - 2].lower == "with" { consumed.insert(i - 2) }
                continue
            }
            guard w == "once", !tokens[i].capitalized, tokens[..<i].contains(where: { Self.listingWords.contains($0.lower) }) else { continue }
            var p = i - 1
            while p >= 0, ["only", "just"].contains(tokens[p].lower) { p -= 1 }
            guard p >= 0 else { continue }
            let before = tokens[p]
            let plural = before.lower != before.stem && before.lower.hasSuffix("s")
            let afterEach = tokens[max(0, p - 3)..<p].contains { ["each", "every"].contains($0.lower) }
            guard plural || afterEach || ["them", "it"].contains(before.lower) else { continue }
            if let k = links.span(covering: i) { links.remove(k) }
            distinctAt = i
            onceAt = p
            consumed.formUnion((p + 1)...i)
        }
    }
}

extension Reading {
    /// Words that put dates in order, and their direction when the date is named ("latest first").
    static let chronologicalWords: [String: Bool] = ["latest": true, "newest": true, "recent": true, "earliest": false, "oldest": false]

    /// "in calendar order", "chronologically", "latest first", "oldest first": an ordering by date,
    /// read before the superlatives so that "latest first" does not rank.
    mutating func readOrderWords() {
        for i in tokens.indices where !tokens[i].quoted && tokens[i].number == nil {
            let w = tokens[i].lower
            let next = tokens[safe: i + 1]?.lower
            if ["calendar", "chronological", "date", "time"].contains(w), next == "order", i > 0, tokens[i - 1].lower == "in" {
                orderChronological = true
                orderDescending = orderDescending ?? false
                consumed.formUnion((i - 1)...(i + 1))
            } else if w == "a", next == "to", tokens[safe: i + 2]?.lower == "z" || w == "z" && next == "to" && tokens[safe: i + 2]?.lower == "a" {
                // "from A to Z", "Z to A": alphabetical, either way.
                orderAlphabetical = true
                orderDescending = w == "z"
                consumed.formUnion(i...(i + 2))
                if i > 0, tokens[i - 1].lower == "from" { consumed.insert(i - 1) }
            } else if w == "chronologically" {
                orderChronological = true
                orderDescending = orderDescending ?? false
                consumed.insert(i)
            } else if Self.chronologicalWords[w] == nil, let superlative = Lexicon.superlatives[w], superlative.words != nil,
                      let end = [i + 1, i + 2].first(where: { tokens[safe: $0]?.lower == "first" }),
                      end == i + 1 || tokens[i + 1].lower.hasSuffix("ed") || Lexicon.moneyVerbs.contains(tokens[i + 1].stem),
                      tokens[safe: end + 1].map({ ["and", "then"].contains($0.lower) }) ?? true,
                      // "the five best-paid instructors, highest first": with a ranking already said, the ranking orders.
                      !tokens[..<i].contains(where: { t in Lexicon.superlatives[t.lower] != nil || ["top", "bottom"].contains(t.lower)
                          || ["best", "worst", "highest", "lowest"].contains { t.lower.hasPrefix($0 + "-") } }) {
                // "highest first", "best paid first": the order of the rows listed, by their amount; not a ranking.
                orderByListed = true
                orderDescending = superlative.descending
                consumed.formUnion(i...end)
                listedOrderVerb = end == i + 2 ? i + 1 : nil
            } else if let descending = Self.chronologicalWords[w], next == "first" {
                orderChronological = true
                orderDescending = descending
                consumed.formUnion([i, i + 1])
                if i > 0, tokens[i - 1].lower == "most" && w == "recent" || tokens[i - 1].lower == "the" { consumed.insert(i - 1) }
                if i > 1, tokens[i - 2].lower == "the", tokens[i - 1].lower == "most" { consumed.insert(i - 2) }
            }
        }
    }

    /// The column a chronological order sorts by: the date part the rows are grouped by, else the
    /// date column of `table` whose name the question uses, else its only date column.
    func chronologicalOrder(groups: [QueryPlan.Expr], tables: [Int]) -> QueryPlan.Expr? {
        if let part = groups.first(where: { if case .datePart = $0 { return true }; return false }) { return part }
        let stems = Set(tokens.map(\.stem))
        // "discovered after 1900, latest first": the date a word of the question names, on the rows or a table beside them.
        for table in tables {
            let dates = graph.tables[table].columns.filter { $0.kind == .date || $0.kind == .year }
            if let named = dates.first(where: { !Set($0.words).isDisjoint(with: stems) }) { return .column(named.ref) }
        }
        guard let table = tables.first else { return nil }
        let dates = graph.tables[table].columns.filter { $0.kind == .date || $0.kind == .year }
        return dates.count == 1 ? .column(dates[0].ref) : nil
    }

    /// "in alphabetical order" with columns asked for: the first text column among them.
    func alphabeticalColumn(_ outputs: [QueryPlan.Output]) -> ColumnRef? {
        for output in outputs {
            if case let .column(ref) = output.expr, graph.column(ref).kind == .text { return ref }
        }
        return nil
    }

    /// Stems of the names of columns that hold a row's place in a list (`sort_order`, `position`).
    static let sortStems = Lexicon.stems(["sort", "position", "sequence", "seq", "rank", "ordinal"])

    /// "from smallest to largest" with nothing measured: the column that holds the rows' own order, if any.
    func sortColumn(of table: Int) -> ColumnRef? {
        graph.tables[table].columns.first { $0.kind == .numeric && !$0.isKey && !Set($0.ownWords).isDisjoint(with: Self.sortStems) }?.ref
    }
}

extension Reading {
    /// "List each island once": the table the noun before "once" names, whose names are listed.
    func listedOnceTable() -> Int? {
        onceAt.flatMap { spanCovering($0) }.flatMap { spans[$0].table }
    }

    /// "the Canadian cities where we have customers": a column asked for before a table that a
    /// "where" clause brings in; the column's values are the answer, each once, not the table's rows.
    func asksForValuesWhere(subject: Int?) -> Bool {
        guard let s = subjectSpan, subject != nil, let first = projectionSpans.first, spans[first].range.upperBound <= spans[s].range.lowerBound else { return false }
        let start = spans[s].range.lowerBound
        // "Which cities in Germany do we have customers in?", "Which countries do our guests come from?": the
        // question opens on a text column of the rows; its values are what is asked.
        if projectionSpans.count == 1, spans[first].range.lowerBound == 1, ["which", "what"].contains(word(0) ?? ""),
           spans[first].columns.contains(where: { $0.table == spans[s].table && graph.column($0).kind == .text && !graph.column($0).isKey }),
           !graph.labelColumns(of: spans[s].table ?? 0).contains(where: { spans[first].columns.contains($0) }) {
            return true
        }
        return tokens[max(spans[first].range.upperBound, start - 4)..<start].contains { $0.lower == "where" }
    }

    /// "Show the revenue for each month": a money noun with groups and no aggregate word is its sum.
    mutating func sumMoneyNounPerGroup() {
        guard countAt == nil, aggregate == nil, rank == nil, let at = moneyAt, spanCovering(at) == nil,
              Lexicon.genericMoneyNouns.contains(tokens[at].stem), !groupSpans.isEmpty || !dateGroups.isEmpty else { return }
        aggregate = ("SUM", at)
    }
}

extension Reading {
    /// "out of stock": a count of units on hand at zero; "in stock": above zero. "Out of X" reads
    /// any numeric column X names; "in X" only a column of stock, since "in" alone is mostly a place.
    mutating func readOutOf() {
        let stock = Lexicon.stems(["stock", "inventory"])
        for i in tokens.indices where !consumed.contains(i) && (spanCovering(i) == nil || spanStarting(i) != nil && word(i) == "in") {
            let out = word(i) == "out" && word(i + 1) == "of"
            guard out || word(i) == "in" else { continue }
            // "in stock" may be linked whole (units_in_stock).
            let whole = spanStarting(i).map { spans[$0].range.count == 2 } ?? false
            let at = out ? i + 2 : whole ? i : i + 1
            guard let k = spanStarting(at), !used.contains(k), spans[k].range.count == (whole ? 2 : 1),
                  let column = spans[k].columns.first(where: { graph.column($0).kind == .numeric && !graph.column($0).isKey }),
                  out || !Set(graph.column(column).words).isDisjoint(with: stock) && stock.contains(tokens[spans[k].range.upperBound - 1].stem) else { continue }
            var intent = Intent(kind: .compare(op: out ? "=" : ">", value: 0, unit: nil, hint: nil), at: i)
            intent.columnSpan = k
            intents.append(intent)
            used.insert(k)
            consumed.formUnion(i..<max(at, i + 1))
        }
    }
}

extension Reading {
    /// "the last order on January 1st", "the first invoice": the latest or earliest row by its
    /// date. "First" and "last" before a name ("last name") stay words of a column.
    mutating func readFirstLast() {
        guard rank == nil else { return }
        for i in tokens.indices where i > 0 && word(i - 1) == "the" && !consumed.contains(i) {
            guard let w = word(i), w == "first" || w == "last", let next = tokens[safe: i + 1], next.number == nil,
                  graph.tables.contains(where: { $0.words.last == next.stem }),
                  !graph.tables.contains(where: { $0.columns.contains { $0.words.count >= 2 && $0.words.contains(next.stem) && $0.words.contains(w) } }) else { continue }
            rank = Rank(kind: .superlative, descending: w == "last", limit: nil, at: i, words: nil)
            consumed.insert(i)
            return
        }
    }

    /// The column of `table` that holds a time of day beside its date, to break ties within a day.
    func timeOfDayColumn(of table: Int) -> ColumnRef? {
        graph.tables[table].columns.first { !$0.values.isEmpty && $0.values.prefix(5).allSatisfy(Self.looksLikeTime) }?.ref
    }
}

extension Reading {
    /// "What do we buy from Italian suppliers?", "What do customers in Brazil buy?": "what" is the
    /// object of a verb of buying or selling, so the rows asked for are the things sold (the table
    /// the sales lines sell, beside their order), and the table named is only who buys or sells them.
    mutating func readBoughtThings() {
        guard tokens.count > 3, word(0) == "what", ["do", "does", "did"].contains(word(1) ?? ""), countAt == nil, aggregate == nil, rank == nil,
              let verb = quantityAt, spanCovering(verb) == nil, let item = soldItemTable() else { return }
        if let s = subjectSpan, let named = spans[s].table {
            // "from Italian suppliers": over a value that qualifies the table.
            var p = previous(spans[s].range.lowerBound)
            if let q = p, let v = spanCovering(q), spans[v].isValue { p = previous(spans[v].range.lowerBound) }
            let afterPreposition = p.map { ["from", "to", "by", "at", "in", "of"].contains(word($0) ?? "") } ?? false
            guard item != named, afterPreposition || graph.isPersonTable(named) else { return }
        } else if let named = conditionTable(), named == item || !graph.isPersonTable(named) {
            // "What did Leonie Köhler buy?": a person named by value buys; any other value qualifies the things themselves.
            return
        }
        subjectSpan = nil
        eachTable = item
        notes.append("listed the \(tableName(item)) rows (what is bought and sold)")
    }

    /// The table whose rows sales lines sell: of the two tables a table with a quantity refers to,
    /// the one without a date (the other is the order the line belongs to); nil unless exactly one.
    func soldItemTable() -> Int? {
        var items: Set<Int> = []
        for lines in graph.tables.indices where graph.quantityColumn(of: lines) != nil {
            let parents = Set(graph.edges.filter { $0.child == lines && $0.parent != lines }.map(\.parent))
            let undated = parents.filter { graph.dateColumns(of: $0).isEmpty }
            guard parents.count == 2, undated.count == 1 else { continue }
            items.formUnion(undated)
        }
        return items.count == 1 ? items.first : nil
    }
}

extension Reading {
    /// The column "highest first" orders by: the one amount among the columns listed (a money
    /// column when a money verb is said, "best paid first"), else the table's money column for a
    /// money verb; several candidates, or none, refuse rather than guess.
    func listedOrderColumn(_ outputs: [QueryPlan.Output], table: Int) throws -> ColumnRef {
        let listed = outputs.compactMap { output -> ColumnRef? in
            if case let .column(ref) = output.expr, graph.column(ref).kind == .numeric, !graph.column(ref).isKey { return ref }
            return nil
        }
        let money = listedOrderVerb.map { Lexicon.moneyVerbs.contains(tokens[$0].stem) } ?? false
        let fitting = money && listed.contains(where: { graph.column($0).isMoney }) ? listed.filter { graph.column($0).isMoney } : listed
        if fitting.count == 1 { return fitting[0] }
        if fitting.isEmpty, money, let column = graph.moneyColumn(of: table) { return column.ref }
        if fitting.isEmpty, let column = measureNamedBySuperlatives(of: table) { return column }
        throw Refusal("it cannot tell which amount to order by")
    }

    /// "Which station opened most recently": a date column linked together with its table's noun
    /// just before a date superlative names the rows (that table) and the date they are ranked by.
    mutating func dateNamedWithItsTable() -> Int? {
        guard let rank, rank.words == nil, aggregate == nil, countAt == nil, projectionSpans.count == 1 else { return nil }
        let k = projectionSpans[0]
        let columns = spans[k].columns
        guard spans[k].table == nil, spans[k].range.upperBound == rank.at, spans[k].range.count > 1, let first = columns.first,
              columns.allSatisfy({ $0.table == first.table && [.date, .year].contains(graph.column($0).kind) }),
              graph.tables[first.table].words.contains(tokens[spans[k].range.lowerBound].stem) else { return nil }
        projectionSpans.removeAll { $0 == k }
        used.insert(k)
        return first.table
    }

    /// "List the instructors, highest salary first", "… with the newest at the top": a superlative
    /// followed by where its end of the list goes sorts the whole list; no row is ranked out.
    mutating func readListOrder() {
        guard let rank, rank.limit == nil, requestedCount == nil, let end = listEnd(after: rank.at) else { return }
        listSorted = true
        consumed.insert(end)
        if let k = spanCovering(end) { links.remove(k) }
    }

    /// The word that says where the superlative's end of the list goes, when it closes the question.
    private func listEnd(after at: Int) -> Int? {
        guard let end = (at + 1..<min(tokens.count, at + 6)).first(where: { ["first", "last", "top"].contains(tokens[$0].lower) }) else { return nil }
        // "first 5" ranks five rows out; "first name" is a column: only the end of the question, or "and"/"then" after.
        let closes = end + 1 == tokens.count || ["and", "then", "please", "followed"].contains(tokens[end + 1].lower)
        if tokens[end].lower == "top" { return closes && ["the", "on"].contains(tokens[end - 1].lower) ? end : nil }
        return closes ? end : nil
    }
}
