/// Numbers written with no comparison word: "a price of 1.99", "priced at $1.99", "5 or more", a year.
extension Reading {
    /// "5 or more albums", "10 or fewer", "a price of 1.99", "2 engines", and a year with no preposition.
    mutating func readBareNumber(_ i: Int, _ value: Double) throws {
        // "a price of 1.99", "seats = 100": the column named just before; "2 engines": just after.
        let money = tokens[i].currency || tokens[safe: i + 1].flatMap({ Lexicon.units[$0.lower] })?.dimension == .money
        if !isYear(value) || money || spanStarting(i + 1).map({ graph.column(spans[$0].columns.first ?? ColumnRef(table: 0, column: 0)).kind == .numeric }) == true {
            var column: Int?
            // "priced at $1.99": a sum of money may follow its column with "at" or "for".
            let fillers: Set<String> = money ? ["of", "is", "are", "was", "=", "equal", "to", "exactly", "the", "at", "for"] : ["of", "is", "are", "was", "=", "equal", "to", "exactly", "the"]
            if let p = previous(i, skipping: fillers), let k = spanEnding(p),
               spans[k].columns.contains(where: { graph.column($0).kind == .numeric }), !used.contains(k) {
                column = k
            } else if let k = spanStarting(i + 1), spans[k].columns.contains(where: { graph.column($0).kind == .numeric }), !used.contains(k),
                      rank?.limit != Int(value), requestedCount != Int(value) {
                column = k
            }
            if let column {
                var intent = Intent(kind: .compare(op: "=", value: value, unit: nil, hint: nil), at: i)
                intent.columnSpan = column
                used.insert(column)
                intents.append(intent)
                consumed.insert(i)
                return
            }
            // "tracks that cost $0.99": a sum of money with no comparison word is a money column equal to it.
            if money, word(i + 1) != "or" {
                let unit = tokens[safe: i + 1].flatMap({ Lexicon.units[$0.lower] })
                var intent = Intent(kind: .compare(op: "=", value: value, unit: unit ?? Lexicon.Unit(dimension: .money, factor: 1), hint: nil), at: i)
                attachComparisonColumn(&intent, before: i, after: i + (unit == nil ? 1 : 2))
                intents.append(intent)
                consumed.insert(i)
                if unit != nil { consumed.insert(i + 1) }
                return
            }
        }
        if let w = word(i + 1), w == "or", let bound = word(i + 2), ["more", "less", "fewer", "greater", "higher", "lower", "over", "above", "under"].contains(bound) {
            let op = ["more", "greater", "higher", "over", "above"].contains(bound) ? ">=" : "<="
            consumed.formUnion(i...(i + 2))
            if let k = spanStarting(i + 3), let table = spans[k].table {
                used.insert(k)
                intents.append(Intent(kind: .havingCount(table: table, op: op, value: value), at: i, tableSpan: k))
                return
            }
            var intent = Intent(kind: .compare(op: op, value: value, unit: nil, hint: nil), at: i)
            attachComparisonColumn(&intent, before: i, after: i + 3)
            intents.append(intent)
            return
        }
        if isYear(value), !money, rank?.limit != Int(value) {
            intents.append(Intent(kind: .dates(from: (Int(value), 1), to: (Int(value) + 1, 1), wording: tokens[i].text), at: i))
            consumed.insert(i)
        }
    }
}
