/// Verbs that choose one of several foreign keys between two tables: "which user has been
/// assigned the most issues" joins issues to users by `assignee_id`, not `reporter_id`, because
/// the schema names that key with the noun made from the verb (see `Linker+Verbs.swift`).
extension Reading {
    /// A verb read as the table its role key points to, where the question also names that table
    /// (a noun, a stored value or a column of it): the verb only says which key joins them, so it
    /// becomes a chosen key of the plan and stops being a mention of its own. A verb alone
    /// ("who has been assigned the most issues") stays the mention of the people it names.
    mutating func readRoleVerbs() {
        var k = 0
        while k < spans.count {
            defer { k += 1 }
            guard let table = spans[k].table, let id = spans[k].edge, isRoleVerb(k) else { continue }
            let others = spans.indices.filter { j in j != k && names(spans[j], table) }
            // Another mention entered by another key of the same table: the verb cannot be placed.
            guard !others.isEmpty, others.allSatisfy({ spans[$0].edge == nil || spans[$0].edge == id }) else { continue }
            roleEdges.insert(id)
            consumed.formUnion(spans[k].range)
            links.remove(k)
            k -= 1
        }
    }

    /// Whether span `k` is a verb (an inflected verb, or a verb and its particle) rather than the
    /// role noun the schema names its key with.
    func isRoleVerb(_ k: Int) -> Bool {
        let range = spans[k].range
        if range.count == 2 { return links.isPhrasalVerb(range) }
        guard range.count == 1 else { return false }
        let w = tokens[range.lowerBound].lower
        return w.count > 3 && (w.hasSuffix("ed") || w.hasSuffix("ing") || WordNetForms.irregular[w] != nil)
    }

    /// Whether a mention names rows of `table`: the table, a stored value of it, or its columns.
    private func names(_ span: Linker.Span, _ table: Int) -> Bool {
        if let t = span.table { return t == table }
        if case let .value(_, holders) = span.meaning { return !holders.isEmpty && holders.allSatisfy { $0.table == table } }
        return !span.columns.isEmpty && span.columns.allSatisfy { $0.table == table }
    }
}
