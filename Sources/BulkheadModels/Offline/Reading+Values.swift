/// The value a plan measures, the fan-out of its joins, and the explanation of what it read.
extension Reading {
    /// The counted or aggregated value of the plan, with its alias.
    func valueExpression(_ measure: Measure?, plan: inout QueryPlan) throws -> (expr: QueryPlan.Expr, alias: String)? {
        guard let measure else { return nil }
        switch measure {
        case .rows:
            return (.count, "count")
        case let .distinctValues(ref):
            return (.countDistinct(.column(ref)), "count")
        case let .expression(function, expr, _, _):
            var value = expr
            if let outputUnit, let column = expr.columns.first, let own = graph.column(column).unit, own.dimension == outputUnit.dimension,
               own.factor != outputUnit.factor {
                value = .scaled(expr, outputUnit.factor / own.factor)
            }
            let alias = function.lowercased() + "_" + (expr.columns.count == 1 ? graph.column(expr.columns[0]).name : "value")
            return (value, alias)
        }
    }

    /// Joining a parent to its children repeats the parent's rows: listed rows become DISTINCT,
    /// counted rows count the key once, and sums move the children's conditions into a subquery.
    func settleFanOut(_ plan: inout QueryPlan, measure: Measure?, value: (expr: QueryPlan.Expr, alias: String)?) throws {
        guard plan.fansOut(graph) else { return }
        let keys = graph.tables[plan.base].primaryKey
        switch measure {
        case nil:
            if plan.groupBy.isEmpty { plan.distinct = true }
        case .rows?:
            if keys.count == 1, let index = plan.outputs.firstIndex(where: { $0.expr == .count }) {
                plan.outputs[index] = QueryPlan.Output(expr: .countDistinct(.column(keys[0].ref)), alias: "count")
                plan.orderBy = plan.orderBy.map { $0.expr == .count ? (.countDistinct(.column(keys[0].ref)), $0.descending) : $0 }
            }
        case .distinctValues?:
            break
        case .expression?:
            // Conditions on tables reached through children move into `base.key IN (…)`.
            guard keys.count == 1 else { return }
            var outer = plan.conditions
            var moved: [QueryPlan.Condition] = []
            outer.removeAll { condition in
                let repeats = condition.columns.contains { column in
                    guard let path = graph.path(from: plan.base, to: column.table) else { return false }
                    return graph.fansOut(from: plan.base, along: path)
                }
                if repeats { moved.append(condition) }
                return repeats
            }
            guard !moved.isEmpty else { return }
            var sub = QueryPlan(base: plan.base)
            sub.outputs = [QueryPlan.Output(expr: .column(keys[0].ref))]
            sub.conditions = moved
            outer.append(.inQuery([.column(keys[0].ref)], sub, negated: false))
            plan.conditions = outer
            plan.extraTables.removeAll { table in
                guard let path = graph.path(from: plan.base, to: table) else { return false }
                return graph.fansOut(from: plan.base, along: path)
            }
        }
    }

    /// The explanation shown beside the SQL: tables, joins, columns and conditions chosen.
    func explain(joins: [String]) -> String {
        var parts = notes
        if !joins.isEmpty { parts.append("joined along " + joins.joined(separator: ", ")) }
        let sentence = parts.isEmpty ? "read the table asked for" : parts.joined(separator: "; ")
        return sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
    }
}
