/// The first pass over the words outside values: what shapes the query. Counts ("how many",
/// "number of"), aggregates ("total", "average", "highest" of a column), superlatives and top-N,
/// "most"/"fewest", groupings by a date part ("per month", "yearly"), negations, "distinct", the
/// verbs that imply money or quantities ("spent", "sold"), and an output unit ("in seconds").
extension Reading {
    static let writeVerbs: Set<String> = ["delete", "drop", "update", "insert", "remove", "create", "alter", "truncate",
                                          "modify", "rename", "add", "set", "change", "replace", "erase", "wipe", "grant"]
    static let leadWords: Set<String> = ["what", "whats", "what's", "is", "was", "are", "were", "the", "show", "me", "give", "find",
                                         "get", "list", "tell", "compute", "calculate", "s", "overall", "our", "my", "us", "display", "return", "and"]
    static let negations: Set<String> = ["no", "not", "never", "without", "none", "nothing", "neither", "nor", "don", "didn",
                                         "doesn", "haven", "hasn", "hadn", "isn", "aren", "wasn", "weren", "cannot", "lacking", "lack"]
    static let aggregates: [String: String] = ["sum": "SUM", "average": "AVG", "avg": "AVG", "mean": "AVG", "max": "MAX",
                                               "maximum": "MAX", "min": "MIN", "minimum": "MIN"]

    mutating func scanCues() throws {
        // "Which 5 customers …", "the 3 artists …", "list 10 tracks": how many rows to return.
        // Later in the question only "the N" counts ("the names of the 3 customers who …").
        for i in tokens.indices {
            guard let n = tokens[i].number, n >= 1, n < 1_000, n == n.rounded(), !tokens[i].currency, i > 0,
                  let before = word(i - 1), i < 4 && ["which", "what", "the", "list", "show", "give", "name", "top", "find", "get"].contains(before)
                      || before == "the",
                  let after = word(i + 1), Lexicon.units[after] == nil, !["or", "and", "than", "million", "thousand", "billion", "percent"].contains(after),
                  Lexicon.comparatives[after] == nil else { continue }
            requestedCount = Int(n)
            consumed.insert(i)
            break
        }
        // "from most to fewest", "from highest to lowest": the direction of an ordering, not a rank.
        let high: Set<String> = ["most", "highest", "largest", "biggest", "greatest", "longest", "best"]
        let low: Set<String> = ["least", "fewest", "lowest", "smallest", "shortest", "worst"]
        for i in tokens.indices where word(i) == "from" {
            guard let a = word(i + 1), word(i + 2) == "to", let b = word(i + 3),
                  high.contains(a) && low.contains(b) || low.contains(a) && high.contains(b) else { continue }
            orderDescending = high.contains(a)
            consumed.formUnion(i...(i + 3))
            if let p = previous(i), ["ordered", "sorted", "ranked", "listed"].contains(word(p) ?? "") { consumed.insert(p) }
        }
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard let w = word(i), !consumed.contains(i) else { continue }
            let next = word(i + 1)
            if i == 0, Self.writeVerbs.contains(w) { throw Refusal("it only writes read-only queries") }
            switch w {
            case "how" where next == "many" && readDurationAsked(i):
                // "how many days did it take to close issues": a length between two dates, not a count.
                break
            case "how" where next == "many":
                countAt = i
                consumed.formUnion([i, i + 1])
            case "how" where next == "much":
                aggregate = ("SUM", i)
                moneyAt = moneyAt ?? i
                consumed.formUnion([i, i + 1])
            case "how" where next == "long":
                // "how long is X": the duration column is the answer (or the measure of an aggregate).
                consumed.formUnion([i, i + 1])
                durationAt = i
            case "number" where next == "of" && !endsColumnName(i):
                consumed.formUnion([i, i + 1])
                if let p = previous(i), let before = word(p), ["by", "most", "highest", "largest", "greatest", "biggest", "fewest", "least", "lowest", "smallest"].contains(before) {
                    let descending = !["fewest", "least", "lowest", "smallest"].contains(before)
                    if rank == nil { rank = Rank(kind: .most, descending: descending, limit: nil, at: i) }
                    if before == "by" { rank?.byAt = p }
                    consumed.insert(p)
                } else if let p = previous(i), word(p) == "total" || word(p) == "the" && word(p - 1) == "total" {
                    countAt = countAt ?? i
                    consumed.insert(p)
                    if aggregate?.at == p { aggregate = nil }
                } else if let p = previous(i), let before = word(p), ["average", "avg", "mean", "maximum", "max", "minimum", "min"].contains(before) {
                    // "the average number of seats": the aggregate of the column that follows.
                    continue
                } else {
                    countAt = countAt ?? i
                }
            case "count", "counts":
                if countAt == nil { countAt = i }
                consumed.insert(i)
                if next == "of" { consumed.insert(i + 1) }
            case "distinct", "different", "unique", "separate":
                distinctAt = i
                consumed.insert(i)
            // "what did they add up to": the sum of the rows' money (or the measure named).
            case _ where ["add", "adds", "added"].contains(w) && next == "up" && word(i + 2) == "to" && aggregate == nil:
                aggregate = ("SUM", i)
                aggregateAt.append(i)
                consumed.formUnion(i...(i + 2))
            case "total", "sum", "average", "avg", "mean", "max", "maximum", "min", "minimum":
                // "the minimum and maximum", "the average, minimum and maximum": several aggregates of one measure.
                if let first = aggregate, let p = previous(i), word(p) == "and" || aggregateAt.contains(p) || aggregateAt.contains(p - 1) && word(p) == "and",
                   aggregateAt.last.map({ $0 >= p - 1 }) ?? false, let function = Self.aggregates[w], function != first.function {
                    moreAggregates.append(function)
                    aggregateAt.append(i)
                    consumed.insert(i)
                    if let p = previous(i), word(p) == "and" { consumed.insert(p) }
                    if next == "of" { consumed.insert(i + 1) }
                    continue
                }
                guard aggregate == nil else { continue }
                // "genres that have an average box office above 200": a condition on groups, read with the comparisons.
                if let p = previous(i), ["have", "has", "having", "with", "whose"].contains(word(p) ?? "") { continue }
                // "longer than the average track" is a comparison, read with the conditions.
                if let p = previous(i, skipping: Self.businessNouns.union(["the", "a", "an", "our", "its", "their"])), ["than", "above", "below", "over", "under", "exceeding", "beyond"].contains(word(p) ?? "") { continue }
                if w == "total", !isTotalAnAggregate(i) { continue }
                if ["max", "maximum", "min", "minimum"].contains(w), rank != nil { continue }
                aggregate = (Self.aggregates[w] ?? "SUM", i)
                aggregateAt.append(i)
                consumed.insert(i)
                if next == "of" { consumed.insert(i + 1) }
            case _ where ["best", "worst", "top"].contains(w) && (next.map({ Lexicon.stem($0) == "sell" }) ?? false):
                rank = Rank(kind: .bestSelling, descending: w != "worst", limit: numberBefore(i), at: i, words: [])
                quantityAt = quantityAt ?? i + 1
                consumed.formUnion([i, i + 1])
            case _ where (w == "top" || w == "bottom") && (rank == nil || rank?.kind == .superlative):
                var limit: Int?
                if let n = tokens[safe: i + 1]?.number, n >= 1, n == n.rounded(), n < 10_000 {
                    limit = Int(n)
                    consumed.insert(i + 1)
                }
                let previousRank = rank
                rank = Rank(kind: .top, descending: w == "top", limit: limit, at: i, words: previousRank?.words ?? [])
                if let previousRank { rank?.descending = previousRank.descending; rank?.words = previousRank.words; rank?.kind = .superlative }
                consumed.insert(i)
            case _ where ["first", "last"].contains(w) && i > 0 && (word(i - 1)?.hasSuffix("ed") ?? false) && rank == nil:
                // "hired first", "joined last": the earliest or latest by the date that verb names.
                rank = Rank(kind: .superlative, descending: w == "last", limit: nil, at: i, words: nil)
                consumed.insert(i)
            case _ where (w == "first" || w == "last") && tokens[safe: i + 1]?.number != nil:
                if let n = tokens[i + 1].number, n >= 1, n == n.rounded() {
                    rank = Rank(kind: .superlative, descending: w == "last", limit: Int(n), at: i, words: nil)
                    consumed.formUnion([i, i + 1])
                }
            case _ where ["most", "least", "fewest"].contains(w) && !(i > 0 && word(i - 1) == "at"):
                let descending = w == "most"
                switch next {
                case "expensive", "costly", "pricey":
                    rank = Rank(kind: .superlative, descending: descending, limit: numberBefore(i), at: i,
                                words: Lexicon.superlatives["priciest"]!.words)
                    consumed.formUnion([i, i + 1])
                case "populous", "populated":
                    rank = Rank(kind: .superlative, descending: descending, limit: numberBefore(i), at: i, words: ["population"])
                    consumed.formUnion([i, i + 1])
                case "recent", "recently":
                    rank = Rank(kind: .superlative, descending: descending, limit: numberBefore(i), at: i, words: nil)
                    consumed.formUnion([i, i + 1])
                case "common", "frequent", "frequently", "often", "usual", "typical", "popular":
                    rank = Rank(kind: next == "popular" ? .bestSelling : .common, descending: descending, limit: numberBefore(i), at: i, words: [])
                    consumed.formUnion([i, i + 1])
                case "sold", "purchased", "bought", "ordered":
                    rank = Rank(kind: .bestSelling, descending: descending, limit: numberBefore(i), at: i, words: [])
                    quantityAt = quantityAt ?? i + 1
                    consumed.formUnion([i, i + 1])
                default:
                    if w == "least", next == "one" { continue }
                    let limit = numberBefore(i)
                    if let existing = rank, existing.kind == .top { rank?.descending = descending; rank?.kind = .most; _ = existing }
                    else { rank = Rank(kind: .most, descending: descending, limit: limit, at: i, words: []) }
                    consumed.insert(i)
                }
            case _ where Lexicon.countingSuperlatives[w] != nil && rank == nil:
                // "the 5 busiest destination cities": ranked by how many rows each has, like "most" with nothing after it.
                rank = Rank(kind: .most, descending: Lexicon.countingSuperlatives[w]!, limit: numberBefore(i), at: i, words: [])
                consumed.insert(i)
            case _ where ["ordered", "sorted", "order", "sort", "ranked", "arranged", "listed"].contains(w) && (next == "by" || next == "of" && w == "order"):
                // "ordered by hire date", "in order of length": an ordering, not a grouping.
                orderByAt = i + 1
                consumed.formUnion([i, i + 1])
                if let p = previous(i), word(p) == "in" { consumed.insert(p) }
            case "alphabetically", "alphabetical":
                orderAlphabetical = true
                consumed.insert(i)
                if next == "order" { consumed.insert(i + 1) }
                if let p = previous(i), word(p) == "in" { consumed.insert(p) }
            case "descending", "desc", "decreasing", "ascending", "asc", "increasing":
                orderDescending = ["descending", "desc", "decreasing"].contains(w)
                consumed.insert(i)
                if next == "order" { consumed.insert(i + 1) }
                if let p = previous(i), word(p) == "in" { consumed.insert(p) }
            case "in" where next == "total" || next == "all":
                // "in total", "in all": no condition, no column.
                consumed.formUnion([i, i + 1])
            case "each" where i + 1 < tokens.count && (Lexicon.moneyVerbs.contains(tokens[i + 1].stem) || Lexicon.quantityVerbs.contains(tokens[i + 1].stem)):
                // "how much each spent": each row already asked for, not a grouping by the verb.
                consumed.insert(i)
            case "per", "each", "every", "by":
                groupCues.append(i)
            case _ where Self.managerWords.contains(tokens[i].stem) && graph.edges.contains(where: { $0.child == $0.parent })
                    && !tokens[i].quoted && !(i > 0 && tokens[i].capitalized)
                    && !(i > 0 && Self.containmentWords.contains(word(i - 1) ?? "")):
                // "the manager of Jane Peacock": the row a self-referencing key points to. Not a
                // value ("whose title contains Manager", "a 'Manager'"): that is text to match.
                if readHasManager(i) { continue }
                managerAt = i
                consumed.insert(i)
            case _ where ["yearly", "annually", "annual", "monthly", "daily"].contains(w) && namesColumnWithNext(i):
                // "the average daily rate", "the monthly fee": a column's name, not a grouping by a date part.
                break
            case "yearly", "annually", "annual", "monthly", "daily":
                let part: DatePart = ["monthly": .month, "daily": .day][w] ?? .year
                dateGroups.append((part, i))
                consumed.insert(i)
            case _ where (w == "in" || w == "into") && (next.map({ Lexicon.units[$0] != nil }) ?? false):
                // "average length in seconds": the unit of the answer.
                if let unit = Lexicon.units[next!], unit.dimension != .money, aggregate != nil || rank != nil || countAt == nil {
                    outputUnit = unit
                    consumed.formUnion([i, i + 1])
                }
            case _ where ["names", "name", "titles", "title"].contains(w) && (next == "of" || i > 0 && ["the", "their", "its", "all"].contains(word(i - 1) ?? "") && next != nil && !(next == "is" || next == "contains")):
                if next == "of" || i <= 3 { wantsLabel = true }
            default:
                if Self.negations.contains(w) || w == "won" && next == "t" {
                    negationAt.append(i)
                    consumed.insert(i)
                    if w == "won" || w == "don" || w == "didn" || w == "doesn" || w == "haven" || w == "hasn" || w == "isn" || w == "aren" || w == "wasn" || w == "weren" {
                        if word(i + 1) == "t" { consumed.insert(i + 1) }
                    }
                } else if let pair = opposedSuperlative(after: i), rank == nil, aggregate == nil {
                    // "the smallest and the largest totals": both extremes of one measure, not a ranked row.
                    aggregate = (Lexicon.superlatives[w]!.descending ? "MAX" : "MIN", i)
                    moreAggregates.append(Lexicon.superlatives[tokens[pair].lower]!.descending ? "MAX" : "MIN")
                    aggregateAt += [i, pair]
                    consumed.formUnion(i...pair)
                    i = pair
                } else if let superlative = Lexicon.superlatives[w], !["first", "last", "maximum", "minimum"].contains(w),
                          // "containing the word Greatest": a capitalised term after "the word" is text sought, not a ranking.
                          !(tokens[i].capitalized && ["word", "term", "phrase"].contains(word(i - 1) ?? "")) {
                    // "best-selling" is handled above; "best" alone ranks by the named measure.
                    if rank?.kind == .top {
                        rank?.words = superlative.words
                        let descending = rank!.descending == superlative.descending
                        rank?.descending = descending
                        rank?.prefersBirth = superlative.prefersBirth
                        rank?.kind = .superlative
                    } else {
                        var made = Rank(kind: .superlative, descending: superlative.descending, limit: numberBefore(i), at: i,
                                        words: superlative.words)
                        made.prefersBirth = superlative.prefersBirth
                        rank = made
                    }
                    consumed.insert(i)
                } else if Lexicon.moneyVerbs.contains(tokens[i].stem) || Lexicon.genericMoneyNouns.contains(tokens[i].stem) {
                    moneyAt = moneyAt ?? i
                } else if Lexicon.quantityVerbs.contains(tokens[i].stem) || Lexicon.genericQuantityNouns.contains(tokens[i].stem) {
                    quantityAt = quantityAt ?? i
                }
            }
        }
        // "the month", "per year", "each quarter": date-part groupings named by a noun.
        for cue in groupCues {
            guard let n = following(cue, skipping: ["the", "a", "an", "each", "every", "single"]), let w = word(n) else { continue }
            let part: DatePart? = ["year": .year, "years": .year, "month": .month, "months": .month, "day": .day, "days": .day][w]
            if let part { dateGroups.append((part, n)); consumed.formUnion([cue, n]) }
        }
        // "in which year were the most invoices issued": the year is what is asked for.
        for i in tokens.indices where ["which", "what"].contains(word(i) ?? "") {
            guard let w = word(i + 1), ["year", "month"].contains(w), !consumed.contains(i + 1) else { continue }
            dateGroups.append((w == "year" ? .year : .month, i + 1))
            askedDatePart = true
            consumed.formUnion([i, i + 1])
            if let p = previous(i), word(p) == "in" { consumed.insert(p) }
        }
        // "for each year", "in every month": the same after "for"/"in".
        if dateGroups.isEmpty, let last = tokens.indices.last, let w = word(last), ["year", "month"].contains(w),
           let p = previous(last), ["each", "every", "per"].contains(word(p) ?? "") {
            dateGroups.append((w == "year" ? .year : .month, last))
            consumed.formUnion([p, last])
        }
    }

    /// Whether the word at `i` ends a column's name of two words or more ("atomic number", "phone number").
    func endsColumnName(_ i: Int) -> Bool {
        guard i > 0 else { return false }
        let pair = [tokens[i - 1].stem, tokens[i].stem]
        if graph.tables.contains(where: { $0.columns.contains { $0.words.suffix(2) == pair[...] && $0.words.count >= 2 || $0.ownWords == pair } }) { return true }
        // "the phone number of X": a text column named by its first word, "number" only finishing the phrase.
        guard i > 1, ["the", "a", "its", "their", "whose"].contains(word(i - 2) ?? "") else { return false }
        // "the telephone number": a word naming such a column through its sense (WordNet) as well.
        let senses = Linker.nounSenses(tokens[i - 1])
        return graph.tables.contains { $0.columns.contains { column in
            guard column.kind == .text, !column.isKey else { return false }
            if column.ownWords == [tokens[i - 1].stem] { return true }
            let raw = SchemaGraph.rawWords(of: column.name)
            return raw.count == 1 && !senses.isEmpty && Linker.senseNames(raw[0], senses)
        } }
    }

    /// Words after which the next word is text to look for, not a role ("contains Manager").
    static let containmentWords: Set<String> = ["contains", "contain", "containing", "includes", "include", "including", "like", "mentions", "mentioning"]

    /// Words for the row a self-referencing key points to.
    static let managerWords = Lexicon.stems(["manager", "managers", "boss", "supervisor", "superior"])

    /// "smallest and (the) largest": where the second of two opposed superlatives of a measure stands.
    private func opposedSuperlative(after i: Int) -> Int? {
        // "the lowest, highest and average prices": the second may follow with no "and".
        guard let w = word(i), let first = Lexicon.superlatives[w], first.words != nil, !["first", "last"].contains(w),
              let and = following(i), let j = word(and) == "and" ? following(and) : and, let other = word(j),
              let second = Lexicon.superlatives[other], second.words != nil, second.descending != first.descending,
              !["first", "last"].contains(other) else { return nil }
        return j
    }

    /// A number written just before a superlative ("the 3 longest"), consumed.
    private mutating func numberBefore(_ i: Int) -> Int? {
        guard let p = previous(i), let n = tokens[p].number, n >= 1, n == n.rounded(), n < 10_000 else { return nil }
        consumed.insert(p)
        return Int(n)
    }

    /// "total" is SUM at the head of a measure ("total sales", "the total of invoices"), and a
    /// column after a table or another aggregate ("invoice total", "largest total").
    private func isTotalAnAggregate(_ i: Int) -> Bool {
        // "the id, date and total of …": after "and" in a list of columns, a column named Total.
        // So is "the booking id, check-in date and total price for every booking" (`total_price`): the
        // list goes on to the rows it is of ("of", "for", "on") or ends there.
        if let p = previous(i), word(p) == "and", let q = previous(p) {
            let listed = Lexicon.stems(["date", "id", "number", "name", "time"])
            let named = graph.tables.first { table in
                table.columns.contains { $0.ownWords == ["total"] || $0.ownWords == ["total", tokens[safe: i + 1]?.stem ?? ""] }
                    && (listed.contains(tokens[q].stem) || table.columns.contains { $0.words.contains(tokens[q].stem) })
            }
            if let table = named {
                let whole = table.columns.contains { $0.ownWords == ["total", tokens[safe: i + 1]?.stem ?? ""] }
                let after = i + (whole ? 2 : 1)
                if after >= tokens.count || ["of", "for", "on", "from", "in", "at"].contains(word(after) ?? "") { return false }
            }
        }
        if word(i + 1) == "of" || word(i + 1) == "number" { return true }
        if (0..<i).allSatisfy({ Self.leadWords.contains(tokens[$0].lower) }) { return true }
        guard let p = previous(i) else { return true }
        let before = tokens[p].lower
        // "the highest total box office": a sum to rank by, unless a column is named Total ("the largest total").
        if Lexicon.superlatives[before] != nil || before == "most", !graph.tables.contains(where: { $0.columns.contains { $0.ownWords == ["total"] } }) {
            return true
        }
        if Lexicon.superlatives[before] != nil || Self.aggregates[before] != nil || ["highest", "lowest", "an", "its", "their", "whose", "with"].contains(before) {
            return false
        }
        // After a table's name it is that table's total ("order total"): decided when names are linked.
        if graph.tables.contains(where: { $0.words.last == tokens[p].stem }) { return false }
        return ["the", "of", "and", "by", "per", "is", "was", "what", "show", "their", "our"].contains(before) || before == "s"
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
