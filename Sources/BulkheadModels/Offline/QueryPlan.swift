/// The query the offline planner decided on, before a dialect writes it: what to return, from
/// which table, on which conditions, grouped, ranked and limited how. Tables are reached along
/// foreign keys from `base` when the plan is written.
struct QueryPlan {
    /// A value the query computes.
    indirect enum Expr: Equatable {
        case column(SchemaGraph.ColumnRef)
        /// Every column of a table.
        case star(Int)
        case count
        case countDistinct(Expr)
        /// `SUM`, `AVG`, `MIN` or `MAX` of an expression.
        case aggregate(String, Expr)
        /// Columns joined by `*`, `+` or `-`.
        case arithmetic([Expr], [String])
        case datePart(DatePart, SchemaGraph.ColumnRef)
        /// An expression divided by a number (a unit conversion).
        case scaled(Expr, Double)
        /// Money net of a discount held as a fraction: `expr * (1 - discount)`.
        case discounted(Expr, SchemaGraph.ColumnRef)
        /// The days from a start date to an end date of the same row.
        case daysBetween(SchemaGraph.ColumnRef, SchemaGraph.ColumnRef)
        /// The days from the earliest to the latest date of a group's rows ("between their first and last purchase").
        case daysSpanned(SchemaGraph.ColumnRef)
        /// The percentage of the rows that meet the conditions: "what percentage of bookings were cancelled".
        case share([Condition])
        /// The percentage a group's rows are of all the rows of a table: "what percentage of all tracks does each media type account for".
        case shareOfAll(Int)
        /// A column of the row a table's key to itself points to, read through that edge: the
        /// manager's name beside the employee's own, where the same column is needed twice.
        case entered(SchemaGraph.ColumnRef, edge: Int)

        /// The columns the expression reads.
        var columns: [SchemaGraph.ColumnRef] {
            switch self {
            case let .column(ref), let .datePart(_, ref): return [ref]
            case .star, .count: return []
            case let .countDistinct(inner), let .aggregate(_, inner), let .scaled(inner, _): return inner.columns
            case let .arithmetic(parts, _): return parts.flatMap(\.columns)
            case let .discounted(inner, discount): return inner.columns + [discount]
            case let .daysBetween(start, end): return [start, end]
            case let .daysSpanned(ref): return [ref]
            case let .share(conditions): return conditions.flatMap(\.columns)
            case .shareOfAll: return []
            case .entered: return []
            }
        }

        var isAggregate: Bool {
            switch self {
            case .count, .countDistinct, .aggregate, .share, .shareOfAll, .daysSpanned: return true
            case let .scaled(inner, _): return inner.isAggregate
            default: return false
            }
        }
    }

    /// A literal on the right of a comparison.
    enum Literal: Equatable {
        case number(Double)
        case text(String)
        case date(year: Int, month: Int, day: Int)
    }

    /// A condition in WHERE or HAVING.
    indirect enum Condition: Equatable {
        case compare(Expr, String, Literal)
        /// Two expressions compared: of one row (`shipped_on > required_by`), or of a row and the
        /// row it refers to ("customers in the same country as their support rep").
        case compareColumns(Expr, String, Expr)
        case equalsIgnoringCase(Expr, String)
        case oneOf(Expr, [String], negated: Bool)
        case like(Expr, String, negated: Bool)
        case datePartEquals(DatePart, SchemaGraph.ColumnRef, Int)
        case between(Expr, Double, Double)
        case isNotNull(Expr)
        case isNull(Expr)
        /// `expr op (SELECT …)`: "longer than the average track".
        case compareToQuery(Expr, String, QueryPlan)
        /// `expr [NOT] IN (SELECT …)`: "artists with no albums".
        case inQuery([Expr], QueryPlan, negated: Bool)
        /// Either group of conditions: "after 1900 or with no year".
        case anyOf([[Condition]])
        /// `expr op (the function of expr over the rows with the outer row's key)`: "heavier than the
        /// average for their own species" (written in QueryPlan+Render.swift).
        case compareToOwnGroup(SchemaGraph.ColumnRef, op: String, function: String, key: SchemaGraph.ColumnRef)

        /// The columns the condition reads in the outer query.
        var columns: [SchemaGraph.ColumnRef] {
            switch self {
            case let .compare(e, _, _), let .equalsIgnoringCase(e, _), let .oneOf(e, _, _), let .like(e, _, _),
                 let .between(e, _, _), let .isNotNull(e), let .isNull(e), let .compareToQuery(e, _, _):
                return e.columns
            case let .datePartEquals(_, ref, _): return [ref]
            case let .compareColumns(a, _, b): return a.columns + b.columns
            case let .inQuery(exprs, _, _): return exprs.flatMap(\.columns)
            case let .anyOf(groups): return groups.flatMap { $0.flatMap(\.columns) }
            case let .compareToOwnGroup(column, _, _, key): return [column, key]
            }
        }
    }

    /// One output column and its alias.
    struct Output: Equatable {
        let expr: Expr
        var alias: String?
    }

    var base: Int
    var outputs: [Output] = []
    var conditions: [Condition] = []
    var groupBy: [Expr] = []
    var having: [Condition] = []
    var orderBy: [(expr: Expr, descending: Bool)] = []
    var limit: Int?
    var distinct = false
    /// For a table reachable by more than one foreign key (origin and destination airports):
    /// the edge to enter it by, per column that needs it.
    var entries: [SchemaGraph.ColumnRef: Int] = [:]
    /// Tables to join even though no output or condition reads them (they were named).
    var extraTables: [Int] = []
    /// Tables the joins should pass through when two paths are as short (named in the question).
    var preferredTables: Set<Int> = []
    /// Foreign keys a verb or a role chose among several between the same two tables ("assigned":
    /// `assignee_id`, not `reporter_id`): every join between those tables crosses the chosen key.
    var roleEdges: Set<Int> = []
    /// Further statements combined with this one by INTERSECT or EXCEPT ("both Rock and Metal").
    var combined: [SetPart] = []

    static func == (a: QueryPlan, b: QueryPlan) -> Bool {
        a.base == b.base && a.outputs == b.outputs && a.conditions == b.conditions && a.groupBy == b.groupBy
            && a.having == b.having && a.orderBy.map(\.expr) == b.orderBy.map(\.expr)
            && a.orderBy.map(\.descending) == b.orderBy.map(\.descending) && a.limit == b.limit && a.distinct == b.distinct && a.combined == b.combined
    }
}

extension QueryPlan: Equatable {}
