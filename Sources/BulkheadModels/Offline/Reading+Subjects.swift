/// The tables a question is about when no noun names them outright: a lookup value said as the
/// noun, the date a "when" asks for, the people a "who" asks for, and the tables the words name.
extension Reading {
    /// "How many noble gases", "the transition metals with a density above 15": a value of a small
    /// lookup table's name, said as the question's noun, stands for the rows that refer to it
    /// (the elements of that category), unless the question asks for the lookup's own columns.
    func valueHeadTable() -> Int? {
        guard !spans.contains(where: { $0.table != nil }) else { return nil }
        let mentioned = spans.flatMap(\.columns) + intents.flatMap { intent -> [ColumnRef] in
            if case let .value(_, holders, _) = intent.kind { return holders }
            return []
        }
        for intent in intents {
            guard case let .value(_, holders, false) = intent.kind, intent.columnSpan == nil,
                  let lookup = holders.first(where: { graph.labelColumns(of: $0.table).contains($0) })?.table,
                  graph.tables[lookup].columns.filter({ !$0.isKey }).count <= 2,
                  !spans.flatMap(\.columns).contains(where: { $0.table == lookup }) else { continue }
            let children = Set(graph.edges.filter { $0.parent == lookup && $0.child != lookup }.map(\.child))
            if let named = children.sorted().first(where: { child in mentioned.contains { $0.table == child } }) { return named }
            if children.count == 1 { return children.first }
        }
        return nil
    }

    /// The date (or year) column of `table` a "when" question asks for: the one whose name shares
    /// a word with the question ("discovered" → year_discovered), or the table's only one.
    func askedDate(of table: Int) -> ColumnRef? {
        let stems = Set(tokens.map(\.stem))
        let dates = graph.tables[table].columns.filter { $0.kind == .date || $0.kind == .year }
        return (dates.first { !Set($0.words).isDisjoint(with: stems) } ?? (dates.count == 1 ? dates[0] : nil))?.ref
    }

    /// The table of people a "who" question asks for: the subject when it holds people, else the
    /// people at the other end of a linking table the question's verb names ("who directed …").
    mutating func personSubject(_ subject: Int?) throws -> Int? {
        if let subject, graph.isPersonTable(subject) { return subject }
        if subject == nil, let table = conditionTable(), graph.isPersonTable(table) { return table }
        if spans.contains(where: { $0.table.map(graph.isPersonTable) ?? false }) { return subject }
        for j in junctions.sorted() {
            guard let (first, second) = graph.junction(j) else { continue }
            let people = [first, second].filter { graph.isPersonTable($0.parent) }
            if people.count == 1 {
                groupEdges[people[0].parent] = people[0].id
                return people[0].parent
            }
        }
        if subject == nil, let people = peopleByColumns() { return people }
        if let (people, edge) = peopleByKey(subject) {
            groupEdges[people] = edge
            return people
        }
        throw Refusal("it asks who, and no table of people answers it")
    }

    /// The tables the question names, or whose name's words (or their synonyms) it uses: "directed"
    /// meets `directed_by`, "starred" meets `cast_members` through "star".
    func mentionedTables(_ questionStems: Set<String>) -> Set<Int> {
        var tables = Set(spans.compactMap(\.table))
        for table in graph.tables {
            let words = table.words.filter { !Lexicon.fillers.contains($0) && $0.count > 2 }
            if words.contains(where: { questionStems.contains($0) || !(Lexicon.synonyms[$0] ?? []).isDisjoint(with: questionStems) }) {
                tables.insert(table.index)
            }
        }
        return tables
    }

    /// Whether the value at token `i` is what has the question's rows: "How many tracks does Heart
    /// of the Night have?" names the owner of the tracks, so a track of the same name is not meant.
    func ownsTheSubject(at i: Int) -> Bool {
        guard let p = previous(i), ["does", "do", "did"].contains(word(p) ?? ""), let k = spanStarting(i) else { return false }
        let owning: Set<String> = ["have", "has", "had", "contain", "contains", "hold", "holds", "include", "includes", "feature", "features"]
        return owning.contains(word(spans[k].range.upperBound) ?? "")
    }
}
