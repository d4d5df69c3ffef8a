/// The offline planner's view of a `SchemaContext`: the stems of every table and column, what
/// each column holds (a number, a text, a date, a year, money, a quantity, a duration), the columns
/// that name a row, and the foreign-key graph the planner joins along.
struct SchemaGraph {
    /// What a column holds.
    enum Kind: Equatable { case numeric, text, date, year, other }

    /// A column's address.
    struct ColumnRef: Hashable, Comparable {
        let table: Int
        let column: Int
        static func < (a: ColumnRef, b: ColumnRef) -> Bool { (a.table, a.column) < (b.table, b.column) }
    }

    /// A column and what the planner knows about it.
    struct Column {
        let ref: ColumnRef
        let name: String
        let type: String
        /// Stems of the name's words (`BillingCountry` → bill, country), table prefix included.
        let words: [String]
        /// The stems without a leading copy of the table's own words (`ProductName` of Products → nam).
        let ownWords: [String]
        let kind: Kind
        let isPrimaryKey: Bool
        let isForeignKey: Bool
        /// The unit the name states (`Milliseconds`), if any.
        let unit: Lexicon.Unit?
        /// Known values (samples and the value index's matches).
        let values: [String]
        var isKey: Bool { isPrimaryKey || isForeignKey }
        /// For a yes/no column (`inducted` holding Y and N, a `Discontinued` bit): the values for yes and no.
        var flag: (yes: QueryPlan.Literal, no: QueryPlan.Literal)? {
            guard !isKey else { return nil }
            if kind == .text, !values.isEmpty {
                let pairs: [(String, String)] = [("Y", "N"), ("yes", "no"), ("T", "F"), ("true", "false")]
                for (yes, no) in pairs where values.allSatisfy({ $0.caseInsensitiveCompare(yes) == .orderedSame || $0.caseInsensitiveCompare(no) == .orderedSame }) {
                    let spelledYes = values.first { $0.caseInsensitiveCompare(yes) == .orderedSame } ?? yes
                    let spelledNo = values.first { $0.caseInsensitiveCompare(no) == .orderedSame } ?? (yes == spelledYes ? no : no.lowercased())
                    return (.text(spelledYes), .text(spelledNo))
                }
                return nil
            }
            let upper = type.uppercased()
            let raw = SchemaGraph.rawWords(of: name)
            if upper.contains("BOOL") || upper.contains("BIT") || (kind == .numeric || kind == .other) && (raw.first == "is" || raw.first == "has"
                || raw.count == 1 && (raw[0].hasSuffix("ed") || raw[0].hasSuffix("able") || raw[0] == "active")
                // "clutch_complete", "account_active": a noun then an adjective of state.
                || raw.count >= 2 && SchemaGraph.stateAdjectives.contains(raw[raw.count - 1])
                // "wheelchair_accessible", "is_refundable": an adjective of what a row can do, unless the name holds money ("amount_payable").
                || raw.count >= 2 && ["able", "ible"].contains(where: raw[raw.count - 1].hasSuffix) && raw[raw.count - 1].count > 5
                    && !raw.contains(where: { Lexicon.moneyWords.contains(Lexicon.stem($0)) })) {
                return (.number(1), .number(0))
            }
            return nil
        }
        /// Whether its name says it holds money.
        var isMoney: Bool {
            // "total" before another noun counts that noun (total_credits, total_hours), not money.
            let moneyWord = ownWords.enumerated().contains { index, word in
                Lexicon.moneyWords.contains(word) && (word != Lexicon.totalStem || index == ownWords.count - 1 || Lexicon.moneyWords.contains(ownWords[ownWords.count - 1]))
            }
            return kind == .numeric && !isKey && (moneyWord || ownWords == Lexicon.boxOffice)
        }
        /// Whether its name says it holds a number of units.
        var isQuantity: Bool {
            kind == .numeric && !isKey && !isMoney && (ownWords.last.map { Lexicon.quantityWords.contains($0) } ?? false || ownWords.contains("quantity"))
        }
    }

    /// A table and its columns.
    struct Table {
        let index: Int
        let name: String
        let words: [String]
        let columns: [Column]
        let rowCount: Int?
        var primaryKey: [Column] { columns.filter(\.isPrimaryKey) }
    }

    /// A foreign key: the child's columns refer to the parent's.
    struct Edge: Hashable {
        let id: Int
        let child: Int
        let childColumns: [Int]
        let parent: Int
        let parentColumns: [Int]
    }

    let tables: [Table]
    let edges: [Edge]

    init(_ schema: SchemaContext) {
        var tables: [Table] = []
        for (t, table) in schema.tables.enumerated() {
            let tableWords = Self.words(of: table.name)
            let columns = table.columns.enumerated().map { c, column -> Column in
                let words = Self.words(of: column.name)
                var own = words
                if own.count > 1, own.starts(with: tableWords) { own = Array(own.dropFirst(tableWords.count)) }
                else if own.count > 1, let last = tableWords.last, own.first == last { own = Array(own.dropFirst()) }
                let values = table.sampleValues[column.name] ?? []
                return Column(ref: ColumnRef(table: t, column: c), name: column.name, type: column.type, words: words, ownWords: own,
                              kind: Self.kind(of: column, words: words, values: values), isPrimaryKey: column.isPrimaryKey,
                              isForeignKey: column.references != nil, unit: Lexicon.unit(ofColumnWords: Self.rawWords(of: column.name)),
                              values: values)
            }
            tables.append(Table(index: t, name: table.name, words: tableWords, columns: columns, rowCount: table.rowCount))
        }
        self.tables = tables
        var edges: [Edge] = []
        for (t, table) in schema.tables.enumerated() {
            var byParent: [Int: [(child: Int, parent: Int)]] = [:]
            var order: [Int] = []
            for (c, column) in table.columns.enumerated() {
                guard let reference = column.references,
                      let parent = schema.tables.firstIndex(where: { $0.name.caseInsensitiveCompare(reference.table) == .orderedSame }) else { continue }
                let parentColumn = schema.tables[parent].columns.firstIndex { $0.name.caseInsensitiveCompare(reference.column) == .orderedSame }
                    ?? schema.tables[parent].columns.firstIndex { $0.isPrimaryKey } ?? 0
                if byParent[parent] == nil { order.append(parent) }
                byParent[parent, default: []].append((c, parentColumn))
            }
            for parent in order {
                let pairs = byParent[parent]!
                // Columns naming distinct columns of the parent form one composite key; columns
                // naming the same parent column are separate keys (origin and destination airports).
                if Set(pairs.map(\.parent)).count == pairs.count, pairs.count > 1 {
                    edges.append(Edge(id: edges.count, child: t, childColumns: pairs.map(\.child), parent: parent, parentColumns: pairs.map(\.parent)))
                } else {
                    for pair in pairs where !(parent == t && pair.child == pair.parent) {
                        edges.append(Edge(id: edges.count, child: t, childColumns: [pair.child], parent: parent, parentColumns: [pair.parent]))
                    }
                }
            }
        }
        self.edges = edges
    }

    func column(_ ref: ColumnRef) -> Column { tables[ref.table].columns[ref.column] }
    func name(_ ref: ColumnRef) -> String { "\(tables[ref.table].name).\(column(ref).name)" }

    // MARK: Words and kinds

    /// Adjectives that name a yes/no state when they end a numeric column's name (`clutch_complete`).
    static let stateAdjectives: Set<String> = ["complete", "active", "valid", "available", "current", "open", "closed", "visible",
                                               "hidden", "public", "private", "enabled", "verified", "approved", "paid", "done", "final"]

    /// The raw lowercased words of an identifier: `InvoiceLineId` → invoice, line, id; `order_items` → order, items.
    static func rawWords(of identifier: String) -> [String] {
        asciiRawWords(of: identifier) ?? unicodeRawWords(of: identifier)
    }

    /// `rawWords(of:)` for any identifier, one `Character` at a time.
    static func unicodeRawWords(of identifier: String) -> [String] {
        var words: [String] = []
        var current = ""
        let chars = Array(identifier)
        for (index, char) in chars.enumerated() {
            if !(char.isLetter || char.isNumber) {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            if let last = current.last {
                let next = index + 1 < chars.count ? chars[index + 1] : nil
                let lowerToUpper = last.isLowercase && char.isUppercase
                let acronymEnd = last.isUppercase && char.isUppercase && (next?.isLowercase ?? false)
                let digitEdge = last.isNumber != char.isNumber
                if lowerToUpper || acronymEnd || digitEdge {
                    words.append(current)
                    current = ""
                }
            }
            current.append(char)
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }

    /// The stems of an identifier's words, without one-letter prefixes (`c_name` → nam).
    static func words(of identifier: String) -> [String] {
        var raw = rawWords(of: identifier)
        if raw.count > 1, raw[0].count == 1 { raw.removeFirst() }
        return raw.map(Lexicon.stem)
    }

    /// Judges a column's kind from its declared type, its name and its values.
    static func kind(of column: ColumnSchema, words: [String], values: [String]) -> Kind {
        let type = column.type.uppercased()
        let raw = rawWords(of: column.name)
        let numericType = ["INT", "REAL", "FLOA", "DOUB", "NUM", "DEC"].contains(where: type.contains)
        if numericType, raw.contains("year") || raw.last == "yr" { return .year }
        if type.contains("DATE") || type.contains("TIME") && !numericType { return .date }
        let dateNamed = raw.contains("date") || raw.last == "at" || raw.last == "on" || raw.contains("timestamp")
            || raw.contains("debut") || raw.contains("dob")
        let textType = type.isEmpty || type.contains("TEXT") || type.contains("CHAR") || type.contains("CLOB")
        if textType, dateNamed || (!values.isEmpty && values.prefix(5).allSatisfy(looksLikeDate)) { return .date }
        if numericType { return .numeric }
        if textType { return .text }
        return .other
    }

    /// `2024-03-01` or `2024-03-01 09:00`.
    static func looksLikeDate(_ text: String) -> Bool {
        let chars = Array(text)
        guard chars.count >= 10, chars[4] == "-", chars[7] == "-" else { return false }
        return chars[0..<4].allSatisfy(\.isNumber) && chars[5..<7].allSatisfy(\.isNumber) && chars[8..<10].allSatisfy(\.isNumber)
    }

    // MARK: Roles of columns

    /// The columns that name a row: `Name` or `Title`; a first and a last name; a column ending
    /// in name or title; else the first text column that is not a key; else the key.
    func labelColumns(of table: Int) -> [ColumnRef] {
        let columns = tables[table].columns.filter { !$0.isKey && $0.kind == .text }
        if let exact = columns.first(where: { $0.ownWords == ["nam"] }) { return [exact.ref] }
        let first = columns.first { $0.words.contains("nam") && $0.words.contains("first") }
        let last = columns.first { $0.words.contains("nam") && $0.words.contains("last") }
        if let first, let last { return [first.ref, last.ref] }
        if let exact = columns.first(where: { $0.ownWords == ["titl"] }) { return [exact.ref] }
        // A contact's name or title (`contact_name` of customers) names a person at the row, not the row.
        let contact = Lexicon.stem("contact")
        if let named = columns.first(where: { ($0.ownWords.last == "nam" || $0.ownWords.last == "titl" || $0.ownWords.first == "nam") && $0.ownWords.first != contact }) {
            return [named.ref]
        }
        // A table whose key is a text code (a tail number, an airport code) is named by it.
        let key = tables[table].primaryKey
        if key.count == 1, key[0].kind == .text { return [key[0].ref] }
        if let text = columns.first { return [text.ref] }
        return key.map(\.ref)
    }

    /// The date columns of a table, birth dates last unless `preferBirth`.
    func dateColumns(of table: Int, preferBirth: Bool = false) -> [Column] {
        let dates = tables[table].columns.filter { $0.kind == .date }
        let birth = dates.filter { $0.words.contains("birth") }
        let other = dates.filter { !$0.words.contains("birth") }
        return preferBirth ? birth + other : other + birth
    }

    /// The money column of a table that best stands for "the amount" (a total before a price).
    func moneyColumn(of table: Int) -> Column? {
        let money = tables[table].columns.filter(\.isMoney)
        for word in Lexicon.moneyWords {
            if let found = money.first(where: { $0.ownWords.contains(word) }) { return found }
        }
        return money.first
    }

    /// A quantity column of a table.
    func quantityColumn(of table: Int) -> Column? {
        let columns = tables[table].columns
        if let named = columns.first(where: \.isQuantity) { return named }
        // "price_per_tonne" beside "tonnes_sold", "rate_per_hour" beside "hours": the amount counted
        // in the unit the price is per.
        for price in columns where price.isMoney {
            let raw = Self.rawWords(of: price.name)
            guard let per = raw.firstIndex(of: "per"), per + 1 < raw.count else { continue }
            let unit = Lexicon.stem(raw[per + 1])
            if let amount = columns.first(where: { $0.kind == .numeric && !$0.isKey && !$0.isMoney && $0.flag == nil
                && Self.rawWords(of: $0.name).contains { Lexicon.stem($0) == unit } }) {
                return amount
            }
        }
        return nil
    }

    /// The measure a table stands for when a question names none: its only numeric column, or its money column.
    func defaultMeasure(of table: Int) -> Column? {
        // A yes/no column ("union_member") is a condition, never an amount: "performers over 40" is not about it.
        let numeric = tables[table].columns.filter { !$0.isKey && $0.kind == .numeric && $0.flag == nil }
        if numeric.count == 1 { return numeric[0] }
        return moneyColumn(of: table) ?? quantityColumn(of: table)
    }

    // MARK: Joins

    /// For a table that only links two others (`directed_by`: a movie and a person; `PlaylistTrack`):
    /// its two foreign keys. Every column is part of a key, and the keys point to two different tables.
    func junction(_ table: Int) -> (Edge, Edge)? {
        let out = edges.filter { $0.child == table && $0.parent != table }
        guard out.count == 2, out[0].parent != out[1].parent,
              tables[table].columns.allSatisfy(\.isKey) else { return nil }
        return (out[0], out[1])
    }

    /// Whether `table` extends `other` one to one: its primary key is a foreign key to `other`.
    func extends(_ table: Int, _ other: Int) -> Bool {
        let key = tables[table].primaryKey.map(\.ref.column)
        return !key.isEmpty && edges.contains { $0.child == table && $0.parent == other && Set($0.childColumns) == Set(key) }
    }

    /// Whether a table holds people (`people`, `Customer`'s first and last names).
    func isPersonTable(_ table: Int) -> Bool {
        !Set(tables[table].words).isDisjoint(with: Linker.personTables.union(Linker.personNouns).union(Self.personRoles))
            || labelColumns(of: table).count == 2 || hasFullName(table)
    }

    /// Nouns for people in a role, as tables name them.
    static let personRoles = Lexicon.stems(["customer", "employee", "patient", "doctor", "staff", "client", "manager", "teacher",
                                            "worker", "artist", "director", "actor", "singer", "musician", "physician", "nurse",
                                            "salesperson", "rep", "agent", "owner", "writer", "composer", "coach", "manager"])

    /// The tables next to `table`, with the edge that links them.
    func neighbours(of table: Int) -> [(table: Int, edge: Edge)] {
        edges.compactMap { edge in
            if edge.child == table, edge.parent != table { return (edge.parent, edge) }
            if edge.parent == table, edge.child != table { return (edge.child, edge) }
            return nil
        }
    }

    /// Shortest join paths from `start`: for each reachable table, the edge used to reach it and
    /// the table it was reached from (breadth-first, neighbours in schema order).
    func paths(from start: Int) -> [Int: (edge: Edge, previous: Int)] {
        var reached: [Int: (edge: Edge, previous: Int)] = [:]
        var seen: Set<Int> = [start]
        var frontier = [start]
        while !frontier.isEmpty {
            var next: [Int] = []
            for table in frontier {
                for (other, edge) in neighbours(of: table) where !seen.contains(other) {
                    seen.insert(other)
                    reached[other] = (edge, table)
                    next.append(other)
                }
            }
            frontier = next
        }
        return reached
    }

    /// The edges from `start` to `end`, in order, or nil when no foreign keys link them.
    func path(from start: Int, to end: Int) -> [Edge]? {
        if start == end { return [] }
        let reached = paths(from: start)
        var chain: [Edge] = []
        var current = end
        while current != start {
            guard let step = reached[current] else { return nil }
            chain.append(step.edge)
            current = step.previous
        }
        return chain.reversed()
    }

    /// The shortest path from `start` to `end` that passes through the most `preferred` tables (the
    /// tables the question names or whose verb it uses: "directed by" goes through `directed_by`, not
    /// `cast_members`); among equally good paths, the first in schema order, as `path(from:to:)`.
    func path(from start: Int, to end: Int, preferring preferred: Set<Int>) -> [Edge]? {
        if preferred.isEmpty || start == end { return path(from: start, to: end) }
        var best: [Int: (score: Int, edge: Edge?, previous: Int?)] = [start: (0, nil, nil)]
        var frontier = [start]
        while !frontier.isEmpty, best[end] == nil || frontier.allSatisfy({ $0 != end }) {
            var next: [Int] = []
            var layer: [Int: (score: Int, edge: Edge?, previous: Int?)] = [:]
            for table in frontier {
                for (other, edge) in neighbours(of: table) where best[other] == nil {
                    let score = best[table]!.score + (preferred.contains(other) ? 1 : 0)
                    if let known = layer[other], known.score >= score { continue }
                    if layer[other] == nil { next.append(other) }
                    layer[other] = (score, edge, table)
                }
            }
            for (table, step) in layer { best[table] = step }
            frontier = next
            if best[end] != nil { break }
        }
        guard best[end] != nil else { return nil }
        var chain: [Edge] = []
        var current = end
        while current != start, let step = best[current], let edge = step.edge, let previous = step.previous {
            chain.append(edge)
            current = previous
        }
        return chain.reversed()
    }

    /// The number of joins between two tables, or nil when they are not linked.
    func distance(_ a: Int, _ b: Int) -> Int? { path(from: a, to: b)?.count }

    /// Whether walking `path` from `start` can repeat the start's rows (it goes from a parent to its children).
    func fansOut(from start: Int, along path: [Edge]) -> Bool {
        var current = start
        for edge in path {
            if edge.parent == current && edge.child != current { return true }
            current = edge.child == current ? edge.parent : edge.child
        }
        return false
    }
}
