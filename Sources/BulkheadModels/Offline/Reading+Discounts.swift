/// Money net of a line's discount: "revenue after discount", "spent net of discounts",
/// "discounted sales". Where the lines that hold a price and a quantity also hold a discount (a
/// fraction of the price), the money is quantity × price × (1 − discount); the words that asked
/// for it are taken, so "discount" does not become the measured column.
extension Reading {
    static let discountStem = Lexicon.stem("discount")
    static let netWords: Set<String> = ["after", "net", "less", "minus"]

    /// A numeric column of `table` that holds a discount as a fraction of the price.
    func discountColumn(of table: Int) -> ColumnRef? {
        graph.tables[table].columns.first { column in
            column.kind == .numeric && !column.isKey && column.ownWords.contains(Self.discountStem)
                && column.values.allSatisfy { Double($0).map { $0 >= 0 && $0 < 1 } ?? true }
        }?.ref
    }

    /// Reads "after discount(s)", "net of discount(s)", "less discounts" and "discounted" beside a
    /// word of money, when some table holds a discount column.
    mutating func readNetOfDiscount() {
        guard graph.tables.indices.contains(where: { discountColumn(of: $0) != nil }) else { return }
        for i in tokens.indices where word(i) != nil && tokens[i].stem == Self.discountStem && !consumed.contains(i) {
            if tokens[i].lower == "discounted" {
                netOfDiscountAt = i
                consumed.insert(i)
                return
            }
            guard let p = previous(i), let w = word(p) else { continue }
            if Self.netWords.contains(w) {
                netOfDiscountAt = i
                consumed.formUnion([p, i])
            } else if w == "of", let q = previous(p), word(q) == "net" {
                netOfDiscountAt = i
                consumed.formUnion([q, p, i])
            }
            if netOfDiscountAt != nil { return }
        }
    }

    /// The money of lines with a price and a quantity, net of their discount when the question
    /// asked for it; a refusal when it asked and the money it measured has no discount.
    mutating func netOfDiscount(_ expr: QueryPlan.Expr, table: Int) throws -> QueryPlan.Expr {
        guard netOfDiscountAt != nil else { return expr }
        guard case .arithmetic = expr, let discount = discountColumn(of: table) else {
            throw Refusal("no discount applies to \(describe(expr))")
        }
        notes.append("took off \(columnName(discount))")
        return .discounted(expr, discount)
    }
}

extension Reading {
    /// Refuses a plan that dropped "after discount": the money it measures is not net of one.
    func refuseIgnoredDiscount(_ plan: QueryPlan) throws {
        guard netOfDiscountAt != nil else { return }
        func discounted(_ expr: QueryPlan.Expr) -> Bool {
            switch expr {
            case .discounted: return true
            case let .aggregate(_, inner), let .scaled(inner, _), let .countDistinct(inner): return discounted(inner)
            case let .arithmetic(parts, _): return parts.contains(where: discounted)
            default: return false
            }
        }
        let exprs = plan.outputs.map(\.expr) + plan.orderBy.map(\.expr)
        guard exprs.contains(where: discounted) else { throw Refusal("it cannot take the discount off what it measures") }
    }
}
