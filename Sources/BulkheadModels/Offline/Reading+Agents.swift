/// Who made or owns a row: "playlists created by customers", "albums made by artists". Such a verb
/// says each row has its maker, so the schema must record one: a foreign key from the row towards
/// the maker (each track has one album, each album one artist), a key from the maker to the row, or
/// a linking table between the two (`book_authors`). A longer path that fans out (playlists → their
/// tracks → the invoices that sold them → the customers who bought them) relates the rows, but says
/// nothing about who made them, so the question is refused rather than answered with buyers.
extension Reading {
    /// Passive verbs of making or owning whose agent ("by customers") must be recorded with the row.
    static let makingVerbs: Set<String> = [
        "created", "owned", "made", "built", "designed", "authored", "written", "founded", "compiled", "curated",
        "developed", "invented", "produced", "published", "manufactured", "started", "set",
    ]

    /// Refuses a "made by <table>" whose table the schema does not record as the maker of `subject`'s rows.
    func checkMakers(subject: Int) throws {
        for i in tokens.indices where word(i) == "by" {
            guard let p = previous(i), let verb = word(p), Self.makingVerbs.contains(verb),
                  let k = spanStarting(following(i)), let maker = spans[k].table, maker != subject,
                  let path = graph.path(from: subject, to: maker, preferring: junctions), !path.isEmpty else { continue }
            let first = path[0]
            let middle = first.child == subject ? first.parent : first.child
            let recorded = !graph.fansOut(from: subject, along: path) || path.count == 1
                || path.count == 2 && graph.junction(middle) != nil
            guard recorded else {
                throw Refusal("nothing in the schema records which \(tableName(maker)) row \(verb) each \(tableName(subject)) row")
            }
        }
    }
}
