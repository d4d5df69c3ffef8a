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

    /// "trips starting at each station", "rentals picked up at each branch": a verb whose stem (or
    /// whose phrasal verb's one-word noun) begins the name of exactly one of several keys between
    /// two tables (`start_station_id`, `pickup_branch_id`) chooses that key, when the question
    /// names the table the keys point to. Two verbs choosing two keys of the same pair cancel out,
    /// and the join refuses as before.
    mutating func readKeyVerbs() {
        var verbs: [(stem: String, at: Int)] = []
        for (i, token) in tokens.enumerated() where !links.valueTokens.contains(i) && token.number == nil && !token.quoted {
            let w = token.lower
            // A verb's plain form before its preposition too: "which station did the most trips start at".
            let plain = i + 1 < tokens.count && ["at", "from", "to", "in", "on"].contains(tokens[i + 1].lower) && spanCovering(i).map { spans[$0].table == nil } ?? true
            if w.count > 3, w.hasSuffix("ed") || w.hasSuffix("ing") || WordNetForms.irregular[w] != nil || plain { verbs.append((token.stem, i)) }
            if i + 1 < tokens.count, links.isPhrasalVerb(i..<(i + 2)) { verbs.append((Lexicon.stem(token.stem + tokens[i + 1].lower), i)) }
        }
        guard !verbs.isEmpty else { return }
        var chosen: [Int: [(edge: Int, at: Int)]] = [:]
        for edge in graph.edges where edge.child != edge.parent && edge.childColumns.count == 1 {
            let siblings = graph.edges.filter { $0.child == edge.child && $0.parent == edge.parent && $0.childColumns.count == 1 }
            guard siblings.count > 1, spans.contains(where: { names($0, edge.parent) }) else { continue }
            var verbAt: Int?
            let matching = siblings.filter { sibling in
                let column = graph.tables[sibling.child].columns[sibling.childColumns[0]]
                let raw = SchemaGraph.rawWords(of: column.name)
                guard let first = column.ownWords.first, column.ownWords.count > 1 else { return false }
                let agents = raw.count == 2 ? Set(Linker.verbStems(ofRoleNoun: raw[0])) : []
                guard let verb = verbs.first(where: { $0.stem == first || agents.contains($0.stem) }) else { return false }
                if sibling.id == edge.id { verbAt = verb.at }
                return true
            }
            if matching.count == 1, let at = verbAt { chosen[edge.child * 10_000 + edge.parent, default: []].append((edge.id, at)) }
        }
        for found in chosen.values where found.count == 1 {
            let (id, at) = found[0]
            roleEdges.insert(id)
            // The verb said which key joins; it names neither that key's column nor anything else of it.
            guard let k = spanCovering(at), let edge = graph.edges.first(where: { $0.id == id }) else { continue }
            let key = ColumnRef(table: edge.child, column: edge.childColumns[0])
            // A date it also names ("picked up": `pickup_date`) is read from the question's words when a date is asked.
            let rest = spans[k].columns.filter { $0 != key && !graph.column($0).isKey && graph.column($0).kind != .date }
            guard spans[k].table == nil, !spans[k].isValue, spans[k].columns.contains(key) else { continue }
            if rest.isEmpty {
                consumed.formUnion(spans[k].range)
                links.remove(k)
            } else {
                links.retype(k, as: .columns(rest))
            }
        }
    }

    /// "projects with no issues logged yet": a participle right after a plural noun says what was
    /// done to those rows; where it is a verb that adds no condition of its own and names another
    /// table only weakly (the last word of `work_logs`), it is no mention of that table.
    mutating func dropParticiplesAfterNouns() {
        var k = 0
        while k < spans.count {
            defer { k += 1 }
            let at = spans[k].range.lowerBound
            guard spans[k].range.count == 1, let table = spans[k].table, spans[k].strength <= 2, spans[k].edge == nil, at > 0,
                  tokens[at].lower.hasSuffix("ed"), Lexicon.neutralVerbs.contains(tokens[at].stem),
                  let noun = spanEnding(at - 1), let before = spans[noun].table, before != table, isPlural(noun) else { continue }
            consumed.insert(at)
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
    func names(_ span: Linker.Span, _ table: Int) -> Bool {
        if let t = span.table { return t == table }
        if case let .value(_, holders) = span.meaning { return !holders.isEmpty && holders.allSatisfy { $0.table == table } }
        return !span.columns.isEmpty && span.columns.allSatisfy { $0.table == table }
    }

    /// The one table of events a verb before `at` names through its root ("rented" → rentals,
    /// "ordered" → orders): the verb nearest before, within the clause; nil when none or several.
    func tableOfVerb(before at: Int) -> Int? {
        for j in stride(from: at - 1, through: max(0, at - 6), by: -1) {
            let w = tokens[j].lower
            guard !links.valueTokens.contains(j), w.count > 3, w.hasSuffix("ed") || WordNetForms.irregular[w] != nil else { continue }
            let roots = Lexicon.roots(w)
            let found = graph.tables.filter { table in
                guard let last = SchemaGraph.rawWords(of: table.name).last, last.count > 3 else { return false }
                // "bookings" is made from "book" as "rentals" from "rent".
                let own = Lexicon.roots(last).union(last.hasSuffix("s") ? Lexicon.roots(String(last.dropLast())) : [])
                return !own.isDisjoint(with: roots)
            }
            return found.count == 1 ? found[0].index : nil
        }
        return nil
    }
}
