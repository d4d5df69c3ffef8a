/// Tables of people read from their structure, whatever the schema calls them: a `full_name`
/// column names a person, and a person who has a hire date, a salary or an hourly rate, a job
/// title or a manager among the rows of their own table is a member of staff.
extension SchemaGraph {
    /// Column words that mark the people a business employs: when they were hired, what they are
    /// paid, their job title.
    static let employmentWords = Lexicon.stems(["hire", "hired", "salary", "wage", "wages", "payroll"])

    /// Nouns for the people a business employs, whatever its schema calls them ("staff members",
    /// "employees", "personnel").
    static let staffNouns = Lexicon.stems(["staff", "employee", "employees", "personnel", "workforce", "colleague", "colleagues", "worker", "workers"])

    /// Whether a table names each row by a full name (`full_name`, `fullname`): a table of people,
    /// though its own name ("mechanics", "users") may say nothing of it.
    func hasFullName(_ table: Int) -> Bool {
        let full = Lexicon.stem("full")
        return tables[table].columns.contains { column in
            column.kind == .text && !column.isKey && (column.ownWords == [full, "nam"] || column.ownWords == [Lexicon.stem("fullname")])
        }
    }

    /// Whether a table of people holds the business's own staff: a column of hiring or pay
    /// (`hired_on`, `hire_date`, `salary`, `hourly_rate`), a job title, or a key to a manager
    /// among the rows of the same table.
    func isStaffTable(_ table: Int) -> Bool {
        guard isPersonTable(table) else { return false }
        let columns = tables[table].columns
        let hourly = Lexicon.stem("hourly")
        let job = Lexicon.stem("job")
        if columns.contains(where: { column in
            !column.isKey && (!Set(column.ownWords).isDisjoint(with: Self.employmentWords) || column.ownWords.first == hourly
                || column.ownWords.first == job && column.ownWords.last == Lexicon.stem("title"))
        }) { return true }
        return edges.contains { $0.child == table && $0.parent == table }
            && columns.contains { column in column.isForeignKey && column.ownWords.contains(where: Linker.reportingWords.contains) }
    }

    /// The schema's one table of staff, if exactly one table looks like it.
    var staffTable: Int? {
        let staff = tables.indices.filter(isStaffTable)
        return staff.count == 1 ? staff[0] : nil
    }
}
