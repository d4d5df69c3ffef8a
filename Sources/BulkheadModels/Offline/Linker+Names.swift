/// Placing the names: runs of words that name a table or a column, through stems, synonyms,
/// abbreviations and the person table, longest phrase first.
extension Linker {
    // MARK: Names

    struct Target {
        let table: Int?
        let column: SchemaGraph.ColumnRef?
        let metric: Int?
        let condition: Int?
        let threshold: Int?
        let strength: Int
        var edge: Int? = nil
    }

    func dictionary() -> [[String]: [Target]] {
        var dictionary: [[String]: [Target]] = [:]
        func add(_ key: [String], _ target: Target) {
            guard !key.isEmpty else { return }
            dictionary[key, default: []].append(target)
        }
        for table in graph.tables {
            add(table.words, Target(table: table.index, column: nil, metric: nil, condition: nil, threshold: nil, strength: 5))
            if table.words.count > 1 {
                for word in Set([table.words[0], table.words[table.words.count - 1]]) where !graph.tables.contains(where: { $0.words == [word] })
                    && !Lexicon.fillers.contains(word) {
                    add([word], Target(table: table.index, column: nil, metric: nil, condition: nil, threshold: nil, strength: 2))
                }
            }
            // "director" for `directed_by`, "actor" for `cast_members`: the one who does what a linking table records.
            if graph.junction(table.index) != nil, let verb = table.words.first,
               !graph.tables.contains(where: { $0.words.contains(verb) && $0.index != table.index }) {
                for agent in Set([Lexicon.stem(verb + "or"), Lexicon.stem(verb + "er")] + (Lexicon.synonyms[verb] ?? [])) where agent != verb {
                    add([agent], Target(table: table.index, column: nil, metric: nil, condition: nil, threshold: nil, strength: 3))
                }
            }
            if table.words.count == 1 {
                for synonym in Lexicon.synonyms[table.words[0]] ?? [] where !graph.tables.contains(where: { $0.words == [synonym] }) {
                    add([synonym], Target(table: table.index, column: nil, metric: nil, condition: nil, threshold: nil, strength: 3))
                }
            }
            for column in table.columns where !column.isPrimaryKey || column.kind == .text || !column.isForeignKey && column.words.count > 1 {
                let full = Target(table: nil, column: column.ref, metric: nil, condition: nil, threshold: nil, strength: 4)
                add(column.words, full)
                if column.ownWords != column.words { add(column.ownWords, full) }
                for start in 1..<max(1, column.ownWords.count) {
                    add(Array(column.ownWords[start...]), Target(table: nil, column: column.ref, metric: nil, condition: nil, threshold: nil, strength: 2))
                }
                // "support rep" for SupportRepId: the table the key refers to, entered by that key.
                if column.isForeignKey, let last = column.ownWords.last, Lexicon.stems(["id", "key", "code", "no", "number", "num"]).contains(last), column.ownWords.count > 1,
                   let edge = graph.edges.first(where: { $0.child == table.index && $0.childColumns == [column.ref.column] }),
                   edge.parent != table.index, Array(column.ownWords.dropLast()) != graph.tables[edge.parent].words {
                    add(Array(column.ownWords.dropLast()), Target(table: edge.parent, column: nil, metric: nil, condition: nil, threshold: nil,
                                                                  strength: 4, edge: edge.id))
                    // "assigned" for assignee_id, "supervised" for supervisor_id: the verb the role noun is made from.
                    let raw = SchemaGraph.rawWords(of: column.name)
                    if raw.count == 2 {
                        for verb in Self.verbStems(ofRoleNoun: raw[0]) {
                            add([verb], Target(table: edge.parent, column: nil, metric: nil, condition: nil, threshold: nil, strength: 3, edge: edge.id))
                        }
                    }
                }
                if column.ownWords.count > 1 {
                    for word in column.ownWords.dropLast() where word.count > 2 && !Lexicon.fillers.contains(word) && word != "id" {
                        add([word], Target(table: nil, column: column.ref, metric: nil, condition: nil, threshold: nil, strength: 1))
                    }
                }
                if column.ownWords.count == 1 {
                    // A word for people never names a number through a synonym ("actress" is not the `stars` a review gives).
                    for synonym in Lexicon.synonyms[column.ownWords[0]] ?? [] where column.kind != .numeric || !Self.isPersonNoun(synonym) {
                        add([synonym], Target(table: nil, column: column.ref, metric: nil, condition: nil, threshold: nil, strength: 2))
                    }
                } else if let last = column.ownWords.last {
                    for synonym in Lexicon.synonyms[last] ?? [] where column.kind != .numeric || !Self.isPersonNoun(synonym) {
                        add([synonym], Target(table: nil, column: column.ref, metric: nil, condition: nil, threshold: nil, strength: 1))
                    }
                }
            }
        }
        return dictionary
    }

    func nameSpans(taken: Set<Int>) -> [Span] {
        let dictionary = self.dictionary()
        var result: [Span] = []
        var i = 0
        while i < tokens.count {
            var matched = false
            // "time zone" for tzone: the initials of the first word and the whole last word.
            if i + 1 < tokens.count, !taken.contains(i), !taken.contains(i + 1), tokens[i].number == nil, tokens[i + 1].number == nil,
               !tokens[i].quoted, !tokens[i + 1].quoted, !Lexicon.fillers.contains(tokens[i].lower), let initial = tokens[i].lower.first {
                let abbreviation = String(initial) + tokens[i + 1].lower
                let initials = String(initial) + String(tokens[i + 1].lower.first ?? " ")
                // "time zone" for tzone; else "home runs" for HR (the initials, as the column's whole name).
                let columns = graph.tables.flatMap(\.columns)
                var found = columns.filter { $0.name.lowercased().filter { $0.isLetter } == abbreviation }
                if found.isEmpty, !Lexicon.fillers.contains(tokens[i + 1].lower) {
                    found = columns.filter { $0.name.count == 2 && $0.name.lowercased() == initials }
                }
                // "tail number" for tailnum: the first word whole, the second shortened (a filler such as "number" too).
                if found.isEmpty, tokens[i + 1].lower.count > 3 {
                    let first = tokens[i].lower
                    found = columns.filter { column in
                        let glued = column.name.lowercased().filter { $0.isLetter }
                        guard glued.hasPrefix(first), glued.count > first.count + 1 else { return false }
                        let rest = String(glued.dropFirst(first.count))
                        return Self.abbreviates(rest, tokens[i + 1].lower) || rest.count >= 3 && tokens[i + 1].lower.hasPrefix(rest)
                    }
                }
                // One name, though a foreign key may repeat it in another table.
                if !found.isEmpty, Set(found.map { $0.name.lowercased() }).count == 1, dictionary[[tokens[i].stem, tokens[i + 1].stem]] == nil {
                    var strengths: [SchemaGraph.ColumnRef: Int] = [:]
                    for column in found { strengths[column.ref] = 2 }
                    result.append(Span(range: i..<(i + 2), meaning: .columns(found.map(\.ref)), strength: 2, columnStrengths: strengths))
                    i += 2
                    continue
                }
            }
            if !taken.contains(i), !taken.contains(i + 1), let found = firstNameOfFullName(i) {
                result.append(found)
                i += 2
                continue
            }
            for length in stride(from: 4, through: 1, by: -1) where i + length <= tokens.count {
                let range = i..<(i + length)
                guard range.allSatisfy({ !taken.contains($0) && tokens[$0].number == nil && !tokens[$0].quoted }) else { continue }
                let key = range.map { tokens[$0].stem }
                // One-word keys never come from a function word ("name" alone is a column only next to a table).
                let questionWord = length == 1 && Self.isQuestionWord(tokens[i].lower)
                    && !["name", "names", "number", "total", "amount", "value", "year", "month", "day", "count", "first", "last"].contains(tokens[i].lower)
                // "running time" for runtime: two words written as one; so a verb and its particle ("picked up" for `pickup_date`).
                guard var targets = dictionary[key] ?? synonymTargets(key, dictionary)
                        ?? (length == 2 && (key.allSatisfy { $0.count > 2 } || isPhrasalVerb(range)) ? dictionary[[key.joined()]] : nil) else { continue }
                // "How much did each customer pay": a money verb after its subject or an auxiliary is the
                // verb, not the noun its synonyms stand for (pay as salary); only a column of that whole name takes it.
                let moneyVerb = length == 1 && Lexicon.moneyVerbs.contains(tokens[i].stem)
                    && tokens[max(0, i - 3)..<i].contains { ["did", "does", "do", "will", "would", "to", "we", "they"].contains($0.lower) }
                // A word that shapes questions ("milliseconds", "named") names a column only when it is that column's whole name.
                if questionWord || moneyVerb {
                    let typed = tokens[i].lower
                    targets = targets.filter { target in
                        guard target.strength >= 4, let column = target.column else { return false }
                        return SchemaGraph.rawWords(of: graph.column(column).name).joined() == typed
                    }
                }
                if targets.isEmpty { continue }
                let best = targets.map(\.strength).max() ?? 0
                let top = targets.filter { $0.strength == best }
                var span: Span
                if let metric = top.compactMap(\.metric).first {
                    span = Span(range: range, meaning: .metric(metric), strength: best)
                } else if let threshold = top.compactMap(\.threshold).first {
                    span = Span(range: range, meaning: .threshold(threshold), strength: best)
                } else if let condition = top.compactMap(\.condition).first {
                    span = Span(range: range, meaning: .condition(condition), strength: best)
                } else if let table = top.compactMap(\.table).first {
                    span = Span(range: range, meaning: .table(table), strength: best)
                    // A role names one key ("support rep"); the same word on the keys of many tables ("player") is the table's plain name.
                    let roles = Set(top.filter { $0.table == table }.map(\.edge))
                    span.edge = roles.count == 1 ? roles.first! : nil
                    // A table's name that is also a column's whole name keeps the columns as a fallback.
                    let columns = targets.compactMap(\.column)
                    for column in columns { span.columnStrengths[column] = targets.first { $0.column == column }?.strength ?? 0 }
                } else {
                    var strengths: [SchemaGraph.ColumnRef: Int] = [:]
                    for target in targets { if let column = target.column { strengths[column] = max(strengths[column] ?? 0, target.strength) } }
                    let columns = strengths.keys.sorted { (strengths[$0]!, $1) > (strengths[$1]!, $0) }
                    span = Span(range: range, meaning: .columns(columns), strength: best, columnStrengths: strengths)
                }
                result.append(span)
                i += length
                matched = true
                break
            }
            // "cancellations" for a `cancelled` column: a whole name met through the word's root.
            if !matched, !taken.contains(i), let targets = rootTargets(i) {
                result.append(span(i..<(i + 1), targets: targets))
                i += 1
                continue
            }
            // "surname" for `last_name`, "mileage" for a distance, "writers" for `playwright`: general English when nothing else names the word.
            if !matched, !taken.contains(i), let found = synonymColumns(i, dictionary) ?? senseNames(i) {
                result.append(found)
                i += 1
                continue
            }
            // "players" for a People table: a person noun names the table of persons when no table has its name.
            // Not when the question names that table by its own name too: "Which members are students?" asks for a
            // kind of member, which a value must say, not for the members again.
            if !matched, !taken.contains(i), Self.personNouns.contains(tokens[i].stem),
               let persons = Optional(graph.tables.filter { !Set($0.words).isDisjoint(with: Self.personTables) }), persons.count == 1,
               !namesPersonTableElsewhere(i) {
                result.append(Span(range: i..<(i + 1), meaning: .table(persons[0].index), strength: 2))
                i += 1
                continue
            }
            // "league" for lgID, "quantity" for qty: a column word that abbreviates the typed word.
            if !matched, !taken.contains(i), tokens[i].number == nil, !tokens[i].quoted, tokens[i].lower.count >= 4,
               !Self.isQuestionWord(tokens[i].lower) {
                let typed = tokens[i].lower
                let abbreviated = graph.tables.flatMap(\.columns).filter { column in
                    SchemaGraph.rawWords(of: column.name).contains { Self.abbreviates($0, typed) }
                }
                if !abbreviated.isEmpty, Set(abbreviated.map { SchemaGraph.rawWords(of: $0.name).first { Self.abbreviates($0, typed) }! }).count == 1 {
                    var strengths: [SchemaGraph.ColumnRef: Int] = [:]
                    for column in abbreviated { strengths[column.ref] = 1 }
                    result.append(Span(range: i..<(i + 1), meaning: .columns(abbreviated.map(\.ref)), strength: 1, columnStrengths: strengths))
                    i += 1
                    continue
                }
            }
            if !matched {
                // A word inside one column's name ("zone" of tzone): that column, weakly.
                if !taken.contains(i), tokens[i].number == nil, !tokens[i].quoted, tokens[i].lower.count >= 4,
                   !Self.isQuestionWord(tokens[i].lower) {
                    let inside = graph.tables.flatMap(\.columns).filter { column in
                        let glued = column.name.lowercased().filter { $0.isLetter }
                        return glued.count > tokens[i].lower.count && glued.contains(tokens[i].lower)
                    }
                    if inside.count == 1 {
                        result.append(Span(range: i..<(i + 1), meaning: .columns([inside[0].ref]), strength: 1, columnStrengths: [inside[0].ref: 1]))
                    }
                }
                i += 1
            }
        }
        return mergingTableColumnPairs(headNounSpans(result, taken: taken))
    }

    /// The targets of a phrase with one word replaced by a synonym ("departure delay" → dep_delay).
    func synonymTargets(_ key: [String], _ dictionary: [[String]: [Target]]) -> [Target]? {
        guard key.count > 1 else { return nil }
        for (index, word) in key.enumerated() {
            for synonym in (Lexicon.synonyms[word] ?? []).sorted() {
                var variant = key
                variant[index] = synonym
                if let found = dictionary[variant] {
                    return found.map { Target(table: $0.table, column: $0.column, metric: $0.metric, condition: $0.condition,
                                              threshold: $0.threshold, strength: max(1, $0.strength - 1), edge: $0.edge) }
                }
            }
        }
        return nil
    }

    /// "customer country" → the Country column of Customer; "album title" → Album.Title.
    func mergingTableColumnPairs(_ spans: [Span]) -> [Span] {
        var merged: [Span] = []
        var k = 0
        while k < spans.count {
            let current = spans[k]
            // "park name": a text column followed by the word "name" is that column.
            if k + 1 < spans.count, spans[k + 1].range.lowerBound == current.range.upperBound, spans[k + 1].range.count == 1,
               ["name", "names"].contains(tokens[spans[k + 1].range.lowerBound].lower),
               case let .columns(columns) = current.meaning,
               let text = columns.first(where: { graph.column($0).kind == .text && !graph.column($0).words.contains("nam") }) {
                merged.append(Span(range: current.range.lowerBound..<spans[k + 1].range.upperBound, meaning: .columns([text]),
                                   strength: current.strength, columnStrengths: [text: current.strength]))
                k += 2
                continue
            }
            if let next = pairedColumn(at: k, in: spans) {
                merged.append(next.span)
                k = next.after
                continue
            }
            merged.append(current)
            k += 1
        }
        return merged
    }

    /// The table mention at `k` with the column mention right after it ("album title", "customer's
    /// email") as one mention of that table's column, and the index after the pair.
    func pairedColumn(at k: Int, in spans: [Span]) -> (span: Span, after: Int)? {
        let current = spans[k]
        guard let table = current.table, current.edge == nil, k + 1 < spans.count else { return nil }
        let end = current.range.upperBound
        var nextIndex = k + 1
        let possessive = spans[nextIndex].range.lowerBound == end + 1 && tokens[end].lower == "s"
        if !possessive {
            guard spans[nextIndex].range.lowerBound == end else { return nil }
            // "tracks cost" is a sentence, "track length" a column: only a singular table word pairs.
            let last = tokens[end - 1]
            if last.lower != last.stem && last.lower.hasSuffix("s") { return nil }
        }
        let next = spans[nextIndex]
        guard !next.isValue else { return nil }
        var own = next.columns.filter { $0.table == table }
        if let other = next.table {
            let words = graph.tables[other].words
            own += graph.tables[table].columns.filter { $0.ownWords == words || $0.words == words }.map(\.ref)
        }
        guard !own.isEmpty else { return nil }
        var span = Span(range: current.range.lowerBound..<next.range.upperBound, meaning: .columns(own), strength: 4)
        for column in own { span.columnStrengths[column] = 4 }
        nextIndex += 1
        return (span, nextIndex)
    }
}
