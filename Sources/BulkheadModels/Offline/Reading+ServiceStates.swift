/// "Meters still in service", "vehicles no longer in use", "taken out of service": a row's working
/// state said in general English where the schema keeps no state column for it, only the date the
/// row was taken out of use (`removed_on`, `retired_on`, `decommissioned_at`). In use is that date
/// left empty; out of use is that date set. Read only when the table named before the phrase has
/// exactly one such date, so anywhere else the words stay unexplained and the planner refuses.
extension Reading {
    /// Phrases of a row still in use.
    static let inUsePhrases: [[String]] = [["in", "service"], ["in", "use"], ["in", "operation"], ["operational"], ["in", "commission"]]
    /// Phrases of a row taken out of use.
    static let outOfUsePhrases: [[String]] = [["out", "of", "service"], ["out", "of", "use"], ["out", "of", "commission"], ["decommissioned"]]
    /// Stems of the first word of a date column that records a row's removal from use.
    static let removalStems: Set<String> = Lexicon.stems(["removed", "retired", "decommissioned", "withdrawn", "scrapped", "disposed", "deactivated", "terminated"])

    /// Reads the in-use and out-of-use phrases, with "still", "no longer", "not" or "taken" before them.
    mutating func readServiceStates() {
        for i in tokens.indices where !consumed.contains(i) && spanCovering(i).map({ !spans[$0].isValue }) ?? true {
            var inUse: Bool
            let length: Int
            if let n = servicePhrase(Self.inUsePhrases, at: i) { inUse = true; length = n }
            else if let n = servicePhrase(Self.outOfUsePhrases, at: i) { inUse = false; length = n }
            else { continue }
            var start = i
            var p = previous(i, skipping: ["are", "is", "were", "was", "be", "been", "being", "currently", "now"])
            if let q = p, ["still", "taken", "put", "gone"].contains(word(q) ?? "") { start = q; p = previous(q, skipping: ["are", "is", "were", "was", "been", "have", "has", "had", "be", "being"]) }
            if let q = p, word(q) == "longer", word(q - 1) == "no" { inUse.toggle(); start = q - 1; p = previous(q - 1, skipping: ["are", "is", "were", "was", "be", "been"]) }
            else if let q = p, Self.negations.contains(word(q) ?? "") || word(q) == "t" { inUse.toggle(); start = word(q) == "t" ? q - 1 : q; p = previous(start, skipping: ["are", "is", "were", "was", "be", "been"]) }
            // The rows: the table named last before the phrase ("meters that are still in service").
            guard let table = spans.indices.last(where: { spans[$0].table != nil && spans[$0].range.upperBound <= start && !spans[$0].isValue })
                    .flatMap({ spans[$0].table }) else { continue }
            let dates = graph.tables[table].columns.filter { $0.kind == .date && !$0.isKey && $0.ownWords.first.map(Self.removalStems.contains) == true }
            guard dates.count == 1 else { continue }
            for j in i..<(i + length) { if let k = spanCovering(j) { used.insert(k) } }
            consumed.formUnion(start..<(i + length))
            negationAt.removeAll { $0 >= start && $0 < i + length }
            intents.append(Intent(kind: .present(dates[0].ref, negated: inUse), at: i))
        }
    }

    /// The length of the first of `phrases` at `i` whose words no value covers.
    private func servicePhrase(_ phrases: [[String]], at i: Int) -> Int? {
        phrases.first { words in words.indices.allSatisfy { word(i + $0) == words[$0] && !consumed.contains(i + $0) } }?.count
    }
}
