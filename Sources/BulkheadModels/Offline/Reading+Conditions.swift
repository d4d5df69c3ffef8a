/// The second pass: the conditions of the question, each recorded with the mentions beside it,
/// before the columns are settled. Values, quoted and named texts, "containing", comparisons with
/// numbers and units, dates and months, the notes' terms, "N albums", an id, and absences
/// ("no albums", "never sold").
extension Reading {
    static let containsWords: Set<String> = ["containing", "contains", "contain", "like", "including", "includes", "include", "mentioning", "mention", "mentions", "mentioned"]
    static let nameStop: Set<String> = ["and", "or", "with", "in", "from", "by", "who", "that", "which", "whose", "per", "for", "on", "at", "to", "of"]
    static let attachFillers: Set<String> = ["the", "a", "an", "is", "are", "was", "were", "of", "to", "equal", "equals", "as", "named", "called",
                                             "with", "whose", "has", "have", "had", "in", "its", "their", "for", "at", "on", "from", "by", "set"]
    static let exclusions: Set<String> = ["except", "excluding", "besides", "but", "other"]
    static let datePrepositions: Set<String> = ["in", "during", "on", "for", "of", "from", "since", "after", "before", "until", "till", "between", "by", "within", "year"]

    func isYear(_ value: Double?) -> Bool {
        guard let value else { return false }
        return value == value.rounded() && value >= 1000 && value <= 2999
    }

    /// The column span just before `i` over filler words, if any.
    func columnSpan(before i: Int) -> Int? {
        guard let p = previous(i, skipping: Self.attachFillers), let k = spanEnding(p), !spans[k].columns.isEmpty else { return nil }
        return k
    }

    mutating func scanConditions() throws {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            if readOneCounted(i) { continue }
            // "the first floor": an ordinal before a column of positions, even where a cue or a weak
            // mention ("first" of `first_name`) took the word, unless a rank did.
            if let w = word(i), rank?.at != i, let next = readOrdinal(i, w) { i = next; continue }
            // "whose name starts with C" where a column is named `started_at`: the verb before "with"
            // matches text, it does not name the column.
            if let k = spanStarting(i), spans[k].range.count == 1, !spans[k].isValue, word(i + 1) == "with",
               let w = word(i), ["starts", "starting", "start", "begins", "beginning", "begin", "ends", "ending", "end"].contains(w),
               columnSpan(before: i) != nil, let next = readContains(i, w) {
                used.insert(k)
                i = next
                continue
            }
            if let k = spanStarting(i), spans[k].isValue {
                readValue(k)
                i = spans[k].range.upperBound - 1
                continue
            }
            if let k = spanStarting(i) {
                switch spans[k].meaning {
                case let .condition(c):
                    intents.append(Intent(kind: .condition(c), at: i))
                    used.insert(k)
                case let .threshold(h):
                    intents.append(Intent(kind: .threshold(h), at: i))
                    used.insert(k)
                case let .table(t):
                    // "album 5", "invoice number 12": a row by its id.
                    var n = spans[k].range.upperBound
                    if word(n) == "number" || word(n) == "id" || word(n) == "no" { n += 1 }
                    if let value = tokens[safe: n]?.number, !isYear(value), tokens[safe: n + 1].map({ Lexicon.units[$0.lower] == nil }) ?? true,
                       spanStarting(n + 1) == nil, graph.tables[t].primaryKey.count == 1, graph.tables[t].primaryKey[0].kind == .numeric {
                        intents.append(Intent(kind: .key(table: t, value: value), at: i, tableSpan: k))
                        consumed.formUnion(spans[k].range.upperBound...n)
                    }
                default: break
                }
                i = spans[k].range.upperBound - 1
                continue
            }
            guard let w = word(i) else {
                if let value = tokens[i].number, !consumed.contains(i) { try readBareNumber(i, value) }
                continue
            }
            if consumed.contains(i) && !Self.negations.contains(w) { continue }
            if let next = readPeriodOfYear(i, w) { i = next; continue }
            if let next = readCode(i, w) { i = next; continue }
            if let next = readNamed(i, w) { i = next; continue }
            if let next = readContains(i, w) { i = next; continue }
            if let next = try readDateRange(i, w) { i = next; continue }
            if let next = readDayOrTime(i, w) { i = next; continue }
            if let next = try readWeekday(i, w) { i = next; continue }
            if let next = readColumnComparison(i, w) { i = next; continue }
            if let next = readInterval(i, w) { i = next; continue }
            if let next = readDate(i, w) { i = next; continue }
            if let next = try readComparison(i, w) { i = next; continue }
        }
        readAbsences()
        readOutOf()
    }

    // MARK: Values

    mutating func readValue(_ k: Int) {
        let start = spans[k].range.lowerBound
        let p = previous(start)
        // A value an exclusion phrase governs takes nothing from the word before it ("not including Gold").
        let before = exclusionMarks[start] == nil ? p.flatMap(word) : nil
        var negated = false
        if let excluded = exclusionMarks[start] {
            // "excluding cancelled bookings", "cancelled ones included": read by the exclusion phrases.
            guard excluded else { return }
            negated = true
        } else if let p, let before {
            if Self.negations.contains(before) || Self.exclusions.contains(before) || before == "than" && word(p - 1) == "other" {
                negated = true
                negationAt.removeAll { $0 == p }
                consumed.insert(p)
            // "never on Standard", "not via the website": a preposition between the negation and its value.
            } else if ["in", "from", "to", "by", "of", "on", "via", "through"].contains(before) || spanCovering(p).map({ !spans[$0].columns.isEmpty }) == true,
                      let q = previous(spanCovering(p).map { spans[$0].range.lowerBound } ?? p), Self.negations.contains(word(q) ?? "") {
                negated = true
                negationAt.removeAll { $0 == q }
                consumed.insert(q)
            }
        }
        let kind: Intent.Kind
        let inColumn = textColumnAfterIn(spans[k].range.upperBound).flatMap { m in ["have", "has", "had", "having", "with"].contains(before ?? "") ? m : nil }
        switch spans[k].meaning {
        case let .value(text, columns):
            // "pizza types contain garlic": a whole stored name of another table is that row, not a part of this table's name.
            let table = p.flatMap { previous($0) }.flatMap { spanEnding($0) }.flatMap { spans[$0].table }
            if inColumn != nil {
                kind = .text(text, match: .contains, negated: negated)
            } else if let before, Self.containsWords.contains(before),
               !(table.map { t in columns.allSatisfy { $0.table != t && graph.labelColumns(of: $0.table).contains($0) } } ?? false) {
                kind = .text(text, match: .contains, negated: negated)
                if let p { consumed.insert(p) }
            } else {
                kind = .value(text, columns, negated: negated)
            }
        case let .quoted(text):
            var match: Intent.TextMatch = .equals
            if let before, Self.containsWords.contains(before) { match = .contains }
            // "with 'Live' in the title": the column contains it.
            if before == "with" && word(start + 1) == "in" || inColumn != nil { match = .contains }
            if let p, ["with", "by"].contains(before ?? ""), let q = previous(p) {
                let verb = word(q) ?? ""
                if ["starting", "starts", "beginning", "begins", "start", "begin"].contains(verb) { match = .prefix }
                if ["ending", "ends", "end"].contains(verb) { match = .suffix }
            }
            kind = .text(text, match: match, negated: negated)
        default:
            return
        }
        var chosen = kind
        // "the Lord of the Rings movies": a title before its own table's plural is every row it names.
        if case let .value(text, columns, negated) = chosen, let n = spanStarting(spans[k].range.upperBound), let table = spans[n].table, isPlural(n),
           columns.contains(where: { $0.table == table && graph.labelColumns(of: table).contains($0) && !Linker.isStateColumn(graph.column($0)) }) {
            chosen = .text(text.hasPrefix("The ") ? String(text.dropFirst(4)) : text, match: Intent.TextMatch.contains, negated: negated)
        }
        var intent = Intent(kind: chosen, at: start)
        intent.role = before
        let holders: [ColumnRef] = { if case let .value(_, columns) = spans[k].meaning { return columns }; return [] }()
        // A column named beside a value is its column when it holds the value (or nothing is known
        // to hold it); "the email of Leonie" names the answer, not Leonie's column.
        func fits(_ m: Int) -> Bool {
            // "the title of Andrew Fuller": the column the word names best (Title), not one its synonym reaches (a name).
            let strongest = spans[m].columnStrengths.values.max() ?? 0
            let named = spans[m].columns.filter { (spans[m].columnStrengths[$0] ?? 0) >= strongest }
            return holders.isEmpty || !Set(named).isDisjoint(with: holders)
                || spans[m].columns.contains { column in isSelfReference(column) && holders.contains { $0.table == column.table } }
        }
        let verbs: Set<String> = ["starts", "starting", "start", "begins", "beginning", "begin", "ends", "ending", "end", "includes", "include"]
        // A column named right before the value ("report to Andrew Adams"), else one over filler words.
        let adjacent = spanEnding(start - 1).flatMap { spans[$0].columns.isEmpty ? nil : $0 }
        if let b = adjacent.map({ spans[$0].range.upperBound - 1 }) ?? previous(start, skipping: Self.attachFillers.union(Self.containsWords).union(verbs).union(["not", "no"])),
           let m = spanEnding(b) {
            if !spans[m].columns.isEmpty, fits(m) { intent.columnSpan = m; used.insert(m) } else if spans[m].table != nil { intent.tableSpan = m }
        }
        if intent.columnSpan == nil, let m = inColumn, !used.contains(m) {
            intent.columnSpan = m
            used.insert(m)
            consumed.insert(spans[k].range.upperBound)
        }
        if intent.columnSpan == nil, let n = following(spans[k].range.upperBound - 1, skipping: ["the", "as", "a", "its", "their"]),
           let m = spanStarting(n), !spans[m].columns.isEmpty, !used.contains(m), fits(m) {
            intent.columnSpan = m
            used.insert(m)
        }
        if let n = following(spans[k].range.upperBound - 1), let m = spanStarting(n), let t = spans[m].table, holders.contains(where: { $0.table == t }) {
            // "the Blues genre", "the Grunge playlist": the table after the value is the one that holds it.
            intent.tableSpan = m
        } else if intent.tableSpan == nil, let n = following(spans[k].range.upperBound - 1), let m = spanStarting(n), spans[m].table != nil,
           case .value = kind {
            // "Jazz tracks", "Boeing planes": the table the value qualifies.
            intent.tableSpan = m
        }
        if intent.tableSpan == nil {
            intent.tableSpan = spans.indices.last { spans[$0].table != nil && spans[$0].range.upperBound <= start && spans[$0].range.upperBound >= start - 4 }
        }
        preferOwnTextColumn(intent)
        intents.append(intent)
    }

    /// "'love' in their name": the span of a text column named after "in" at `i`, over possessives.
    func textColumnAfterIn(_ i: Int) -> Int? {
        guard word(i) == "in", let n = following(i, skipping: ["the", "its", "their", "his", "her", "a", "an"]), let m = spanStarting(n),
              spans[m].columns.contains(where: { graph.column($0).kind == .text }) else { return nil }
        return m
    }

    /// A foreign key of a table to itself (`ReportsTo` of employees, `parent_id`).
    func isSelfReference(_ column: ColumnRef) -> Bool {
        graph.edges.contains { $0.child == column.table && $0.parent == column.table && $0.childColumns == [column.column] }
    }

    /// Words for the one-letter codes columns commonly hold.
    static let codes: [String: [String]] = [
        "left": ["L"], "right": ["R"], "both": ["B"], "male": ["M"], "men": ["M"], "female": ["F"], "women": ["F"],
    ]

    /// "bat left": a word for a code that a column named beside it holds.
    mutating func readCode(_ i: Int, _ w: String) -> Int? {
        guard let options = Self.codes[w], spanCovering(i) == nil else { return nil }
        let nearby = [previous(i, skipping: Self.attachFillers), following(i, skipping: Self.attachFillers)].compactMap { $0 }
        for n in nearby {
            guard let k = spanCovering(n) else { continue }
            for column in spans[k].columns {
                if let code = graph.column(column).values.first(where: { options.contains($0) }) {
                    var intent = Intent(kind: .value(code, [column], negated: previous(i).map { Self.negations.contains(word($0) ?? "") } ?? false), at: i)
                    intent.columnSpan = k
                    used.insert(k)
                    intents.append(intent)
                    consumed.insert(i)
                    return i
                }
            }
        }
        return nil
    }

    /// "named Queen", "called Let It Be", and a capitalised value after a table or a text column
    /// ("the genre Pop") that no known value holds.
    mutating func readNamed(_ i: Int, _ w: String) -> Int? {
        if w == "named" || w == "called" || w == "titled" {
            var words: [String] = []
            var j = i + 1
            while j < tokens.count, !links.valueTokens.contains(j), !Self.nameStop.contains(tokens[j].lower) || (words.isEmpty && false) {
                if tokens[j].number != nil && words.isEmpty { break }
                words.append(tokens[j].text)
                j += 1
            }
            guard !words.isEmpty else { return nil }
            var intent = Intent(kind: .text(words.joined(separator: " "), match: .equals, negated: false), at: i)
            if let k = columnSpan(before: i) { intent.columnSpan = k; used.insert(k) } else if let p = previous(i), let k = spanEnding(p), spans[k].table != nil {
                intent.tableSpan = k
            }
            intents.append(intent)
            consumed.formUnion(i..<j)
            return j - 1
        }
        guard isLooseValue(i), let p = previous(i), let k = spanEnding(p),
              spans[k].table != nil || spans[k].columns.contains(where: { graph.column($0).kind == .text }) else { return nil }
        var words: [String] = []
        var j = i
        while j < tokens.count, isLooseValue(j) {
            words.append(tokens[j].text)
            j += 1
        }
        var intent = Intent(kind: .text(words.joined(separator: " "), match: .equals, negated: false), at: i)
        if spans[k].table == nil { intent.columnSpan = k; used.insert(k) } else { intent.tableSpan = k }
        intents.append(intent)
        consumed.formUnion(i..<j)
        return j - 1
    }

    /// A capitalised word that names nothing: a value the schema's known values did not show.
    func isLooseValue(_ i: Int) -> Bool {
        guard i > 0, let w = word(i), tokens[i].capitalized, !Lexicon.fillers.contains(w), spanCovering(i) == nil,
              !consumed.contains(i), Lexicon.months[w] == nil else { return false }
        return true
    }

    /// "containing X", "starting with X", "ending with X" (a quoted text is read with the values).
    mutating func readContains(_ i: Int, _ w: String) -> Int? {
        var match: Intent.TextMatch?
        var valueAt = i + 1
        if Self.containsWords.contains(w) { match = .contains }
        if ["starting", "starts", "beginning", "begins", "start", "begin"].contains(w), word(i + 1) == "with" { match = .prefix; valueAt = i + 2 }
        if ["ending", "ends", "end"].contains(w), word(i + 1) == "with" { match = .suffix; valueAt = i + 2 }
        // "containing the word Greatest", "starting with the letter C": the type of text names no column.
        if match != nil, ["the", "a"].contains(word(valueAt) ?? ""), ["word", "words", "term", "phrase", "letter", "string"].contains(word(valueAt + 1) ?? ""),
           let token = tokens[safe: valueAt + 2], token.quoted || token.capitalized || token.text.count == 1 {
            valueAt += 2
        }
        // "notes that mention isotopes": after a text column, the word is text to look for even where it names a table.
        let textBefore = previous(i, skipping: Self.attachFillers.union(["that", "which"])).flatMap { spanEnding($0) }
            .map { spans[$0].columns.contains { graph.column($0).kind == .text && !graph.column($0).isKey } } ?? false
        // "whose title mentions a memory leak": after a text column, the plain words after the article are the text.
        if match == .contains, textBefore, let phrase = plainPhrase(after: valueAt) {
            var intent = Intent(kind: .text(phrase.text, match: .contains, negated: false), at: i)
            if let k = previous(i, skipping: Self.attachFillers.union(["that", "which"])).flatMap({ spanEnding($0) }) {
                intent.columnSpan = k
                used.insert(k)
            }
            intents.append(intent)
            consumed.formUnion(i..<phrase.end)
            for j in valueAt..<phrase.end { if let k = spanCovering(j) { used.insert(k) } }
            return phrase.end - 1
        }
        guard let match, let token = tokens[safe: valueAt], !token.quoted,
              spanCovering(valueAt) == nil || token.capitalized || textBefore && spanCovering(valueAt).map({ !spans[$0].isValue && spans[$0].range.count == 1 }) == true,
              token.capitalized || !Lexicon.fillers.contains(token.lower) else { return nil }
        guard !links.valueTokens.contains(valueAt) else { return nil }
        var intent = Intent(kind: .text(token.text, match: match, negated: false), at: i)
        if let k = columnSpan(before: i) ?? (textBefore ? previous(i, skipping: Self.attachFillers.union(["that", "which"])).flatMap({ spanEnding($0) }) : nil) {
            intent.columnSpan = k
            used.insert(k)
        } else if let p = previous(i), let k = spanEnding(p), spans[k].table != nil {
            intent.tableSpan = k
        }
        // "with 'x' in the title": the column after.
        if intent.columnSpan == nil, word(valueAt + 1) == "in", let n = following(valueAt + 1, skipping: ["the", "its", "their", "a"]),
           let k = spanStarting(n), !spans[k].columns.isEmpty {
            intent.columnSpan = k
            used.insert(k)
        }
        intents.append(intent)
        consumed.formUnion(i...valueAt)
        if let k = spanCovering(valueAt) { used.insert(k) }
        return valueAt
    }
}
