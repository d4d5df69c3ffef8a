/// Writing a `QuerySpec` as one SQLite SELECT, with joins along the schema's foreign keys.
extension QuerySpec {
    /// The statement, and the join sentence for the explanation; nil when a table the query
    /// needs is not linked to the subject by foreign keys.
    func sql(_ index: SchemaIndex) -> (sql: String, joins: [String])? {
        let subjectTable = index.tables[subject]
        // Tables the statement needs, in the order they come up.
        var needed: [Int] = []
        func need(_ table: Int) { if table != subject && !needed.contains(table) { needed.append(table) } }
        for filter in filters { need(filter.column.table) }
        for column in groupColumns { need(column.table) }
        if let groupTable { need(groupTable) }
        if case let .aggregate(_, column) = selection { need(column.table) }
        if case let .countDistinct(column) = selection { need(column.table) }
        if case let .column(column, _) = ordering { need(column.table) }
        if let having { need(having.table) }
        for table in extraTables { need(table) }

        let paths = index.paths(from: subject)
        var joined: Set<Int> = [subject]
        var joinClauses: [String] = []
        var joinSentences: [String] = []
        var expands = false
        for table in needed {
            var chain: [(edge: SchemaIndex.Edge, table: Int, from: Int)] = []
            var current = table
            while current != subject {
                guard let step = paths[current] else { return nil }
                chain.append((step.edge, current, step.previous))
                current = step.previous
            }
            for link in chain.reversed() where !joined.contains(link.table) {
                joined.insert(link.table)
                let edge = link.edge
                let childName = index.tables[edge.child].name
                let parentName = index.tables[edge.parent].name
                if link.table == edge.child { expands = true }
                joinClauses.append("JOIN \(SQLText.identifier(index.tables[link.table].name)) ON "
                    + "\(SQLText.qualified(childName, edge.childColumn)) = \(SQLText.qualified(parentName, edge.parentColumn))")
                joinSentences.append("\(childName).\(edge.childColumn) → \(parentName).\(edge.parentColumn)")
            }
        }

        func ref(_ column: SchemaIndex.ColumnRef) -> String {
            SQLText.qualified(index.tables[column.table].name, index.column(column).name)
        }
        let subjectKey = subjectTable.primaryKey
        let countExpression = expands && subjectKey.count == 1
            ? "COUNT(DISTINCT \(SQLText.qualified(subjectTable.name, subjectKey[0].name)))"
            : "COUNT(*)"

        // Group columns: the named columns, or the grouped table's key and label.
        var groupSelect: [String] = []
        var groupBy: [String] = []
        if let groupTable {
            let table = index.tables[groupTable]
            let label = index.labelColumn(of: groupTable)
            for key in table.primaryKey { groupBy.append(SQLText.qualified(table.name, key.name)) }
            if let label {
                groupSelect.append(SQLText.qualified(table.name, label.name))
                groupBy.append(SQLText.qualified(table.name, label.name))
            } else {
                groupSelect.append(contentsOf: groupBy)
            }
        }
        for column in groupColumns {
            groupSelect.append(ref(column))
            groupBy.append(ref(column))
        }
        // "artists with more than 10 albums": one group per subject row.
        let havingGroups = having != nil && groupBy.isEmpty
        if havingGroups {
            groupBy = subjectKey.map { SQLText.qualified(subjectTable.name, $0.name) }
        }
        var havingCount = countExpression
        if let having, let key = index.tables[having.table].primaryKey.first {
            havingCount = "COUNT(DISTINCT \(SQLText.qualified(index.tables[having.table].name, key.name)))"
        }

        var select: [String] = groupSelect
        var valueExpression: String?
        switch selection {
        case .rows:
            select = [(expands && !havingGroups ? "DISTINCT " : "") + SQLText.identifier(subjectTable.name) + ".*"]
        case .count where havingGroups:
            select = groupBy
        case .count:
            select.append(countExpression + " AS \"count\"")
            valueExpression = "\"count\""
        case let .countDistinct(column):
            select.append("COUNT(DISTINCT \(ref(column))) AS \"count\"")
            valueExpression = "\"count\""
        case let .aggregate(function, column):
            let alias = function.lowercased() + "_" + index.column(column).name
            select.append("\(function)(\(ref(column))) AS \(SQLText.identifier(alias))")
            valueExpression = SQLText.identifier(alias)
        }

        var sql = "SELECT " + select.joined(separator: ", ") + " FROM " + SQLText.identifier(subjectTable.name)
        if !joinClauses.isEmpty { sql += " " + joinClauses.joined(separator: " ") }
        var conditions = filters.map { condition($0, ref($0.column)) }
        if case let .column(column, _) = ordering { conditions.append(ref(column) + " IS NOT NULL") }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        if !groupBy.isEmpty { sql += " GROUP BY " + groupBy.joined(separator: ", ") }
        if let having {
            sql += " HAVING \(havingCount) \(having.op) \(Self.number(having.value))"
        }
        var orderTerms: [String] = []
        switch ordering {
        case let .column(column, descending):
            orderTerms.append(ref(column) + (descending ? " DESC" : " ASC"))
            orderTerms += subjectKey.map { SQLText.qualified(subjectTable.name, $0.name) + " ASC" }
        case let .selectedValue(descending):
            if let valueExpression { orderTerms.append(valueExpression + (descending ? " DESC" : " ASC")) }
            orderTerms += groupBy.map { $0 + " ASC" }
        case nil:
            if !havingGroups { orderTerms += groupBy.map { $0 + " ASC" } }
        }
        if !orderTerms.isEmpty { sql += " ORDER BY " + orderTerms.joined(separator: ", ") }
        if let limit { sql += " LIMIT \(limit)" }
        if havingGroups, case .count = selection {
            sql = "SELECT COUNT(*) AS \"count\" FROM (" + sql + ")"
        }
        return (sql, joinSentences)
    }

    private func condition(_ filter: Filter, _ column: String) -> String {
        switch filter.operation {
        case let .equals(value): return "\(column) = \(SQLText.literal(value))"
        case let .equalsIgnoringCase(value): return "\(column) = \(SQLText.literal(value)) COLLATE NOCASE"
        case let .oneOf(values): return "\(column) IN (" + values.map(SQLText.literal).joined(separator: ", ") + ")"
        case let .contains(value):
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            return "\(column) LIKE \(SQLText.literal("%" + escaped + "%")) ESCAPE '\\'"
        case let .compare(op, value): return "\(column) \(op) \(Self.number(value))"
        case let .between(low, high): return "\(column) BETWEEN \(Self.number(low)) AND \(Self.number(high))"
        case let .dateRange(from, to):
            var parts: [String] = []
            if let from { parts.append("\(column) >= \(SQLText.literal(from))") }
            if let to { parts.append("\(column) < \(SQLText.literal(to))") }
            return parts.joined(separator: " AND ")
        }
    }

    /// A number as SQL: integers without a decimal point.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
