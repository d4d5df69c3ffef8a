/// Names reached through general English when nothing else names a word: a noun whose two-word
/// synonym is a column's whole name ("surname" for `last_name`, from WordNet), and a noun of
/// measure made from a unit ("mileage" from "mile", for a distance column).
extension Linker {
    /// The columns a word names through WordNet's two-word synonyms of its first sense, or through
    /// the unit it is made from with "-age". Only a word nothing else names, neither capitalised
    /// nor a word that shapes questions, and only when the synonyms reach the columns of one name
    /// (a foreign key may repeat it): several different columns leave the word unlinked.
    func synonymColumns(_ i: Int, _ dictionary: [[String]: [Target]]) -> Span? {
        let token = tokens[i]
        guard token.number == nil, !token.quoted, !token.capitalized || i == 0, token.lower.count > 4, token.lower.allSatisfy(\.isLetter),
              !Self.isQuestionWord(token.lower), !Lexicon.fillers.contains(token.lower) else { return nil }
        var keys: [[String]] = []
        let singular = token.lower.hasSuffix("s") ? String(token.lower.dropLast()) : token.lower
        for form in [token.lower, singular] {
            for compound in WordNetForms.compounds[form] ?? [] {
                keys.append(compound.split(separator: "_").map { Lexicon.stem(String($0)) })
            }
        }
        // "mileage", "tonnage": the quantity counted in the unit the noun is made from.
        if singular.hasSuffix("age"), singular.count > 6 {
            keys.append([Lexicon.stem(String(singular.dropLast(3)))])
        }
        var columns: [SchemaGraph.ColumnRef] = []
        for key in keys {
            let found = (dictionary[key] ?? []).filter { $0.table == nil && $0.metric == nil && $0.condition == nil && $0.threshold == nil }
            let strongest = found.map(\.strength).max() ?? 0
            columns += found.filter { $0.strength == strongest }.compactMap(\.column)
        }
        let names = Set(columns.map { graph.column($0).name.lowercased() })
        guard names.count == 1 else { return nil }
        var span = Span(range: i..<(i + 1), meaning: .columns(Array(Set(columns)).sorted()), strength: 2)
        for column in columns { span.columnStrengths[column] = 2 }
        return span
    }

    /// "a first name starting with M" where people have only a full name: the first name begins
    /// the full name, so a text that starts it is sought at the start of the full name. Only
    /// before "starting", "starts", "beginning" or "begins", and only for one table of people with
    /// a full name and no first name: the one the question names, or, when it names none, the
    /// schema's only one where no table holds a first name.
    func firstNameOfFullName(_ i: Int) -> Span? {
        guard i + 2 < tokens.count, tokens[i].lower == "first", ["name", "names"].contains(tokens[i + 1].lower),
              ["starting", "starts", "beginning", "begins"].contains(tokens[i + 2].lower) else { return nil }
        let full = [Lexicon.stem("full"), "nam"]
        func hasFirst(_ t: Int) -> Bool { graph.tables[t].columns.contains { $0.words.contains("first") && $0.words.contains("nam") } }
        let fullNamed = graph.tables.indices.filter { graph.isPersonTable($0) && !hasFirst($0) && graph.hasFullName($0) }
        let stems = Set(tokens.map(\.stem))
        var tables = fullNamed.filter { t in !Set(graph.tables[t].words).isDisjoint(with: stems) }
        if tables.isEmpty, !graph.tables.indices.contains(where: hasFirst) { tables = fullNamed }
        guard tables.count == 1, let column = graph.tables[tables[0]].columns.first(where: { $0.ownWords == full && $0.kind == .text }) else { return nil }
        return Span(range: i..<(i + 2), meaning: .columns([column.ref]), strength: 2, columnStrengths: [column.ref: 2])
    }

}
