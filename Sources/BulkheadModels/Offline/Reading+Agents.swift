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

extension Reading {
    /// "members who have ridden a cargo bike": a verb the schema does not name, between two things it
    /// links through exactly one table of events, says only "through that table"; the join finds the
    /// path. With several tables that could be meant it stays unknown and refuses.
    /// Prepositions of time: what follows says when the verb's event happened, not what it acted on
    /// or where ("slept in rooms" still names the rooms of the stays).
    static let eventPrepositions: Set<String> = ["during", "while", "after", "before", "since", "until", "throughout"]

    func isEventVerb(_ i: Int) -> Bool {
        let w = tokens[i].lower
        // An irregular form ("slept", "ridden") is a verb only after a word that takes one (WordNet's list holds nouns too).
        let verbal: Set<String> = ["have", "has", "had", "was", "were", "been", "who", "that", "not", "never", "ever"]
        guard w.count > 3, w.hasSuffix("ed") || WordNetForms.irregular[w] != nil && !w.hasSuffix("ing") && i > 0 && verbal.contains(tokens[i - 1].lower),
              let before = (0..<i).reversed().lazy.compactMap({ self.spanEnding($0) }).first,
              let after = (i + 1..<tokens.count).lazy.compactMap({ self.spanStarting($0) }).first,
              let a = onlyTable(before), let b = onlyTable(after), a != b,
              // "ridden a cargo bike" takes the thing as its object; "injured during a class" says what
              // happened to the subject while it was there, a condition nothing records, and is refused.
              !tokens[(i + 1)..<spans[after].range.lowerBound].contains(where: { Self.eventPrepositions.contains($0.lower) }) else { return false }
        let linking = graph.tables.indices.filter { c in
            c != a && c != b && graph.edges.contains { $0.child == c && $0.parent == a } && graph.edges.contains { $0.child == c && $0.parent == b }
        }
        // Where the second thing is itself the rows of events, one key away ("customers who cancelled
        // their invoices"), an unknown verb is a condition on those rows that nothing read: refused.
        return linking.count == 1
    }

    /// The one table a span names: a table, or the table of every column or stored value it names.
    private func onlyTable(_ k: Int) -> Int? {
        if let t = spans[k].table { return t }
        var columns = spans[k].columns
        if case let .value(_, holders) = spans[k].meaning { columns += holders }
        let tables = Set(columns.map(\.table))
        return tables.count == 1 ? tables.first : nil
    }
}
