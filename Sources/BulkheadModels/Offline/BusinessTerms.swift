/// Business terms the org's notes define, read against the schema:
///
/// - metrics: "Revenue is the sum of quantity times unit_price over order_items" makes
///   "revenue" mean `SUM(order_items.quantity * order_items.unit_price)`;
/// - named conditions: "refunds are orders with status 'refunded'" makes "refunds" mean the
///   orders whose status is 'refunded';
/// - restricted measures: "billing counts only paid invoices" makes "billing" the invoices'
///   amount over the paid ones only;
/// - thresholds: "VIP customers are those with lifetime orders above 5000" makes "VIP
///   customers" the customers whose orders' totals add up to more than 5000.
///
/// A note that names a column or a table the schema does not have defines nothing.
struct BusinessTerms {
    /// An expression over one table: a column, or two columns multiplied, added or subtracted.
    struct Expression: Equatable {
        let table: Int
        let columns: [SchemaGraph.ColumnRef]
        /// "*", "+", "-" between the columns (one fewer than the columns).
        let operators: [String]
    }

    /// A condition a term stands for: a column equal to a value.
    struct Condition: Equatable {
        let column: SchemaGraph.ColumnRef
        let value: String
    }

    /// "Revenue is the sum of …": a measure with its aggregate, maybe restricted to some rows.
    struct Metric {
        let words: [String]
        let function: String
        let expression: Expression
        let condition: Condition?
        let note: Int
    }

    /// "Refunds are orders with status 'refunded'".
    struct NamedCondition {
        let words: [String]
        let table: Int
        let condition: Condition
        let note: Int
    }

    /// "VIP customers are those with lifetime orders above 5000".
    struct Threshold {
        let words: [String]
        let table: Int
        /// The per-row total the threshold applies to: the sum of a measure of related rows.
        let measure: Expression
        let op: String
        let value: Double
        let note: Int
    }

    var metrics: [Metric] = []
    var conditions: [NamedCondition] = []
    var thresholds: [Threshold] = []

    init(notes: [String], graph: SchemaGraph) {
        for (n, note) in notes.enumerated() {
            for sentence in Self.sentences(note) {
                let tokens = QuestionText.tokenize(sentence)
                if let metric = Self.metric(tokens, graph: graph, note: n) {
                    metrics.append(metric)
                } else if let threshold = Self.threshold(tokens, graph: graph, note: n) {
                    thresholds.append(threshold)
                } else if let condition = Self.namedCondition(tokens, graph: graph, note: n) {
                    conditions.append(condition)
                } else if let restricted = Self.restrictedMeasure(tokens, graph: graph, note: n) {
                    metrics.append(restricted)
                }
            }
        }
    }

    /// Sentences and clauses of a note, without parenthesised asides.
    static func sentences(_ note: String) -> [String] {
        var text = ""
        var depth = 0
        for char in note {
            if char == "(" { depth += 1; continue }
            if char == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { text.append(char) }
        }
        var parts: [String] = []
        var current = ""
        let chars = Array(text)
        for (i, char) in chars.enumerated() {
            let endsSentence = char == ";" || char == "\n"
                || (char == "." && (i + 1 == chars.count || chars[i + 1] == " ") && !(i > 0 && chars[i - 1].isNumber && i + 1 < chars.count && chars[i + 1].isNumber))
            if endsSentence {
                if !current.trimmingCharacters(in: .whitespaces).isEmpty { parts.append(current) }
                current = ""
            } else {
                current.append(char)
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { parts.append(current) }
        return parts
    }

    private static let definers: Set<String> = ["is", "are", "means", "mean", "equals", "="]
    private static let aggregates: [String: String] = [
        "sum": "SUM", "total": "SUM", "count": "COUNT", "number": "COUNT", "average": "AVG", "mean": "AVG",
        "maximum": "MAX", "max": "MAX", "minimum": "MIN", "min": "MIN",
    ]
    private static let operators: [String: String] = ["times": "*", "multiplied": "*", "plus": "+", "minus": "-", "less": "-"]

    /// "<term> is the sum of <a> [times <b>] over|in|from|of <table>".
    private static func metric(_ tokens: [QuestionText.Token], graph: SchemaGraph, note: Int) -> Metric? {
        guard let d = tokens.firstIndex(where: { definers.contains($0.lower) }), d > 0, d <= 4 else { return nil }
        let term = tokens[..<d].filter { !["a", "an", "the", "our"].contains($0.lower) }.map(\.stem)
        var i = d + 1
        while i < tokens.count, ["the", "a", "an"].contains(tokens[i].lower) { i += 1 }
        guard i < tokens.count, let function = aggregates[tokens[i].lower] else { return nil }
        i += 1
        if i < tokens.count, tokens[i].lower == "of" { i += 1 }
        // Column names up to the table word.
        let stop: Set<String> = ["over", "in", "from", "of", "across", "on", "for"]
        var expressionTokens: [QuestionText.Token] = []
        while i < tokens.count, !stop.contains(tokens[i].lower) { expressionTokens.append(tokens[i]); i += 1 }
        guard i < tokens.count else { return nil }
        i += 1
        let tableTokens = tokens[i...].filter { !["the", "a", "an", "all", "its"].contains($0.lower) }
        guard let table = tableNamed(Array(tableTokens), graph: graph) else { return nil }
        guard let expression = Self.expression(expressionTokens, table: table, graph: graph), !term.isEmpty else { return nil }
        return Metric(words: term, function: function, expression: expression, condition: nil, note: note)
    }

    /// Columns joined by times/plus/minus, each named by its own words.
    private static func expression(_ tokens: [QuestionText.Token], table: Int, graph: SchemaGraph) -> Expression? {
        var columns: [SchemaGraph.ColumnRef] = []
        var ops: [String] = []
        var current: [QuestionText.Token] = []
        func flush() -> Bool {
            let words = current.filter { !["the", "a", "an", "by"].contains($0.lower) }
            guard !words.isEmpty else { return false }
            guard let column = columnNamed(words, table: table, graph: graph) else { return false }
            columns.append(column)
            current = []
            return true
        }
        for token in tokens {
            if let op = operators[token.lower] ?? (["*", "x"].contains(token.lower) ? "*" : nil) {
                guard flush() else { return nil }
                ops.append(op)
            } else if token.lower != "by" || current.isEmpty == false {
                current.append(token)
            }
        }
        guard flush(), ops.count == columns.count - 1 else { return nil }
        return Expression(table: table, columns: columns, operators: ops)
    }

    /// "<term> are|is <table> with <column> '<value>'" (or "<table> whose <column> is '<value>'").
    private static func namedCondition(_ tokens: [QuestionText.Token], graph: SchemaGraph, note: Int) -> NamedCondition? {
        guard let d = tokens.firstIndex(where: { definers.contains($0.lower) }), d > 0, d <= 4 else { return nil }
        let term = tokens[..<d].filter { !["a", "an", "the", "our"].contains($0.lower) }.map(\.stem)
        let rest = tokens[(d + 1)...].filter { !["a", "an", "the", "all", "those", "any"].contains($0.lower) }
        guard let link = rest.firstIndex(where: { ["with", "whose", "where", "having", "that", "which"].contains($0.lower) }) else { return nil }
        guard let table = tableNamed(Array(rest[rest.startIndex..<link]), graph: graph) else { return nil }
        let after = rest[(link + 1)...].filter { !["is", "are", "of", "equal", "to", "has", "have", "a", "an"].contains($0.lower) }
        guard let valueIndex = after.lastIndex(where: { $0.quoted }) ?? after.indices.last else { return nil }
        let value = after[valueIndex].text
        let columnWords = Array(after[after.startIndex..<valueIndex])
        let column = columnWords.isEmpty ? nil : columnNamed(columnWords, table: table, graph: graph)
        let holder = column ?? graph.tables[table].columns.first { $0.values.contains(value) }?.ref
        guard let holder, !term.isEmpty else { return nil }
        return NamedCondition(words: term, table: table, condition: Condition(column: holder, value: value), note: note)
    }

    /// "<term> counts only <value> <table>": the table's default measure over the rows holding the value.
    private static func restrictedMeasure(_ tokens: [QuestionText.Token], graph: SchemaGraph, note: Int) -> Metric? {
        guard let only = tokens.firstIndex(where: { $0.lower == "only" }), only >= 2,
              ["count", "counts", "includes", "include", "covers", "cover", "uses", "use"].contains(tokens[only - 1].lower) else { return nil }
        let term = tokens[..<(only - 1)].filter { !["a", "an", "the", "our"].contains($0.lower) }.map(\.stem)
        let rest = Array(tokens[(only + 1)...])
        guard rest.count >= 2, let table = tableNamed(Array(rest.dropFirst()), graph: graph) else { return nil }
        let value = rest[0].text
        guard let holder = graph.tables[table].columns.first(where: { $0.values.contains { $0.caseInsensitiveCompare(value) == .orderedSame } }),
              let measure = graph.defaultMeasure(of: table), !term.isEmpty else { return nil }
        let stored = holder.values.first { $0.caseInsensitiveCompare(value) == .orderedSame } ?? value
        return Metric(words: term, function: "SUM", expression: Expression(table: table, columns: [measure.ref], operators: []),
                      condition: Condition(column: holder.ref, value: stored), note: note)
    }

    /// "<term> <table> are those with <lifetime> <related table> above <n>".
    private static func threshold(_ tokens: [QuestionText.Token], graph: SchemaGraph, note: Int) -> Threshold? {
        guard let d = tokens.firstIndex(where: { definers.contains($0.lower) }), d >= 2 else { return nil }
        let head = Array(tokens[..<d])
        guard let table = tableNamed([head[head.count - 1]], graph: graph) else { return nil }
        let term = head.dropLast().filter { !["a", "an", "the", "our"].contains($0.lower) }.map(\.stem)
        let rest = Array(tokens[(d + 1)...])
        guard let opIndex = rest.firstIndex(where: { Lexicon.comparatives[$0.lower] != nil }),
              let numberIndex = rest[opIndex...].firstIndex(where: { $0.number != nil }),
              let op = Lexicon.comparatives[rest[opIndex].lower], let value = rest[numberIndex].number else { return nil }
        let words = rest[..<opIndex].filter { !["those", "with", "whose", "who", "have", "has", "a", "an", "the", "lifetime", "total", "of"].contains($0.lower) }
        guard let related = words.lazy.compactMap({ tableNamed([$0], graph: graph) }).first, related != table,
              graph.distance(table, related) != nil, let measure = graph.defaultMeasure(of: related), !term.isEmpty else { return nil }
        return Threshold(words: term, table: table, measure: Expression(table: related, columns: [measure.ref], operators: []),
                         op: op, value: value, note: note)
    }

    /// The table whose words are these tokens' stems (or whose name they spell).
    static func tableNamed(_ tokens: [QuestionText.Token], graph: SchemaGraph) -> Int? {
        let stems = tokens.map(\.stem)
        guard !stems.isEmpty else { return nil }
        if let exact = graph.tables.first(where: { $0.words == stems }) { return exact.index }
        let joined = tokens.map(\.lower).joined(separator: "_")
        return graph.tables.first { $0.name.lowercased() == joined || $0.name.lowercased() == tokens.map(\.lower).joined() }?.index
    }

    /// The column of `table` these tokens name (`unit_price`, "unit price", `UnitPrice`).
    static func columnNamed(_ tokens: [QuestionText.Token], table: Int, graph: SchemaGraph) -> SchemaGraph.ColumnRef? {
        let joined = tokens.map(\.lower).joined(separator: "_")
        let glued = tokens.map(\.lower).joined()
        let stems = tokens.flatMap { SchemaGraph.words(of: $0.text) }
        let columns = graph.tables[table].columns
        return (columns.first { $0.name.lowercased() == joined || $0.name.lowercased() == glued }
            ?? columns.first { $0.words == stems || $0.ownWords == stems })?.ref
    }
}
