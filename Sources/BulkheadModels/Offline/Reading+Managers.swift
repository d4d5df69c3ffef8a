/// Whether a row has a manager: "employees with no manager", "staff who have a supervisor". A
/// table's key to itself (`ReportsTo`) is the manager; having none is that key being empty, not
/// an absence of rows of some other table.
extension Reading {
    /// Reads "no manager", "without a manager" (the key is empty) and "have a manager" (it is not)
    /// at the manager word `i`, when exactly one key refers to its own table.
    mutating func readHasManager(_ i: Int) -> Bool {
        let selfKeys = graph.edges.filter { $0.child == $0.parent && $0.childColumns.count == 1 }
        guard selfKeys.count == 1, let p = previous(i, skipping: ["a", "an", "any"]), let before = word(p) else { return false }
        let column = ColumnRef(table: selfKeys[0].child, column: selfKeys[0].childColumns[0])
        let negated: Bool
        if ["no", "without"].contains(before) {
            negated = true
            negationAt.removeAll { $0 == p }
        } else if ["have", "has", "with"].contains(before), p + 1 < i {
            negated = false
        } else {
            return false
        }
        intents.append(Intent(kind: .present(column, negated: negated), at: p))
        consumed.formUnion(p...i)
        notes.append("read \"\(tokens[i].text)\" as \(columnName(column))")
        return true
    }
}

/// "Customers who live in the same country as their support rep": the subject's column equal to
/// the same column of the row a foreign key leads to. Rows of one table compared with each other
/// (an employee and their manager) would need the table twice, so that is still refused.
extension Reading {
    /// Reads "the same <column> as <its, their> <table>" after the subject's table.
    mutating func readSameAs() {
        guard let same = tokens.indices.first(where: { word($0) == "same" }), let k = spanStarting(same + 1), !spans[k].columns.isEmpty,
              word(spans[k].range.upperBound) == "as",
              let n = following(spans[k].range.upperBound, skipping: ["the", "their", "its", "his", "her", "a", "an"]), let r = spanStarting(n),
              let other = spans[r].table,
              let s = spans.indices.first(where: { spans[$0].table != nil && spans[$0].range.upperBound <= same }), let subject = spans[s].table,
              subject != other, graph.distance(subject, other) != nil else { return }
        let columns = spans[k].columns
        guard let own = columns.first(where: { $0.table == subject }),
              let theirs = columns.first(where: { $0.table == other && graph.column($0).words == graph.column(own).words }) else { return }
        intents.append(Intent(kind: .sameAs(own, theirs, edge: spans[r].edge), at: same))
        used.formUnion([k, r])
        consumed.formUnion(same..<spans[r].range.upperBound)
    }
}
