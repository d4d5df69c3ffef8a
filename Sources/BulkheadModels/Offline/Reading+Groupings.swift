/// Groupings a question implies without "each" or "per": the subject's rows behind a count of
/// related rows ("artists with more than 3 albums, and the number of albums"), a column's values
/// ranked by a sum ("which billing country has the highest total"), and a possessive ("which
/// country's customers spent the most").
extension Reading {
    mutating func regroup(subject: Int?, measure: inout Measure?, groups: inout [GroupKey]) {
        groupSpannedBySubject(subject: subject, measure: measure, groups: &groups)
        // "Which artists have more than 3 albums? Show the name and the number of albums": the count is per artist.
        if groups.isEmpty, rank == nil, let subject, case let .rows(counted)? = measure, counted != subject,
           intents.contains(where: { if case let .havingCount(t, _, _) = $0.kind { return t == counted }; return false }) {
            groups = [.table(subject)]
        }
        // "artists that have more than four albums, with how many each has": a "how many" that names
        // nothing counts, per subject row, the rows the condition counted.
        if groups.isEmpty, rank == nil, let subject, case .rows(subject)? = measure, countSpan == nil, let at = countAt, at > 0,
           let counted = intents.lazy.compactMap({ intent -> Int? in
               if case let .havingCount(t, _, _) = intent.kind, t != subject, intent.at < at { return t }
               return nil
           }).first {
            measure = .rows(table: counted)
            groups = [.table(subject)]
            notes.append("counted \(tableName(counted)) rows per \(tableName(subject))")
        }

        // "Which billing country has the highest total": a column's values, ranked by the sum of money in their rows.
        if let rank, rank.kind == .superlative, measure == nil, groups.isEmpty, tokens.count > 2, ["which", "what"].contains(tokens[0].lower),
           let k = projectionSpans.first(where: { spans[$0].range.lowerBound == 1 }),
           let group = spans[k].columns.first(where: { graph.column($0).kind == .text && !graph.column($0).isKey }),
           subject == nil || subject == group.table {
            var probe = self
            probe.projectionSpans.removeAll { $0 == k }
            if let column = try? probe.rankColumn(rank, subject: group.table), column.table == group.table,
               graph.column(column).isMoney || graph.column(column).isQuantity {
                self = probe
                used.insert(k)
                measure = .expression(function: "SUM", expr: .aggregate("SUM", .column(column)), table: group.table, condition: nil)
                groups = [.column(group)]
                notes.append("summed \(columnName(column)) per \(columnName(group))")
            }
        }
        // "Which country's customers spent the most": the customers' country, not each customer.
        if rank != nil, groups.isEmpty, let s = subjectSpan, let table = spans[s].table, let p = previous(spans[s].range.lowerBound, skipping: []),
           tokens[p].lower == "s", let k = spanEnding(p - 1), k != s,
           let column = spans[k].columns.first(where: { $0.table == table && graph.column($0).kind == .text && !graph.column($0).isKey }) {
            groups = [.column(column)]
            used.insert(k)
            projectionSpans.removeAll { $0 == k }
        }
    }
}
