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
