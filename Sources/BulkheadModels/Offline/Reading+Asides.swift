extension Reading {
    /// Whether the token at `i` is "else" after an indefinite pronoun that stands for the row a key of
    /// a table to itself points to ("referred by someone else": the word before names `referred_by`).
    /// When no such key is named there ("report to someone else" with no reading of "report"),
    /// "else" stays unexplained and the planner refuses rather than answer without the relation.
    func isPlacedElse(_ i: Int) -> Bool {
        guard word(i) == "else", i > 1, Lexicon.indefinitePronouns.contains(word(i - 1) ?? "") else { return false }
        var j = i - 2
        while j > 0, ["by", "to", "from", "with", "of"].contains(word(j) ?? "") { j -= 1 }
        guard let k = spanCovering(j) else { return false }
        return spans[k].columns.contains { isSelfReference($0) }
    }
}

extension Reading {
    /// Superlatives the cues read as a bare direction when both ends of "from … to …" are among them.
    static let directionWords: Set<String> = [
        "most", "highest", "largest", "biggest", "greatest", "longest", "best", "least", "fewest", "lowest", "smallest", "shortest", "worst",
    ]

    /// "from cheapest to priciest", "from lightest to heaviest": two opposed superlatives of a measure
    /// order the rows listed by that measure, starting from the first one's end; no row is ranked
    /// out. ("from most to fewest" and its like, which name no measure, are read with the cues.)
    mutating func readOrderBetweenSuperlatives() {
        for i in tokens.indices where word(i) == "from" && !consumed.contains(i) {
            guard let a = word(i + 1), word(i + 2) == "to", let b = word(i + 3),
                  let first = Lexicon.superlatives[a], let last = Lexicon.superlatives[b],
                  let measured = first.words, !measured.isEmpty, last.words == measured, first.descending != last.descending,
                  Reading.chronologicalWords[a] == nil,
                  // "from smallest to largest", "from highest to lowest": read with the cues, by the rows' own sort.
                  !(Self.directionWords.contains(a) && Self.directionWords.contains(b)) else { continue }
            orderByListed = true
            orderDescending = first.descending
            orderMeasureWords = measured
            consumed.formUnion(i...(i + 3))
        }
    }

    /// Whether the word at `i` opens the question as an imperative of ordering ("Rank our services
    /// from cheapest to priciest", "Sort the plans, cheapest first") whose order another reading took:
    /// the verb only says the rows come in that order.
    func isImperativeOfOrder(_ i: Int) -> Bool {
        guard ["rank", "sort", "arrange"].contains(word(i) ?? ""), (0..<i).allSatisfy({ ["please", "now", "then", "and"].contains(word($0) ?? "") }) else { return false }
        return orderByListed || orderDescending != nil || orderAlphabetical || orderChronological
    }

    /// The one numeric column of `table` whose name the superlatives' measure words begin
    /// ("cheapest" meets `list_price`, `monthly_fee`), else for a price its one money column
    /// (`base_rate`); none when several fit.
    func measureNamedBySuperlatives(of table: Int) -> ColumnRef? {
        guard let words = orderMeasureWords else { return nil }
        let fitting = graph.tables[table].columns.filter { column in
            column.kind == .numeric && !column.isKey && column.words.contains { w in words.contains { w.hasPrefix($0) } }
        }
        if fitting.count == 1 { return fitting[0].ref }
        // "cheapest" of a table whose price is called a rate: its one money column.
        if fitting.isEmpty, words.contains(where: { w in Reading.priceStems.contains { $0.hasPrefix(w) || w.hasPrefix($0) } }), let money = graph.moneyColumn(of: table) { return money.ref }
        return nil
    }
}

extension Reading {
    /// Takes the asides ("at some point", "they're") before names are linked, so that a word inside
    /// one ("point") never meets a column it happens to spell (`reorder_point`, `points`).
    mutating func readAsides() {
        consumed.formUnion(Lexicon.asideTokens(tokens))
    }
}
