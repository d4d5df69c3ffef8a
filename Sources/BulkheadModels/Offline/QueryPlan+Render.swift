/// Writing a `QueryPlan` as one SELECT in a dialect, joining along the schema's foreign keys.
extension QueryPlan {
    /// The statement and the joins it made (for the explanation); nil when a table the plan
    /// needs is not linked to the base by foreign keys.
    func render(_ graph: SchemaGraph, dialect: any SQLDialect) -> (sql: String, joins: [String])? {
        var joins = JoinTree(base: base, graph: graph, preferred: preferredTables, chosen: roleEdges)
        var tables: [(SchemaGraph.ColumnRef?, Int)] = []
        func need(_ expr: Expr) {
            if case let .star(t) = expr { tables.append((nil, t)) }
            for column in expr.columns { tables.append((column, column.table)) }
        }
        outputs.forEach { need($0.expr) }
        groupBy.forEach(need)
        orderBy.forEach { need($0.expr) }
        for condition in conditions + having { condition.columns.forEach { tables.append(($0, $0.table)) } }
        for table in extraTables { tables.append((nil, table)) }
        for (column, table) in tables {
            guard joins.reach(table, entering: column.flatMap { entries[$0] }, column: column) else { return nil }
        }
        for output in outputs {
            if case let .entered(ref, edge) = output.expr, !joins.reach(ref.table, entering: edge, column: nil) { return nil }
        }
        let writer = Writer(graph: graph, dialect: dialect, joins: joins)
        var sql = "SELECT " + (distinct ? "DISTINCT " : "")
        sql += outputs.map { output in
            let text = writer.expr(output.expr)
            return output.alias.map { text + " AS " + dialect.identifier($0) } ?? text
        }.joined(separator: ", ")
        sql += " FROM " + joins.fromClause(dialect)
        if !conditions.isEmpty {
            sql += " WHERE " + conditions.map { writer.condition($0) }.joined(separator: " AND ")
        }
        if !groupBy.isEmpty { sql += " GROUP BY " + groupBy.map { writer.expr($0) }.joined(separator: ", ") }
        if !having.isEmpty { sql += " HAVING " + having.map { writer.condition($0) }.joined(separator: " AND ") }
        if !orderBy.isEmpty {
            sql += " ORDER BY " + orderBy.map { writer.expr($0.expr) + ($0.descending ? " DESC" : " ASC") }.joined(separator: ", ")
        }
        if let limit { sql += " " + dialect.limit(limit) }
        for part in combined {
            guard let other = part.plan.choosing(roleEdges).render(graph, dialect: dialect) else { return nil }
            sql += " " + part.operation + " " + other.sql
        }
        return (sql, joins.sentences)
    }

    /// The plan with `tables` preferred too (a subquery follows the paths of its statement).
    func preferring(_ tables: Set<Int>) -> QueryPlan {
        var copy = self
        copy.preferredTables.formUnion(tables)
        return copy
    }

    /// The plan with the keys `edges` chosen too (a subquery or a combined statement joins as its statement does).
    func choosing(_ edges: Set<Int>) -> QueryPlan {
        var copy = self
        copy.roleEdges.formUnion(edges)
        return copy
    }

    /// Whether joining the plan's tables repeats rows of the base (a parent joined to its children).
    func fansOut(_ graph: SchemaGraph) -> Bool {
        var joins = JoinTree(base: base, graph: graph, preferred: preferredTables, chosen: roleEdges)
        var all: [SchemaGraph.ColumnRef] = outputs.flatMap(\.expr.columns) + groupBy.flatMap(\.columns) + orderBy.flatMap(\.expr.columns)
        all += (conditions + having).flatMap(\.columns)
        for column in all { _ = joins.reach(column.table, entering: entries[column], column: column) }
        for table in extraTables { _ = joins.reach(table, entering: nil, column: nil) }
        return joins.fansOut
    }

    /// A join the plan would make along one of several foreign keys between the same two tables
    /// (a flight's origin or destination airport, a border's two countries) without anything in
    /// the question choosing it: the child and parent tables, or nil when every join is settled.
    /// Subqueries are checked too.
    func guessedJoin(_ graph: SchemaGraph) -> (child: Int, parent: Int)? {
        var joins = JoinTree(base: base, graph: graph, preferred: preferredTables, chosen: roleEdges)
        var all: [SchemaGraph.ColumnRef] = outputs.flatMap(\.expr.columns) + groupBy.flatMap(\.columns) + orderBy.flatMap(\.expr.columns)
        all += (conditions + having).flatMap(\.columns)
        for column in all { _ = joins.reach(column.table, entering: entries[column], column: column) }
        for table in extraTables { _ = joins.reach(table, entering: nil, column: nil) }
        if let edge = joins.guessed.first { return (edge.child, edge.parent) }
        for condition in conditions + having {
            switch condition {
            case let .inQuery(_, sub, _), let .compareToQuery(_, _, sub):
                if let found = sub.preferring(preferredTables).choosing(roleEdges).guessedJoin(graph) { return found }
            default: continue
            }
        }
        for part in combined { if let found = part.plan.choosing(roleEdges).guessedJoin(graph) { return found } }
        return nil
    }
}

/// The tables a statement joins, as a tree rooted at the base, with an alias for a table met twice.
struct JoinTree {
    struct Node {
        let table: Int
        let alias: String?
        /// The edge from the parent node, and the parent node's index.
        let edge: SchemaGraph.Edge?
        let from: Int?
        /// Across a table's key to itself, whether this node is the row pointed to (the manager), not the row pointing.
        var pointedTo = false
    }

    let graph: SchemaGraph
    /// Tables a path should pass through when several are as short.
    let preferred: Set<Int>
    /// Keys chosen among several between the same two tables (see `QueryPlan.roleEdges`).
    let chosen: Set<Int>
    private(set) var nodes: [Node]
    /// The node each column was reached by.
    private(set) var nodeOfColumn: [SchemaGraph.ColumnRef: Int] = [:]
    private(set) var fansOut = false
    /// Edges a path crossed where another foreign key links the same two tables: nothing chose between them.
    private(set) var guessed: [SchemaGraph.Edge] = []

    init(base: Int, graph: SchemaGraph, preferred: Set<Int> = [], chosen: Set<Int> = []) {
        self.graph = graph
        self.preferred = preferred
        self.chosen = chosen
        nodes = [Node(table: base, alias: nil, edge: nil, from: nil)]
    }

    /// Joins `table` (along the shortest path, or entering it by the edge `entering`); false when unreachable.
    mutating func reach(_ table: Int, entering edgeID: Int?, column: SchemaGraph.ColumnRef?) -> Bool {
        if let edgeID, let edge = graph.edges.first(where: { $0.id == edgeID }) {
            // Reach the other end of the edge first, then cross it.
            let other = edge.child == table ? edge.parent : edge.child
            if let existing = nodes.firstIndex(where: { $0.table == table && $0.edge?.id == edgeID }) {
                if let column { nodeOfColumn[column] = existing }
                return true
            }
            if table == nodes[0].table, edge.child == table, edge.childColumns.contains(column?.column ?? -1) {
                if let column { nodeOfColumn[column] = 0 }
                return true
            }
            guard reach(other, entering: nil, column: nil), let from = nodes.firstIndex(where: { $0.table == other }) else { return false }
            // Entering a table by its key to itself ("each manager"): the new node is the row the key points to.
            append(table, edge: edge, from: from, column: column, pointedTo: edge.child == edge.parent)
            return true
        }
        if let existing = nodes.firstIndex(where: { $0.table == table }) {
            if let column { nodeOfColumn[column] = existing }
            return true
        }
        guard var path = graph.path(from: nodes[0].table, to: table, preferring: preferred) else { return false }
        // Rows that only share an unnamed parent are not related by it: another path, or none.
        if graph.siblingTurn(from: nodes[0].table, along: path, named: preferred) != nil {
            guard let other = graph.pathWithoutSiblingTurn(from: nodes[0].table, to: table, named: preferred) else { return false }
            path = other
        }
        // "people who logged time on a project": through the named table of events, not a project's lead.
        if let through = graph.pathThroughNamed(from: nodes[0].table, to: table, path: path, named: preferred, chosen: chosen) {
            path = through
        }
        var current = 0
        var at = nodes[0].table
        for var edge in path {
            let next = edge.child == at ? edge.parent : edge.child
            if let existing = nodes.firstIndex(where: { $0.table == next && $0.from == current }) {
                current = existing
            } else if let existing = nodes.firstIndex(where: { $0.table == next }) {
                current = existing
            } else {
                let siblings = graph.edges.filter { $0.child == edge.child && $0.parent == edge.parent }
                if edge.child != edge.parent, siblings.count > 1 {
                    if let role = siblings.first(where: { chosen.contains($0.id) }) { edge = role }
                    else if next == edge.child || current == 0, let owner = Self.ownerKey(among: siblings, graph) { edge = owner } else { guessed.append(edge) }
                }
                append(next, edge: edge, from: current, column: nil)
                current = nodes.count - 1
            }
            at = next
        }
        if let column { nodeOfColumn[column] = current }
        return true
    }

    /// Entering a child table from its parent, or leaving the base child table for its parent, where
    /// several of its keys point there (the "prerequisites" of a course: `course_code` and
    /// `prereq_code`): the rows belong to the parent through the one key named exactly like the
    /// parent's own key; the others name what the rows are about. Nil when no single key is named
    /// so, and the join stays a guess.
    static func ownerKey(among siblings: [SchemaGraph.Edge], _ graph: SchemaGraph) -> SchemaGraph.Edge? {
        let owners = siblings.filter { edge in
            edge.childColumns.count == 1 && edge.parentColumns.count == 1
                && graph.tables[edge.child].columns[edge.childColumns[0]].name.lowercased()
                    == graph.tables[edge.parent].columns[edge.parentColumns[0]].name.lowercased()
        }
        return owners.count == 1 ? owners[0] : nil
    }

    private mutating func append(_ table: Int, edge: SchemaGraph.Edge, from: Int, column: SchemaGraph.ColumnRef?, pointedTo: Bool = false) {
        let repeats = nodes.filter { $0.table == table }.count
        let alias = repeats == 0 ? nil : "\(graph.tables[table].name)_\(repeats + 1)"
        if edge.parent == nodes[from].table && edge.child == table && !pointedTo { fansOut = true }
        nodes.append(Node(table: table, alias: alias, edge: edge, from: from, pointedTo: pointedTo))
        if let column { nodeOfColumn[column] = nodes.count - 1 }
    }

    /// The name a node's columns are qualified with.
    func qualifier(_ node: Int, _ dialect: any SQLDialect) -> String {
        nodes[node].alias.map(dialect.identifier) ?? dialect.table(graph.tables[nodes[node].table].name)
    }

    /// The node for a column: the one it was reached by, else the first of its table.
    func node(for column: SchemaGraph.ColumnRef) -> Int {
        nodeOfColumn[column] ?? nodes.firstIndex { $0.table == column.table } ?? 0
    }

    func fromClause(_ dialect: any SQLDialect) -> String {
        var text = dialect.table(graph.tables[nodes[0].table].name)
        for (index, node) in nodes.enumerated().dropFirst() {
            guard let edge = node.edge, let from = node.from else { continue }
            let tableName = dialect.table(graph.tables[node.table].name)
            text += " JOIN " + tableName + (node.alias.map { " AS " + dialect.identifier($0) } ?? "")
            let childNode = node.pointedTo ? from : edge.child == node.table ? index : from
            let parentNode = childNode == index ? from : index
            let pairs = zip(edge.childColumns, edge.parentColumns).map { child, parent in
                qualifier(childNode, dialect) + "." + dialect.identifier(graph.tables[edge.child].columns[child].name) + " = "
                    + qualifier(parentNode, dialect) + "." + dialect.identifier(graph.tables[edge.parent].columns[parent].name)
            }
            text += " ON " + pairs.joined(separator: " AND ")
        }
        return text
    }

    /// "Invoice.CustomerId → Customer.CustomerId" for each join.
    var sentences: [String] {
        nodes.dropFirst().compactMap { node in
            guard let edge = node.edge else { return nil }
            let child = graph.tables[edge.child]
            let parent = graph.tables[edge.parent]
            let childColumns = edge.childColumns.map { child.columns[$0].name }.joined(separator: ", ")
            let parentColumns = edge.parentColumns.map { parent.columns[$0].name }.joined(separator: ", ")
            return "\(child.name).\(childColumns) → \(parent.name).\(parentColumns)"
        }
    }
}

/// Writes expressions and conditions of one statement.
private struct Writer {
    let graph: SchemaGraph
    let dialect: any SQLDialect
    let joins: JoinTree

    func column(_ ref: SchemaGraph.ColumnRef) -> String {
        joins.qualifier(joins.node(for: ref), dialect) + "." + dialect.identifier(graph.column(ref).name)
    }

    func expr(_ expr: QueryPlan.Expr) -> String {
        switch expr {
        case let .column(ref): return column(ref)
        case let .star(table):
            let node = joins.nodes.firstIndex { $0.table == table } ?? 0
            return joins.qualifier(node, dialect) + ".*"
        case .count: return "COUNT(*)"
        case let .countDistinct(inner): return "COUNT(DISTINCT \(self.expr(inner)))"
        case let .aggregate(function, inner): return "\(function)(\(self.expr(inner)))"
        case let .arithmetic(parts, ops):
            var text = self.expr(parts[0])
            for (op, part) in zip(ops, parts.dropFirst()) { text += " \(op) " + self.expr(part) }
            return text
        case let .datePart(part, ref): return dialect.datePart(part, of: column(ref))
        case let .scaled(inner, divisor): return dialect.divide(self.expr(inner), by: divisor)
        case let .discounted(inner, discount): return self.expr(inner) + " * (1 - " + column(discount) + ")"
        case let .daysBetween(start, end): return dialect.days(from: column(start), to: column(end))
        case let .daysSpanned(ref): return dialect.days(from: "MIN(\(column(ref)))", to: "MAX(\(column(ref)))")
        case let .entered(ref, edge):
            let node = joins.nodes.firstIndex { $0.table == ref.table && $0.edge?.id == edge } ?? joins.node(for: ref)
            return joins.qualifier(node, dialect) + "." + dialect.identifier(graph.column(ref).name)
        case let .shareOfAll(table): return "100.0 * COUNT(*) / (SELECT COUNT(*) FROM \(dialect.table(graph.tables[table].name)))"
        case let .share(conditions):
            return "100.0 * SUM(CASE WHEN " + conditions.map { condition($0) }.joined(separator: " AND ") + " THEN 1 ELSE 0 END) / COUNT(*)"
        }
    }

    func literal(_ literal: QueryPlan.Literal) -> String {
        switch literal {
        case let .number(value): return dialect.number(value)
        case let .text(value): return dialect.literal(value)
        case let .date(year, month, day): return dialect.date(year: year, month: month, day: day)
        }
    }

    func condition(_ condition: QueryPlan.Condition) -> String {
        switch condition {
        case let .compare(lhs, op, rhs): return "\(expr(lhs)) \(op) \(literal(rhs))"
        case let .compareColumns(lhs, op, rhs): return "\(expr(lhs)) \(op) \(expr(rhs))"
        case let .equalsIgnoringCase(lhs, value): return dialect.equalsIgnoringCase(expr(lhs), dialect.literal(value))
        case let .oneOf(lhs, values, negated):
            if values.count == 1 { return "\(expr(lhs)) \(negated ? "<>" : "=") \(dialect.literal(values[0]))" }
            return "\(expr(lhs)) \(negated ? "NOT IN" : "IN") (" + values.map(dialect.literal).joined(separator: ", ") + ")"
        case let .like(lhs, pattern, negated): return dialect.like(expr(lhs), pattern: pattern, negated: negated)
        case let .datePartEquals(part, ref, value): return dialect.datePart(part, of: column(ref), equals: value)
        case let .between(lhs, low, high): return "\(expr(lhs)) BETWEEN \(dialect.number(low)) AND \(dialect.number(high))"
        case let .isNotNull(lhs): return "\(expr(lhs)) IS NOT NULL"
        case let .isNull(lhs): return "\(expr(lhs)) IS NULL"
        case let .compareToQuery(lhs, op, plan):
            return "\(expr(lhs)) \(op) (" + (plan.preferring(joins.preferred).choosing(joins.chosen).render(graph, dialect: dialect)?.sql ?? "NULL") + ")"
        case let .anyOf(groups):
            return "(" + groups.map { group in "(" + group.map { self.condition($0) }.joined(separator: " AND ") + ")" }.joined(separator: " OR ") + ")"
        case let .compareToOwnGroup(ref, op, function, key):
            // Each group's value once (a derived table), met by the outer row's key: no rescan per row.
            let groups = dialect.identifier(graph.tables[ref.table].name + "_own")
            let (keyName, valueName) = (dialect.identifier(graph.column(key).name), dialect.identifier("value"))
            return "\(column(ref)) \(op) (SELECT \(groups).\(valueName) FROM (SELECT \(keyName), \(function)(\(dialect.identifier(graph.column(ref).name))) AS \(valueName) FROM "
                + dialect.table(graph.tables[ref.table].name) + " GROUP BY \(keyName)) AS \(groups) WHERE \(groups).\(keyName) = \(column(key)))"
        case let .inQuery(lhs, plan, negated):
            let left = lhs.count == 1 ? expr(lhs[0]) : "(" + lhs.map { expr($0) }.joined(separator: ", ") + ")"
            return "\(left) \(negated ? "NOT IN" : "IN") (" + (plan.preferring(joins.preferred).choosing(joins.chosen).render(graph, dialect: dialect)?.sql ?? "SELECT NULL") + ")"
        }
    }
}
