/// Names reached through the senses of nouns in WordNet when nothing else names a word: a noun
/// whose first sense is that of a table's or column's one-word name ("pupils" for `students`,
/// "velocity" for `speed`), or, for people, a broader word than the name ("writers" for a
/// `playwright` column, "workers" for `employees`: a playwright is a kind of writer).
///
/// Never the reverse: a narrower word than the name ("dancers", "novelists" for a table of
/// performers or writers) asks for some of its rows, which no name tells apart, so it stays unlinked.
extension Linker {
    /// The one table, the columns of one name, or the one key naming a role ("author_id") that a
    /// word names through its first sense. Only a word nothing else names, neither capitalised (but
    /// the first) nor a word that shapes questions; a word that fits several of these stays unlinked.
    func senseNames(_ i: Int) -> Span? {
        let token = tokens[i]
        guard token.number == nil, !token.quoted, !token.capitalized || i == 0, token.lower.count > 4, token.lower.allSatisfy(\.isLetter),
              !Self.isQuestionWord(token.lower), !Lexicon.fillers.contains(token.lower),
              case let senses = Self.nounSenses(token), !senses.isEmpty else { return nil }
        var tables: [Int] = []
        var columns: [SchemaGraph.ColumnRef] = []
        var roles: [SchemaGraph.Edge] = []
        for table in graph.tables {
            let words = SchemaGraph.rawWords(of: table.name)
            if words.count == 1, Self.senseNames(words[0], senses) { tables.append(table.index) }
            for column in table.columns where !column.isPrimaryKey || column.kind == .text || column.isForeignKey {
                let words = SchemaGraph.rawWords(of: column.name)
                if words.count == 1, !column.isPrimaryKey || column.kind == .text, Self.senseNames(words[0], senses) { columns.append(column.ref) }
                // "writers" for `author_id`: the people a key names by their role, entered by that key.
                if words.count == 2, column.isForeignKey, words[1] == "id", Self.senseNames(words[0], senses),
                   let edge = graph.edges.first(where: { $0.child == table.index && $0.childColumns == [column.ref.column] }), edge.parent != table.index,
                   [Lexicon.stem(words[0])] != graph.tables[edge.parent].words {
                    roles.append(edge)
                }
            }
        }
        // A key named after the table it points to ("student_id") is that table, not a role.
        roles.removeAll { tables.contains($0.parent) }
        let names = Set(columns.map { graph.column($0).name.lowercased() })
        if tables.count == 1, names.isEmpty, roles.isEmpty {
            return Span(range: i..<(i + 1), meaning: .table(tables[0]), strength: 2)
        }
        if roles.count == 1, tables.isEmpty, names.isEmpty {
            var span = Span(range: i..<(i + 1), meaning: .table(roles[0].parent), strength: 2)
            span.edge = roles[0].id
            return span
        }
        guard tables.isEmpty, roles.isEmpty, names.count == 1 else { return nil }
        var span = Span(range: i..<(i + 1), meaning: .columns(columns), strength: 2)
        for column in columns { span.columnStrengths[column] = 2 }
        return span
    }

    /// The group of a noun's first sense, read from the word or its singular ("buyers" → buyer,
    /// "deputies" → deputy, "women" → woman).
    static func nounSense(_ word: String) -> Int? {
        let w = word.lowercased()
        var forms = [w]
        if let base = WordNetForms.irregular[w] { forms.append(base) }
        if w.hasSuffix("ies") { forms.append(String(w.dropLast(3)) + "y") }
        // "-es" only after a hiss ("witnesses", "coaches"): "planes" is "plane", not "plan".
        if ["sses", "xes", "zes", "ches", "shes"].contains(where: w.hasSuffix) { forms.append(String(w.dropLast(2))) }
        if w.hasSuffix("s"), !w.hasSuffix("ss") { forms.append(String(w.dropLast())) }
        for form in forms {
            if let sense = WordNetForms.nounSenses[form] { return sense }
        }
        return nil
    }

    /// The senses a question's word stands for: its own first sense, and the sense of a synonym the
    /// lexicon gives it that WordNet holds to be its direct broader sense ("buyer" is a customer, and
    /// the lexicon makes them synonyms), so a kind of that sense meets it too ("patrons").
    static func nounSenses(_ token: QuestionText.Token) -> Set<Int> {
        guard let own = nounSense(token.lower) else { return [] }
        var senses: Set<Int> = [own]
        // The lexicon's groups hold words as written ("customer"), which WordNet needs; its table holds stems.
        for group in Lexicon.synonymGroups where group.contains(where: { Lexicon.stem($0) == token.stem }) {
            for synonym in group {
                if let broader = nounSense(synonym), WordNetForms.nounKinds[own].contains(broader) { senses.insert(broader) }
            }
        }
        return senses
    }

    /// Whether a word's first sense is one of people ("actress", "worker"), as far as WordNet's
    /// senses kept here tell: a word it does not hold is not one.
    static func isPersonNoun(_ word: String) -> Bool {
        nounSense(word).map { WordNetForms.nounPeople.contains($0) } ?? false
    }

    /// Whether a schema word names one of the senses of a question's word: the same first sense,
    /// or, for people, a direct kind of it (a `playwright` column for "writer").
    static func senseNames(_ schemaWord: String, _ senses: Set<Int>) -> Bool {
        guard let named = nounSense(schemaWord) else { return false }
        return senses.contains(named) || WordNetForms.nounKinds[named].contains(where: senses.contains)
    }
}
