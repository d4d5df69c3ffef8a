/// One reading of a question: what it asks for (rows, a count, an aggregate), what it is about,
/// how it groups and ranks, and its conditions, each tied to the words that asked for it.
///
/// The passes run in order: values are placed, then the words that shape a query (cues), then
/// names; conditions are read around values, numbers and dates; the remaining mentions get their
/// roles; any word left unexplained refuses the question. `build()` then settles columns and
/// tables and makes the plan.
struct Reading {
    typealias Token = QuestionText.Token
    typealias ColumnRef = SchemaGraph.ColumnRef
    typealias Refusal = Planner.Refusal

    /// A superlative, a "top N" or a "most": the order and the number of rows.
    struct Rank {
        enum Kind { case superlative, most, top, bestSelling, common }
        var kind: Kind
        var descending: Bool
        var limit: Int?
        let at: Int
        /// Stems of the columns a superlative ranks by; nil for a date, empty when named elsewhere.
        var words: [String]?
        var prefersBirth = false
        /// Where "by" stands in "top 3 artists by number of albums".
        var byAt: Int?
    }

    /// A condition before its column is settled.
    struct Intent {
        enum Kind {
            case value(String, [ColumnRef], negated: Bool)
            case text(String, match: TextMatch, negated: Bool)
            case compare(op: String, value: Double, unit: Lexicon.Unit?, hint: String?)
            case between(Double, Double, unit: Lexicon.Unit?)
            case compareToAverage(op: String, hint: String?)
            /// "heavier than iron": the same column of the row a value names.
            case compareToRow(op: String, hint: String?, value: String, holders: [ColumnRef])
            case dates(from: (year: Int, month: Int)?, to: (year: Int, month: Int)?, wording: String)
            case month(Int)
            /// Days of the week (0 is Sunday): "on a Saturday", "at weekends".
            case weekday([Int])
            /// "shipped after their required date": two columns of the same row.
            case compareColumns(op: String, left: ColumnRef, right: ColumnRef)
            /// "longer than a week": the days between a row's start and end dates.
            case interval(op: String, days: Double, wording: String)
            /// One day or a range bounded by days, each (year, month, day); `to` is exclusive.
            case day(from: (Int, Int, Int)?, to: (Int, Int, Int)?, wording: String)
            /// A time of day in seconds after midnight, compared by `op`, or from it up to `upTo`.
            case timeOfDay(op: String, seconds: Int, upTo: Int?, wording: String)
            case condition(Int)
            case threshold(Int)
            case havingCount(table: Int, op: String, value: Double)
            case key(table: Int, value: Double)
            case absence(table: Int?, verb: String?)
            /// A yes/no column named as a property ("inducted", "discontinued products").
            case flag(ColumnRef, negated: Bool)
            /// "customers with a company", "without a fax": the column holds a value (or not).
            case present(ColumnRef, negated: Bool)
            /// "won an Oscar": a column that counts the thing named is above zero.
            case counted(ColumnRef)
            /// "in the same country as their support rep": a column equal to the same column of a related row.
            case sameAs(ColumnRef, ColumnRef, edge: Int?)
        }
        enum TextMatch { case equals, contains, prefix, suffix }
        var kind: Kind
        let at: Int
        /// A column mention beside the condition.
        var columnSpan: Int?
        /// A table mention beside the condition.
        var tableSpan: Int?
        /// The edge a value's table is entered by ("flights to X": the destination key).
        var role: String?
        /// "genres that have an average box office above 200": the aggregate the comparison applies to, per subject row.
        var aggregate: String?
        /// "heavier than the average for their own species": the table whose rows group the average.
        var ownGroup: Int?
        /// "more albums than the average artist": the table whose rows are counted per subject row.
        var countedTable: Int?
    }

    let planner: Planner
    var graph: SchemaGraph { planner.graph }
    var terms: BusinessTerms { planner.terms }
    let tokens: [Token]
    var links: Linker
    /// Tokens a cue or a condition took.
    var consumed: Set<Int> = []
    /// Spans a role or a condition took.
    var used: Set<Int> = []

    // Cues.
    var countAt: Int?
    var distinctAt: Int?
    var aggregate: (function: String, at: Int)?
    /// "the minimum and maximum …": further aggregates of the same measure, and where each was said.
    var moreAggregates: [String] = []
    var aggregateAt: [Int] = []
    var rank: Rank?
    var groupCues: [Int] = []
    var dateGroups: [(part: DatePart, at: Int)] = []
    /// "which year", "what month": a date part is what the question asks for.
    var askedDatePart = false
    var negationAt: [Int] = []
    var moneyAt: Int?
    var quantityAt: Int?
    var outputUnit: Lexicon.Unit?
    /// "Which 5 customers": the number of rows asked for.
    var requestedCount: Int?
    /// "per sales support agent": groupings named by a value (the value's table, filtered to it).
    var valueGroupSpans: [Int] = []
    /// "ordered by X", "sorted by X": where the ordering's column is named; "alphabetically".
    var orderByAt: Int?
    var orderAlphabetical = false
    /// "in calendar order", "latest first": ordered by the date the rows (or their groups) carry.
    var orderChronological = false
    /// "highest first", "best paid first": ordered by the amount the answer lists.
    var orderByListed = false
    /// The stems of the measure two opposed superlatives order by ("from cheapest to priciest"), if they did.
    var orderMeasureWords: [String]?
    /// The participle between the superlative and "first" ("best paid first"), when one is said.
    var listedOrderVerb: Int?
    /// "List each island once": where the noun listed once stands.
    var onceAt: Int?
    /// "the genre of each track": the table after "each" (the rows), and the tables asked for before it.
    var eachSubject: Int?
    var eachTable: Int?
    /// Whether an "each"/"every" named the rows listed (so they are rows, not values to list once).
    var eachRows = false
    var askedTables: [Int] = []
    var orderDescending: Bool?
    var orderSpan: Int?
    /// Value conditions read together with a self-referencing key ("report to Andrew Adams").
    var absorbed: Set<Int> = []
    /// "after discount", "net of discounts": where money is asked net of the lines' discount.
    var netOfDiscountAt: Int?
    /// "how long": the answer is a duration.
    var durationAt: Int?
    /// "how many days did it take": the days per unit asked (1 for days, 7 for weeks), measured between two dates.
    var durationDays: Double?
    /// "between their first and last purchase": the noun whose rows' earliest and latest dates bound the length.
    var durationSpanAt: Int?
    /// "names", "who": the answer is the subject's label columns.
    var wantsLabel = false
    /// "the manager of X": where the question asks for the row X's self-referencing key points to.
    var managerAt: Int?
    /// "When was …": the date column that answers it.
    var dateAnswer: ColumnRef?
    /// "Use the issue date": the date column every date of the question is read on.
    var directedDate: ColumnRef?
    /// Linking tables the question named or used the verb of: the joins go through them.
    var junctions: Set<Int> = []
    /// "both Rock and Metal", "Western but not Drama": two values combined by a set operation.
    var coordination: Coordination?
    /// "islands with no Chinstrap penguins": the subject's rows that no row of a table holding the value refers to.
    var exclusion: Exclusion?
    /// "from the heaviest average down": the aggregate the answer is ordered by, when it is not the first measure.
    var orderedAggregate: String?
    /// Where an agent noun stood for the table at a linking table's other end ("directors"), and that linking table.
    var junctionMentions: [Int: Int] = [:]
    /// "more in total than", "on average longer than": an aggregate said as an adverb of a comparison,
    /// by where its "in" or "on" stands; a comparison claims it, and one left unclaimed refuses.
    var adverbialAggregates: [Int: String] = [:]
    var claimedAdverbs: Set<Int> = []
    /// "what percentage of": where a share of the counted rows is asked for.
    var shareAt: Int?
    /// "Which sales support agent's customers …": a value's rows, ranked by a measure of the rows they own.
    var possessorGroup = false
    /// Values an exclusion phrase governs, by where they start: true to read negated ("excluding
    /// cancelled bookings"), false to read as no condition ("cancelled ones included").
    var exclusionMarks: [Int: Bool] = [:]

    // Conditions and roles.
    var intents: [Intent] = []
    var subjectSpan: Int?
    var countSpan: Int?
    var groupSpans: [Int] = []
    var rankSpan: Int?
    var measureSpan: Int?
    var projectionSpans: [Int] = []
    /// Groupings by a table named through a foreign key's role: the edge to enter it by.
    var groupEdges: [Int: Int] = [:]
    /// Foreign keys a verb chose among several between two tables ("assigned": `assignee_id`).
    var roleEdges: Set<Int> = []
    var notes: [String] = []
    /// "highest salary first": the superlative sorts the whole list instead of ranking rows out.
    var listSorted = false

    init(tokens: [Token], planner: Planner) throws {
        self.planner = planner
        self.tokens = tokens
        links = Linker(tokens: tokens, graph: planner.graph, terms: planner.terms)
        links.linkTerms()
        readOrderWords()
        readOrderBetweenSuperlatives()
        readAsides()
        readAdverbialAggregates()
        readShare()
        try scanCues()
        readListOrder()
        readNetOfDiscount()
        readFirstLast()
        readOnce()
        readBusinessNouns()
        links.linkNames(skipping: consumed)
        readDateDirective()
        readAverageOfCounts()
        resolveJunctions()
        readRoleVerbs()
        readKeyVerbs()
        dropParticiplesAfterNouns()
        preferColumnsAfterAggregates()
        narrowWhoseColumns()
        readExclusionWords()
        try scanConditions()
        readOrderPhrase()
        readAggregateList()
        readSameAs()
        assignRoles()
        readCoordination()
        readExclusion()
        try checkEveryWord()
    }

    /// A linking table named in the question (`directed_by` by "directors", `cast_members` by
    /// "actors") stands for the table at its other end, entered through it: the directors are the
    /// people of `directed_by`. A verb that names it ("directed", "starred") adds only the path.
    private mutating func resolveJunctions() {
        var k = 0
        while k < spans.count {
            defer { k += 1 }
            guard let j = spans[k].table, let (first, second) = graph.junction(j) else { continue }
            junctions.insert(j)
            var mentioned = Set<Int>()
            for (m, span) in spans.enumerated() where m != k {
                if let t = span.table { mentioned.insert(t) }
                if case let .value(_, columns) = span.meaning { mentioned.formUnion(columns.map(\.table)) }
            }
            let ends = [first, second].filter { !mentioned.contains($0.parent) }
            // The table's own verb ("directed", "starring") links; its agent noun ("directors") names the other end.
            let typed = tokens[spans[k].range.lowerBound]
            let isVerb = spans[k].range.count == 1 && typed.stem == graph.tables[j].words.first
                && (typed.lower.hasSuffix("ed") || typed.lower.hasSuffix("ing"))
            if ends.isEmpty || isVerb && ends.count != 1 {
                consumed.formUnion(spans[k].range)
                links.remove(k)
                k -= 1
                continue
            }
            let people = ends.filter { graph.isPersonTable($0.parent) }
            guard let end = ends.count == 1 ? ends[0] : people.count == 1 ? people[0] : nil else { continue }
            if isVerb {
                consumed.formUnion(spans[k].range)
                links.remove(k)
                k -= 1
                continue
            }
            links.retype(k, as: .table(end.parent))
            links.setEdge(k, end.id)
            junctionMentions[spans[k].range.lowerBound] = j
        }
    }

    /// "the highest salary" where a table is named Salaries and has a salary column: after an
    /// aggregate or a superlative, the word names the column.
    private mutating func preferColumnsAfterAggregates() {
        let cues = [aggregate?.at, rank?.kind == .superlative ? rank?.at : nil].compactMap { $0 }
        for k in spans.indices {
            guard let table = spans[k].table, let p = previous(spans[k].range.lowerBound), cues.contains(p) else { continue }
            let numeric = spans[k].columnStrengths.filter { $0.key.table == table && $0.value >= 4 && graph.column($0.key).kind == .numeric }
            guard let column = numeric.keys.sorted().first else { continue }
            links.retype(k, as: .columns([column]))
        }
    }

    // MARK: Helpers

    var spans: [Linker.Span] { links.spans }

    /// The lowercased word at `i`, unless it is a number, a quoted string or inside a value.
    func word(_ i: Int) -> String? {
        guard tokens.indices.contains(i), tokens[i].number == nil, !tokens[i].quoted, !links.valueTokens.contains(i) else { return nil }
        return tokens[i].lower
    }

    /// The nearest index before `i` whose word is not in `skipping`.
    func previous(_ i: Int, skipping: Set<String> = ["the", "a", "an"]) -> Int? {
        var j = i - 1
        while j >= 0, let w = word(j), skipping.contains(w) { j -= 1 }
        return j >= 0 ? j : nil
    }

    /// The nearest index after `i` whose word is not in `skipping`.
    func following(_ i: Int, skipping: Set<String> = ["the", "a", "an"]) -> Int? {
        var j = i + 1
        while j < tokens.count, let w = word(j), skipping.contains(w) { j += 1 }
        return j < tokens.count ? j : nil
    }

    func spanStarting(_ i: Int?) -> Int? { i.flatMap { links.span(startingAt: $0) } }
    func spanEnding(_ i: Int?) -> Int? { i.flatMap { links.span(endingAt: $0) } }
    func spanCovering(_ i: Int) -> Int? { links.span(covering: i) }

    /// The words of a span as typed, quoted, for explanations.
    func quoted(_ k: Int) -> String {
        "\"" + tokens[spans[k].range].map(\.text).joined(separator: " ") + "\""
    }

    func tableName(_ t: Int) -> String { graph.tables[t].name }
    func columnName(_ ref: ColumnRef) -> String { graph.name(ref) }

    /// Whether the mention at span `k` is written in the plural ("tracks", "customers").
    func isPlural(_ k: Int) -> Bool {
        let last = tokens[spans[k].range.upperBound - 1]
        return last.lower != last.stem && last.lower.hasSuffix("s")
    }
}
