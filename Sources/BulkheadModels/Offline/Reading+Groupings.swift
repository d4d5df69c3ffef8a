/// Groupings a question implies without "each" or "per": the subject's rows behind a count of
/// related rows ("artists with more than 3 albums, and the number of albums"), a column's values
/// ranked by a sum ("which billing country has the highest total"), and a possessive ("which
/// country's customers spent the most").
extension Reading {
    /// "both Jazz and Blues": two values of one column, before "and" and after it.
    mutating func readBoth() {
        guard let both = tokens.indices.first(where: { tokens[$0].lower == "both" }) else { return }
        let values = spans.indices.filter { spans[$0].isValue && spans[$0].range.lowerBound > both }
        guard values.count == 2, case let .value(_, first) = spans[values[0]].meaning, case let .value(_, second) = spans[values[1]].meaning,
              !Set(first).isDisjoint(with: second),
              tokens[spans[values[0]].range.upperBound..<spans[values[1]].range.lowerBound].contains(where: { $0.lower == "and" }) else { return }
        bothAt = both
        consumed.insert(both)
    }

    /// "customers who bought both Jazz and Blues tracks": one `IN` per value, each through the
    /// foreign keys from the subject to the value's table, rather than one row holding both.
    func splitBoth(_ plan: inout QueryPlan, subject: Int) throws {
        guard bothAt != nil else { return }
        guard let index = plan.conditions.firstIndex(where: { if case let .oneOf(_, values, false) = $0 { return values.count == 2 }; return false }),
              case let .oneOf(expr, values, _) = plan.conditions[index] else { throw Refusal("it cannot require both conditions of the same rows") }
        let keys = graph.tables[subject].primaryKey.map { QueryPlan.Expr.column($0.ref) }
        guard !keys.isEmpty, expr.columns.allSatisfy({ $0.table != subject }) else { throw Refusal("it cannot require both conditions of the same rows") }
        plan.conditions.remove(at: index)
        for value in values {
            var sub = QueryPlan(base: subject)
            sub.outputs = keys.map { QueryPlan.Output(expr: $0) }
            sub.conditions = [.oneOf(expr, [value], negated: false)]
            sub.entries = plan.entries
            plan.conditions.append(.inQuery(keys, sub, negated: false))
        }
    }

    mutating func regroup(subject: Int?, measure: inout Measure?, groups: inout [GroupKey]) {
        // "Which artists have more than 3 albums? Show the name and the number of albums": the count is per artist.
        if groups.isEmpty, rank == nil, let subject, case let .rows(counted)? = measure, counted != subject,
           intents.contains(where: { if case let .havingCount(t, _, _) = $0.kind { return t == counted }; return false }) {
            groups = [.table(subject)]
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
