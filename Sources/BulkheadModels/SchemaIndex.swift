/// The offline planner's view of a `SchemaContext`: words per table and column, column kinds,
/// label columns and the foreign-key graph used for joins.
struct SchemaIndex {
    /// What a column holds, judged from its declared type and name.
    enum Kind: Equatable { case numeric, text, date, other }

    /// A column and what the planner knows about it.
    struct Column {
        let table: Int
        let index: Int
        let schema: ColumnSchema
        let words: [String]
        let kind: Kind
        /// Part of a primary key or a foreign key: never a measure, label or default filter.
        let isKey: Bool
        var name: String { schema.name }
    }

    /// A table and its columns.
    struct Table {
        let index: Int
        let schema: TableSchema
        let words: [String]
        let columns: [Column]
        var name: String { schema.name }
        var primaryKey: [Column] { columns.filter(\.schema.isPrimaryKey) }
    }

    /// One foreign key: `child.childColumn` refers to `parent.parentColumn`.
    struct Edge {
        let child: Int
        let childColumn: String
        let parent: Int
        let parentColumn: String
    }

    /// A column's address.
    struct ColumnRef: Hashable {
        let table: Int
        let column: Int
    }

    let tables: [Table]
    let edges: [Edge]

    init(_ schema: SchemaContext) {
        var tables: [Table] = []
        for (t, table) in schema.tables.enumerated() {
            let columns = table.columns.enumerated().map { c, column in
                Column(table: t, index: c, schema: column, words: Words.split(identifier: column.name),
                       kind: Self.kind(of: column), isKey: column.isPrimaryKey || column.references != nil)
            }
            tables.append(Table(index: t, schema: table, words: Words.split(identifier: table.name), columns: columns))
        }
        var edges: [Edge] = []
        for table in tables {
            for column in table.columns {
                guard let reference = column.schema.references,
                      let parent = tables.first(where: { $0.name.caseInsensitiveCompare(reference.table) == .orderedSame }),
                      parent.index != table.index else { continue }
                edges.append(Edge(child: table.index, childColumn: column.name, parent: parent.index, parentColumn: reference.column))
            }
        }
        self.tables = tables
        self.edges = edges
    }

    func column(_ ref: ColumnRef) -> Column { tables[ref.table].columns[ref.column] }

    /// Judges a column's kind from its declared type, then its name.
    static func kind(of column: ColumnSchema) -> Kind {
        let type = column.type.uppercased()
        let words = Words.split(identifier: column.name)
        let dateNamed = words.contains("date") || words.last == "at" || words.last == "on" || words.contains("timestamp")
        if type.contains("DATE") || type.contains("TIME") { return .date }
        if dateNamed && (type.isEmpty || type.contains("TEXT") || type.contains("CHAR")) { return .date }
        if ["INT", "REAL", "FLOA", "DOUB", "NUM", "DEC"].contains(where: type.contains) { return .numeric }
        if ["CHAR", "TEXT", "CLOB"].contains(where: type.contains) { return .text }
        return type.isEmpty ? .text : .other
    }

    /// The column that names a row: `Name`, `Title`, a column ending in name or title, else the
    /// first text column that is not a key.
    func labelColumn(of table: Int) -> Column? {
        let columns = tables[table].columns.filter { !$0.isKey && $0.kind == .text }
        if let exact = columns.first(where: { $0.words == ["name"] || $0.words == ["title"] }) { return exact }
        if let named = columns.first(where: { $0.words.last == "name" || $0.words.last == "title" }) { return named }
        return columns.first
    }

    /// The default measure of a table: its only numeric non-key column, or the one whose name
    /// says amount, total, price, cost or quantity.
    func defaultMeasure(of table: Int) -> Column? {
        let numeric = tables[table].columns.filter { !$0.isKey && $0.kind == .numeric }
        if numeric.count == 1 { return numeric[0] }
        for hint in Words.measureHints {
            let matches = numeric.filter { $0.words.contains(hint) }
            if matches.count == 1 { return matches[0] }
        }
        return nil
    }

    /// The date columns of a table; birth dates last unless `preferBirth`.
    func dateColumns(of table: Int, preferBirth: Bool = false) -> [Column] {
        let dates = tables[table].columns.filter { $0.kind == .date }
        let birth = dates.filter { $0.words.contains("birth") }
        let other = dates.filter { !$0.words.contains("birth") }
        return preferBirth ? birth + other : other + birth
    }

    /// Shortest join paths from `start`, as the edge used to reach each table (breadth-first,
    /// neighbours in schema order, so the result is deterministic).
    func paths(from start: Int) -> [Int: (edge: Edge, previous: Int)] {
        var reached: [Int: (edge: Edge, previous: Int)] = [:]
        var seen: Set<Int> = [start]
        var frontier = [start]
        while !frontier.isEmpty {
            var next: [Int] = []
            for table in frontier {
                for edge in edges where edge.child == table || edge.parent == table {
                    let other = edge.child == table ? edge.parent : edge.child
                    guard !seen.contains(other) else { continue }
                    seen.insert(other)
                    reached[other] = (edge, table)
                    next.append(other)
                }
            }
            frontier = next
        }
        return reached
    }

    /// The number of joins between two tables, or nil when no foreign keys link them.
    func distance(from start: Int, to end: Int) -> Int? {
        if start == end { return 0 }
        let reached = paths(from: start)
        var steps = 0
        var current = end
        while current != start {
            guard let step = reached[current] else { return nil }
            steps += 1
            current = step.previous
        }
        return steps
    }
}
