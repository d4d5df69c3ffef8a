/// The English of leaving rows out or keeping them in: "excluding refunds", "leaving out cancelled
/// bookings", "apart from lost ones", "not counting refunded sales", "refunds included", "refunded
/// or not", "whether or not they were cancelled", "(names, not ids)", "still active", "no longer
/// active". A stored value or a yes/no column after an exclusion phrase becomes a negated condition;
/// after an inclusion phrase it adds none; a negated id beside a name only says which column to show.
/// Each phrase is read only when what it governs is a stored value or a yes/no column, so an
/// exclusion of anything else stays unexplained and the planner refuses rather than drop it.
extension Reading {
    /// Phrases before what they leave out.
    static let exclusionOpeners: [[String]] = [
        ["except", "for"], ["except"], ["excluding"], ["exclude"], ["excludes"], ["other", "than"], ["apart", "from"], ["aside", "from"],
        ["leaving", "out"], ["leave", "out"], ["leaves", "out"], ["ignoring"], ["ignore"], ["not", "counting"], ["not", "including"],
        ["without", "counting"], ["minus"], ["omitting"], ["omit"], ["disregarding"], ["disregard"], ["skipping"], ["skip"],
        ["barring"], ["setting", "aside"], ["leaving", "aside"], ["no", "longer"], ["besides"], ["outside", "of"], ["outside"],
    ]

    /// Phrases before what they keep in (with no condition of their own).
    static let inclusionOpeners: [[String]] = [
        ["whether", "or", "not"], ["with", "or", "without"], ["regardless", "of"], ["irrespective", "of"], ["inclusive", "of"],
        ["including"], ["include"], ["includes"], ["counting"], ["whether"],
    ]

    /// Inclusion words that also ask for a text inside a column ("titles including Love"), or that
    /// add a value rather than keep one in ("the Jazz tracks as well"): only a row's state is kept
    /// in by them.
    private static let containingOpeners: Set<String> = ["including", "include", "includes", "counting", "inclusive", "too", "as", "and"]

    /// Phrases after what they leave out ("refunds excluded").
    static let exclusionClosers: [[String]] = [["excluded"], ["left", "out"], ["removed"], ["aside"]]

    /// Phrases after what they keep in ("refunds included", "refunded or not").
    static let inclusionClosers: [[String]] = [["included"], ["too"], ["as", "well"], ["or", "not"], ["and", "all"], ["either", "way"]]

    /// Words between an exclusion phrase and what it governs ("excluding the refunded ones",
    /// "whether or not they were cancelled", "no longer active").
    private static let governedSkips: Set<String> = [
        "the", "a", "an", "any", "all", "those", "them", "they", "it", "its", "their", "were", "was", "are", "is", "be", "been",
        "being", "had", "have", "has", "that", "which", "marked", "flagged", "listed", "as", "ones", "one",
    ]

    /// Words that say "an id" in "(names, not ids)".
    private static let idWords: Set<String> = ["id", "ids", "identifier", "identifiers", "key", "keys"]

    /// Reads the exclusion and inclusion phrases before the conditions, so that a value they govern
    /// is read negated (or not at all) and a yes/no column they govern is its condition.
    mutating func readExclusionWords() {
        readNegatedIDs()
        readServiceStates()
        readStill()
        for i in tokens.indices where !consumed.contains(i) || negationAt.contains(i) {
            if let length = phrase(Self.exclusionOpeners, at: i) { governOpened(at: i, length: length, excluded: true) }
            else if let length = phrase(Self.inclusionOpeners, at: i) { governOpened(at: i, length: length, excluded: false) }
            else if let length = phrase(Self.exclusionClosers, at: i) { governClosed(at: i, length: length, excluded: true) }
            else if let length = phrase(Self.inclusionClosers, at: i) { governClosed(at: i, length: length, excluded: false) }
        }
    }

    /// The length of the first of `phrases` spelled at `i`, if any.
    private func phrase(_ phrases: [[String]], at i: Int) -> Int? {
        phrases.first { words in
            words.indices.allSatisfy { word(i + $0) == words[$0] && (!consumed.contains(i + $0) || negationAt.contains(i + $0)) }
        }?.count
    }

    /// "excluding refunds", "whether or not they were cancelled": the value or yes/no column after the phrase.
    private mutating func governOpened(at i: Int, length: Int, excluded: Bool) {
        var j = i + length
        // "apart from those in Lisbon", "except those billed to the USA": the rows' value after a pronoun, a participle and a preposition.
        let prepositions: Set<String> = ["in", "with", "from", "at", "on", "to", "by", "for", "of"]
        while j < tokens.count, spanStarting(j).map({ !spans[$0].isValue && spans[$0].range.count == 1 && Self.isParticiple(j, tokens) }) ?? true, let w = word(j),
              spanStarting(j) == nil && Self.governedSkips.contains(w) || prepositions.contains(w) && ["those", "ones", "one"].contains(word(j - 1) ?? "")
                || prepositions.contains(w) && ["those", "ones", "one"].contains(word(j - 2) ?? "") && Self.isParticiple(j - 1, tokens)
                || Self.isParticiple(j, tokens) && ["those", "ones", "one"].contains(word(j - 1) ?? "") && prepositions.contains(word(j + 1) ?? "") { j += 1 }
        // "leaving aside reviews of cancelled bookings": the rows named before the value they are of.
        if let k = spanStarting(j), spans[k].table != nil, !spans[k].isValue, ["of", "for", "from", "on", "in", "with"].contains(word(spans[k].range.upperBound) ?? ""),
           let n = following(spans[k].range.upperBound, skipping: ["the", "a", "an"]), let v = spanStarting(n), spans[v].isValue {
            j = n
        }
        if governState(at: j, excluded: excluded) {
            take(i..<(i + length))
            return
        }
        // "regardless of status", "irrespective of channel": a column named so adds no condition.
        if let k = spanStarting(j), !excluded, ["regardless", "irrespective"].contains(word(i) ?? ""), !used.contains(k),
           spans[k].table == nil, !spans[k].isValue, !spans[k].columns.isEmpty {
            used.insert(k)
            take(i..<(i + length))
            return
        }
        guard let k = spanStarting(j), govern(k, excluded: excluded, opener: word(i)) else { return }
        take(i..<(i + length))
        // "except those billed to the USA": the participle only links the rows to the value.
        if let m = moneyAt, m > i, m < j { moneyAt = nil }
        consumed.formUnion(((i + length)..<j).filter { spanCovering($0) == nil })
        // "whether refunded or not", "gift aid or not": the closing "or not" belongs to the phrase.
        var n = spans[k].range.upperBound
        while let w = word(n), ["ones", "one"].contains(w) { n += 1 }
        if let closing = phrase(Self.inclusionClosers, at: n), !excluded { take(n..<(n + closing)) }
    }

    /// "refunds included", "cancelled ones included", "refunded or not": the value or yes/no column before the phrase.
    private mutating func governClosed(at i: Int, length: Int, excluded: Bool) {
        var j = i - 1
        while j >= 0, spanCovering(j) == nil, let w = word(j), ["ones", "one", "being", "are", "were", "is"].contains(w) { j -= 1 }
        if j >= 0, governState(at: j, excluded: excluded) {
            take(i..<(i + length))
            return
        }
        guard j >= 0, let k = spanEnding(j), govern(k, excluded: excluded, opener: word(i)) else { return }
        take(i..<(i + length))
        // "whether refunded or not".
        if let p = previous(spans[k].range.lowerBound, skipping: Self.governedSkips), word(p) == "whether" { take(p..<(p + 1)) }
    }

    /// Marks span `k` governed: a stored value read negated (or dropped), a yes/no column made its
    /// condition (or dropped). False when the span is neither, so the phrase stays unexplained.
    private mutating func govern(_ k: Int, excluded: Bool, opener: String? = nil) -> Bool {
        guard !used.contains(k) else { return false }
        if case let .value(_, columns) = spans[k].meaning {
            // "titles including Love" seeks a text; only a row's state is kept in by "including" or "counting".
            if !excluded, let opener, Self.containingOpeners.contains(opener),
               !columns.contains(where: { Linker.isStateColumn(graph.column($0)) }) { return false }
            exclusionMarks[spans[k].range.lowerBound] = excluded
            if !excluded { used.insert(k) }
            return true
        }
        guard spans[k].table == nil || spans[k].range.count == 1,
              let column = spans[k].columns.first(where: { graph.column($0).flag != nil }) else { return false }
        used.insert(k)
        if excluded { intents.append(Intent(kind: .flag(column, negated: true), at: spans[k].range.lowerBound, columnSpan: k)) }
        return true
    }

    /// Whether the word at `i` is a participle of a verb that adds no condition ("billed", "sold", "made").
    static func isParticiple(_ i: Int, _ tokens: [QuestionText.Token]) -> Bool {
        guard tokens.indices.contains(i), !tokens[i].quoted, tokens[i].number == nil else { return false }
        return Lexicon.neutralVerbs.contains(tokens[i].stem) && (tokens[i].lower.hasSuffix("ed") || ["sold", "made", "bought", "written", "done", "taken", "given"].contains(tokens[i].lower))
    }

    /// "excluding paid ones": a participle the linker left as a verb that is the whole of a value of
    /// exactly one state column (`status` holding "paid") is that state.
    private mutating func governState(at j: Int, excluded: Bool) -> Bool {
        // A stored value the linker placed is read with the values; a one-word table or column
        // mention ("paid" meeting `payments`) gives way to the state it spells.
        let k = spanCovering(j)
        guard let w = word(j), !consumed.contains(j), !Lexicon.fillers.contains(w),
              k.map({ !spans[$0].isValue && spans[$0].range.count == 1 && !used.contains($0) }) ?? true else { return false }
        var found: [(String, ColumnRef)] = []
        for table in graph.tables {
            for column in table.columns where Linker.isStateColumn(column) {
                if let value = column.values.first(where: { $0.lowercased() == w }) { found.append((value, column.ref)) }
            }
        }
        guard found.count == 1 else { return false }
        consumed.insert(j)
        if let k { used.insert(k) }
        if moneyAt == j { moneyAt = nil }
        if excluded { intents.append(Intent(kind: .value(found[0].0, [found[0].1], negated: true), at: j)) }
        return true
    }

    /// Consumes the words of a phrase and the negations among them.
    private mutating func take(_ range: Range<Int>) {
        consumed.formUnion(range)
        negationAt.removeAll { range.contains($0) }
    }

    /// "(names, not ids)", "names rather than ids", "the name instead of the id": the negated id
    /// only says the answer shows names, which it does anyway.
    private mutating func readNegatedIDs() {
        for i in tokens.indices where !consumed.contains(i) || negationAt.contains(i) {
            let length: Int
            if word(i) == "not" { length = 1 } else if word(i) == "rather" && word(i + 1) == "than" || word(i) == "instead" && word(i + 1) == "of" { length = 2 } else { continue }
            var j = i + length
            while let w = word(j), ["the", "their", "its", "his", "her"].contains(w) { j += 1 }
            guard let w = word(j), Self.idWords.contains(w), j + 1 == tokens.count || word(j + 1) == nil || Lexicon.fillers.contains(word(j + 1) ?? ""),
                  let p = previous(i, skipping: ["the", "their", "its", "and", "but", "please"]), ["name", "names", "title", "titles"].contains(word(p) ?? "") else { continue }
            if let k = spanCovering(j) { used.insert(k) }
            take(i..<(j + 1))
            wantsLabel = true
        }
    }

    /// "still active", "issues still open", "no longer active" (read with the exclusions), "not
    /// active anymore": "still" only insists on a stored state that follows it, and "anymore" on a
    /// negation before it.
    private mutating func readStill() {
        for i in tokens.indices where !consumed.contains(i) {
            switch word(i) {
            case "still":
                var j = i + 1
                while j < tokens.count, spanStarting(j) == nil, let w = word(j), Self.governedSkips.contains(w) { j += 1 }
                guard let k = spanStarting(j) else { continue }
                let stored: Bool
                if case .value = spans[k].meaning { stored = true } else { stored = spans[k].columns.contains { graph.column($0).flag != nil } }
                if stored { consumed.insert(i) }
            case "anymore" where negationAt.contains(where: { $0 < i && $0 >= i - 8 }):
                consumed.insert(i)
            case "any" where word(i + 1) == "more" && (i + 2 == tokens.count || word(i + 2) == nil) && negationAt.contains(where: { $0 < i && $0 >= i - 8 }):
                consumed.formUnion([i, i + 1])
            default:
                break
            }
        }
    }
}
