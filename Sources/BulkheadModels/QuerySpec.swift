/// The query the offline planner decided on, before it is written as SQL.
struct QuerySpec {
    /// What the SELECT returns.
    enum Selection {
        /// The subject's rows.
        case rows
        /// The number of subject rows (per group when grouped).
        case count
        /// The number of distinct values of a column (per group when grouped).
        case countDistinct(SchemaIndex.ColumnRef)
        /// An aggregate (`SUM`, `AVG`, `MIN`, `MAX`) of a column (per group when grouped).
        case aggregate(function: String, column: SchemaIndex.ColumnRef)
    }

    /// A WHERE condition on one column.
    struct Filter {
        enum Operation {
            case equals(String)
            case equalsIgnoringCase(String)
            /// "in Brazil or Canada": any of the values.
            case oneOf([String])
            case contains(String)
            case compare(String, Double)
            case between(Double, Double)
            /// `from ≤ column < to`, on ISO dates written as text.
            case dateRange(from: String?, to: String?)
        }
        let column: SchemaIndex.ColumnRef
        let operation: Operation
        /// Why the planner chose it, for the explanation.
        let reason: String
    }

    /// How the result is ordered.
    enum Ordering {
        case column(SchemaIndex.ColumnRef, descending: Bool)
        case selectedValue(descending: Bool)
    }

    /// The table the rows come from.
    var subject: Int
    var selection: Selection = .rows
    /// Columns to group by.
    var groupColumns: [SchemaIndex.ColumnRef] = []
    /// A table to group by (its key and label).
    var groupTable: Int?
    var filters: [Filter] = []
    /// Tables named in the question that must be joined even without a filter on them.
    var extraTables: [Int] = []
    /// `HAVING COUNT(...) op n` for "more than 10 albums".
    var having: (table: Int, op: String, value: Double)?
    var ordering: Ordering?
    var limit: Int?
}
