/// A share of rows per group: "what percentage of each hotel's bookings ended up cancelled" is,
/// per hotel, 100 × the bookings that are cancelled over all its bookings. The question is read as
/// a count of the rows named after "percentage of"; the conditions said after those rows pick the
/// part counted, those said before (or elsewhere) the whole.
extension Reading {
    /// Words that ask for a share of rows when "of" follows them.
    static let shareWords: Set<String> = ["percentage", "percent", "proportion", "share", "fraction"]
    /// Verb phrases that only say what became of the rows: "ended up cancelled", "turned out late".
    static let outcomePhrases: [[String]] = [["ended", "up"], ["end", "up"], ["turned", "out"], ["wound", "up"],
                                             // "what percentage of all tracks does each media type account for / make up".
                                             ["account", "for"], ["accounts", "for"], ["make", "up"], ["makes", "up"]]

    /// Reads "percentage of", "share of": the answer is a share of counted rows.
    mutating func readShare() {
        for i in tokens.indices where tokens.indices.contains(i + 1) {
            guard let w = word(i), Self.shareWords.contains(w), word(i + 1) == "of", !consumed.contains(i),
                  !graph.tables.contains(where: { table in table.words.contains(tokens[i].stem) || table.columns.contains { $0.words.contains(tokens[i].stem) } }) else { continue }
            shareAt = i
            countAt = countAt ?? i
            consumed.formUnion([i, i + 1])
            // "… Show the project name and the percentage": the same share named again to be shown.
            for j in tokens.indices where j > i + 1 && word(j).map(Self.shareWords.contains) == true && word(j + 1) != "of" { consumed.insert(j) }
            for j in (i + 2)..<tokens.count {
                for phrase in Self.outcomePhrases where j + phrase.count <= tokens.count && (0..<phrase.count).allSatisfy({ word(j + $0) == phrase[$0] }) {
                    consumed.formUnion(j..<(j + phrase.count))
                }
            }
            return
        }
    }

    /// The count of the rows named, with the count replaced by the share of them that meet the
    /// conditions said after the rows' noun.
    mutating func buildShare() throws -> QueryPlan {
        // "percentage of each hotel's bookings": the rows are the first table named after it that does not group.
        let named = shareAt.flatMap { at in
            spans.indices.first { spans[$0].range.lowerBound > at && spans[$0].table != nil && !spans[$0].isValue && !groupSpans.contains($0) }
        }
        guard let k = countSpan ?? named, spans[k].table != nil else { throw Refusal("it cannot tell which rows the percentage is of") }
        countSpan = k
        used.insert(k)
        let after = spans[k].range.upperBound
        guard intents.contains(where: { $0.at >= after }) else { return try buildShareOfAll(rowsAt: k) }
        var whole = self
        whole.shareAt = nil
        whole.intents.removeAll { $0.at >= after }
        var part = self
        part.shareAt = nil
        var plan = try whole.buildPlan()
        let counted = try part.buildPlan()
        let added = counted.conditions.filter { !plan.conditions.contains($0) }
        guard !added.isEmpty, counted.conditions.count == plan.conditions.count + added.count, plan.combined.isEmpty,
              let index = plan.outputs.firstIndex(where: { $0.expr == .count }), !plan.fansOut(graph) else {
            throw Refusal("it cannot tell which rows the percentage counts")
        }
        plan.outputs[index] = QueryPlan.Output(expr: .share(added), alias: "percent")
        // "percentage of movies that are comedies" through a linking table would count a movie once per genre.
        if plan.fansOut(graph) { throw Refusal("the rows the percentage counts repeat through the tables its condition needs") }
        if plan.orderBy.contains(where: { $0.expr == .count }) { plan.orderBy = plan.orderBy.map { $0.expr == .count ? (.share(added), $0.descending) : $0 } }
        notes = whole.notes + ["took the percentage of the rows that meet the conditions said after \(quoted(k))"]
        return plan
    }

    /// "What percentage of all tracks does each media type account for": no condition picks a part,
    /// so each group's rows are counted against all the rows of the table. Only where the rows are
    /// grouped and kept whole (no condition, which the whole would need as well).
    private mutating func buildShareOfAll(rowsAt k: Int) throws -> QueryPlan {
        // Only where the group is said to make up the rows ("account for", "make up"): a part left
        // unread ("were gift-aided" naming no condition) must not pass for the whole.
        let phrases: [[String]] = [["account", "for"], ["accounts", "for"], ["make", "up"], ["makes", "up"]]
        let saysShareOfAll = tokens.indices.contains { j in phrases.contains { phrase in (0..<phrase.count).allSatisfy { word(j + $0) == phrase[$0] } } }
        guard saysShareOfAll else { throw Refusal("it cannot tell which rows the percentage counts") }
        var whole = self
        whole.shareAt = nil
        var plan = try whole.buildPlan()
        guard let table = spans[k].table, plan.base == table, !plan.groupBy.isEmpty, plan.conditions.isEmpty, plan.having.isEmpty, plan.combined.isEmpty,
              !plan.fansOut(graph), let index = plan.outputs.firstIndex(where: { $0.expr == .count }) else {
            throw Refusal("it cannot tell which rows the percentage counts")
        }
        plan.outputs[index] = QueryPlan.Output(expr: .shareOfAll(table), alias: "percent")
        if plan.orderBy.contains(where: { $0.expr == .count }) { plan.orderBy = plan.orderBy.map { $0.expr == .count ? (.shareOfAll(table), $0.descending) : $0 } }
        notes = whole.notes + ["took each group's percentage of all the rows of \(tableName(table))"]
        return plan
    }
}
