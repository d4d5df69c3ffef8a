/// Where an event happened, when the schema records no place of that event.
///
/// "Which albums were recorded in London?" has a verb that links things without a condition
/// ("recorded") and a stored value after it ("London"). Read as a plain condition, the value goes to
/// whatever column holds it, however far away: the city an invoice was billed to, four keys from
/// the albums. That answers another question. A place after a verb is the place of that verb's
/// event, so it is kept only where the schema can hold such a place:
/// - a column whose name says the event ("birth_country" for "born", "ship_city" for "shipped");
/// - a sale, an order or a payment, whose rows carry where they were made, on any table they reach;
/// - where something lives, is based or is held, on the rows named before the verb or the row they belong to.
/// Anything else is refused rather than answered from a place that records something else.
extension Reading {
    /// Verbs of where something is: its place is a column of the rows themselves or of their owner.
    static let placeVerbs: Set<String> = Lexicon.stems([
        "live", "reside", "locate", "base", "stay", "work", "headquarter", "situate", "settle", "station",
        "hold", "happen", "occur", "take", "stage", "host", "play", "perform", "open", "register",
        // Where a trip or a thing goes: its origin or destination is a column of its own rows.
        "depart", "leave", "arrive", "land", "fly", "come", "go", "travel", "return", "pick", "drop", "board",
        "start", "begin", "end", "finish", "head", "route", "park", "install", "place", "put",
        // Where a thing is filed: "products listed in Beverages", "tracks included in the Rock genre".
        "list", "include", "contain", "feature", "classify", "categorize", "categorise", "group", "file", "tag",
        "label", "catalog", "catalogue", "sort", "rank", "find", "see", "know", "name", "title", "call", "mark", "set",
        "write", "price", "rate", "store", "keep", "stock", "assign", "link", "associate", "relate",
    ])

    /// Verbs of trade, whose rows record where each was made, on whatever table holds that.
    static let tradeVerbs: Set<String> = Lexicon.stems([
        "sell", "sold", "buy", "bought", "purchase", "order", "ship", "deliver", "send", "sent", "bill", "invoice",
        "pay", "paid", "charge", "spend", "spent", "book", "rent", "earn",
    ])

    /// Participles whose noun is another word ("born": birth), for a column that names the event.
    static let eventNouns: [String: String] = ["born": "birth", "sold": "sale", "bought": "purchase", "paid": "payment", "sent": "send"]

    /// Refuses a stored value after "in" or "at" that follows a verb of an event the
    /// schema holds no place for (see the type's comment).
    func refuseUnheldEventPlace() throws {
        // Not "from": "revenue came from large pizzas" names a source, not a place.
        for p in tokens.indices.dropFirst() where ["in", "at"].contains(tokens[p].lower) && !consumed.contains(p) {
            let v = p - 1
            let verb = tokens[v].lower
            // "born" may also name a birth date, a column of the rows: the place still needs a column of its own.
            let covering = spanCovering(v)
            guard !consumed.contains(v), covering.map({ spans[$0].table == nil && spans[$0].range.count == 1 && !spans[$0].columns.isEmpty }) ?? true, verb.count > 3,
                  !["were", "was", "been", "had", "did", "does", "made"].contains(verb),
                  verb.hasSuffix("ed") || WordNetForms.irregular[verb] != nil || Self.eventNouns[verb] != nil,
                  let k = spanStarting(following(p)), case let .value(_, holders) = spans[k].meaning, !holders.isEmpty else { continue }
            let stem = tokens[v].stem
            if Self.tradeVerbs.contains(stem) || Self.tradeVerbs.contains(verb) { continue }
            // "born in" and a column "birth_country"; "shipped to" and "ship_city".
            let eventWords = Set([stem, Lexicon.stem(verb)] + (Self.eventNouns[verb].map { [Lexicon.stem($0)] } ?? []))
            if holders.contains(where: { !Set(graph.column($0).words).isDisjoint(with: eventWords) }) { continue }
            if Self.placeVerbs.contains(stem), let named = tableNamed(before: v) {
                let near = Set([named] + graph.edges.filter { $0.child == named }.map(\.parent))
                if holders.contains(where: { near.contains($0.table) }) { continue }
            }
            throw Refusal("nothing in the schema records where things were \(verb) (\"\(tokens[v].text) \(tokens[p].text) \(tokens[spans[k].range].map(\.text).joined(separator: " "))\")")
        }
    }

    /// The table of the nearest mention before token `i` that names one table.
    private func tableNamed(before i: Int) -> Int? {
        for j in stride(from: i - 1, through: 0, by: -1) {
            guard let k = spanEnding(j) else { continue }
            if let table = spans[k].table { return table }
            let tables = Set(spans[k].columns.map(\.table))
            if tables.count == 1 { return tables.first }
        }
        return nil
    }
}
